package io.gatecache.it;

import static io.gatecache.it.FastPathIT.hitGoesThroughTheServletChain;

import io.gatecache.it.app.SelfAuthenticating;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application that authenticates requests itself (a Jakarta Security mechanism, no security
 * constraint) gets no fast path: its container may authenticate any request, so every hit goes
 * into the container. Run on Payara with the valve ({@code gatecache.it.fastPath}).
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "gatecache.it.fastPath", matches = "true")
class FastPathAuthenticationIT {

    @Deployment(testable = false)
    static WebArchive selfAuthenticating() {
        return FastPathIT.example("authenticating.war", "").addClass(SelfAuthenticating.class);
    }

    @Test
    @Tag("MUST")
    void anApplicationThatAuthenticatesRequestsItselfGetsNoFastPath(@ArquillianResource URL base) throws Exception {
        hitGoesThroughTheServletChain(base, "the hit went into the container, and its authentication");
    }
}
