package io.gatecache.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.it.bad.BadResource;
import io.gatecache.it.micro.MicroServers;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A wrong {@code @Cached} fails the deployment with a message naming the class, the method and
 * the fix: deployed by the test on the Payara Micro server the other tests use, which reports what
 * the server logged while the deployment failed.
 */
@ExtendWith(ArquillianExtension.class)
class InvalidCachedDeploymentIT {

    /** The server the other test classes deploy to. */
    private static final String SERVER = "payara-micro";

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = "bad", managed = false, testable = false)
    static WebArchive bad() {
        return Deployments.example("bad.war", BadResource.class);
    }

    @Test
    void invalidCachedFailsTheDeploymentWithAMessageNamingClassMethodAndFix() throws Exception {
        // the server runs (it started for the first test class, or starts now for this one's)
        Path log = MicroServers.log(SERVER).orElse(null);
        long before = log == null ? 0 : Files.size(log);
        Exception failed = assertThrows(Exception.class, () -> deployer.deploy("bad"));
        log = MicroServers.log(SERVER).orElseThrow(() -> new AssertionError("the server's log: " + failed));
        String output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).substring((int) before);
        assertTrue(output.contains("invalid @Cached"), "no @Cached error in the server's output:\n" + failed);
        String method = "io.gatecache.it.bad.BadResource#create()";
        assertTrue(output.contains(method + ": maxAge=-5 is negative; use a number of seconds >= 0"), output);
        assertTrue(output.contains(method + ": only GET responses are cached, but the method is @POST"), output);
        String server = MicroServers.url(SERVER).orElseThrow(() -> new AssertionError("the server runs"));
        HttpResponse<String> r = new Http(new URL(server)).get("bad/api/bad");
        assertEquals(404, r.statusCode(), "the application must not be deployed");
    }

}
