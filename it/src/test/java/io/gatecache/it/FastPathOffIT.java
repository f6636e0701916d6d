package io.gatecache.it;

import static io.gatecache.it.FastPathIT.hitGoesThroughTheServletChain;

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
 * With {@code gatecache.fast-path=false}, every hit goes through the servlet chain, where a fast
 * path below the web container is on ({@code gatecache.it.fastPath}).
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "gatecache.it.fastPath", matches = "true")
class FastPathOffIT {

    @Deployment(testable = false)
    static WebArchive slow() {
        return FastPathIT.example("slow.war", "gatecache.fast-path=false\n");
    }

    @Test
    @Tag("MUST")
    void withTheFastPathOffEveryHitGoesThroughTheServletChain(@ArquillianResource URL base) throws Exception {
        hitGoesThroughTheServletChain(base, "gatecache.fast-path=false: the filter ran for the hit");
    }
}
