package io.gatecache.it;

import static io.gatecache.it.Http.xCache;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatecache.it.app.Probe;
import io.gatecache.it.app.ProbeResource;
import io.gatecache.it.app.TaggedResource;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Purge trust by address, for a server that trusts this host's loopback addresses: a request a
 * proxy passed on, whatever field says so, is trusted by the token only, so a proxy on the same
 * host that sets only the client's address does not make every client trusted.
 */
class ProxyTrustIT extends ArquillianHttpCase {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.example("proxytrust.war", "gatecache.purge.trusted-addresses=127.0.0.0/8,::1\n",
                Probe.class, ProbeResource.class, TaggedResource.class);
    }

    private HttpResponse<String> purgeTag(Http client, String tag, String... fields) {
        String[] all = new String[fields.length + 2];
        all[0] = "xkey";
        all[1] = tag;
        System.arraycopy(fields, 0, all, 2, fields.length);
        return client.send(client.request("api/", all).method("PURGE", HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void aCallerOnThisHostIsTrustedByItsAddress() {
        String page = "api/tagged/header/direct?tags=d1";
        stored(page);
        assertEquals(200, purgeTag(http, "d1").statusCode());
        assertEquals("MISS", xCache(http.get(page)));
    }

    @Test
    void theFieldsAProxySetsMakeARequestOneOfAProxy() {
        String page = "api/tagged/header/signs?tags=s1";
        stored(page);
        for (String[] sign : new String[][] {{"X-Real-IP", "203.0.113.9"}, {"X-Forwarded-Host", "www.example.org"},
                {"X-Forwarded-For", "203.0.113.9"}, {"Forwarded", "for=203.0.113.9"}, {"Via", "1.1 proxy"}}) {
            HttpResponse<String> r = purgeTag(http, "s1", sign);
            assertEquals(403, r.statusCode(), sign[0] + ": " + r.body());
        }
        // a Connection field naming one does not take it out of what trust reads
        RawHttp.Exchange named = RawHttp.send(base, "PURGE " + base.getPath() + "api/ HTTP/1.1\r\nHost: "
                + base.getHost() + ":" + base.getPort() + "\r\nxkey: s1\r\nX-Real-IP: 203.0.113.9\r\n"
                + "Connection: X-Real-IP, close\r\n\r\n");
        assertEquals(403, named.status(), named.response());
        assertEquals("HIT", xCache(http.get(page)), "nothing was purged");
    }

    @Test
    void behindAProxyOnThisHostThatSetsOnlyTheClientsAddressNobodyIsTrustedByAddress() throws Exception {
        String page = "api/tagged/header/realip?tags=r1";
        stored(page);
        try (Nginx nginx = Nginx.inFrontOf(base, "proxy_set_header X-Real-IP $remote_addr;")) {
            HttpResponse<String> r = purgeTag(new Http(nginx.base(base)), "r1");
            assertEquals(403, r.statusCode(), r.body());
        }
        assertEquals("HIT", xCache(http.get(page)), "nothing was purged");
    }
}
