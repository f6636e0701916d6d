package io.gatecache.it;

import static io.gatecache.it.FastPathIT.get;
import static io.gatecache.it.FastPathIT.hitGoesThroughTheServletChain;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application with a security constraint (on another path) gets no fast path: the container's
 * authentication must see every request. Run where a fast path below the web container is on
 * ({@code gatecache.it.fastPath}).
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "gatecache.it.fastPath", matches = "true")
class FastPathConstraintIT {

    @Deployment(testable = false)
    static WebArchive guarded() {
        return FastPathIT.withoutMechanism(FastPathIT.example("guarded.war", "")).addAsWebInfResource(new StringAsset("""
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <security-constraint>
                    <web-resource-collection>
                      <web-resource-name>admin</web-resource-name>
                      <url-pattern>/admin/*</url-pattern>
                    </web-resource-collection>
                    <auth-constraint><role-name>admin</role-name></auth-constraint>
                  </security-constraint>
                  <login-config><auth-method>BASIC</auth-method></login-config>
                  <security-role><role-name>admin</role-name></security-role>
                </web-app>
                """), "web.xml");
    }

    @Test
    @Tag("MUST")
    void aDeploymentWithSecurityConstraintsGetsNoFastPath(@ArquillianResource URL base) throws Exception {
        hitGoesThroughTheServletChain(base, "the hit went through the servlet chain, and its authentication");
        assertEquals(401, get(base, "admin/x").statusCode(), "the constraint is in force");
    }
}
