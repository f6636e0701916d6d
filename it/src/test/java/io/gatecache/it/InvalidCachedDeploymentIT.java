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
 * A wrong {@code @Cached}, or a configuration value its key does not allow, fails the deployment
 * with a message that says what to fix: deployed by the test on the Payara Micro server the other
 * tests use, which reports what the server logged while the deployment failed.
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

    @Deployment(name = "badsetting", managed = false, testable = false)
    static WebArchive badSetting() {
        return Deployments.example("badsetting.war", "gatecache.esi.max-depth=0\n");
    }

    /** What the server logged while a deployment failed. */
    private String failedDeployment(String name) throws Exception {
        // the server runs (it started for the first test class, or starts now for this one's)
        Path log = MicroServers.log(SERVER).orElse(null);
        long before = log == null ? 0 : Files.size(log);
        Exception failed = assertThrows(Exception.class, () -> deployer.deploy(name));
        log = MicroServers.log(SERVER).orElseThrow(() -> new AssertionError("the server's log: " + failed));
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).substring((int) before);
    }

    @Test
    void aSettingItsKeyDoesNotAllowFailsTheDeploymentNamingKeyValueAndWhatIsAllowed() throws Exception {
        String output = failedDeployment("badsetting");
        assertTrue(output.contains("Gatecache: gatecache.esi.max-depth is '0'; allowed: a whole number, 1 or more"),
                output);
        String server = MicroServers.url(SERVER).orElseThrow(() -> new AssertionError("the server runs"));
        HttpResponse<String> r = new Http(new URL(server)).get("badsetting/site/location/20");
        assertEquals(404, r.statusCode(), "the application must not be deployed");
    }

    @Test
    void invalidCachedFailsTheDeploymentWithAMessageNamingClassMethodAndFix() throws Exception {
        String output = failedDeployment("bad");
        assertTrue(output.contains("invalid @Cached"), "no @Cached error in the server's output:\n" + output);
        String method = "io.gatecache.it.bad.BadResource#create()";
        assertTrue(output.contains(method + ": maxAge=-5 is negative; use a number of seconds >= 0"), output);
        assertTrue(output.contains(method + ": only GET responses are cached, but the method is @POST"), output);
        String server = MicroServers.url(SERVER).orElseThrow(() -> new AssertionError("the server runs"));
        HttpResponse<String> r = new Http(new URL(server)).get("bad/api/bad");
        assertEquals(404, r.statusCode(), "the application must not be deployed");
    }

}
