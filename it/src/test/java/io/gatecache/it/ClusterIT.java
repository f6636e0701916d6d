package io.gatecache.it;

import static io.gatecache.it.Http.xCache;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.it.app.CacheMBean;
import io.gatecache.it.app.ClusterResource;
import io.gatecache.it.app.Probe;
import io.gatecache.it.app.ProbeResource;
import io.gatecache.it.app.TaggedResource;
import io.gatecache.it.micro.MicroServers;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two Payara Micro instances on loopback sharing one replicated store over JGroups TCP, their
 * messages sealed with the cluster secret they share (from the WAR's MicroProfile Config): one
 * cache across the nodes. Every request carries one Host, as a load balancer in front of both would
 * pass on. Node B is deployed by the tests, so that one can kill it and start it again: each test
 * starts from the state it needs (both nodes up and settled, or node B down), whatever ran before.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String HOST = "www.gatecache.test";
    /** Node B's server, as the container that runs it names it. */
    private static final String NODE_B = "node-b";
    private static final String CONFIG = "gatecache.store.config=gatecache/infinispan-replicated.xml\n"
            // the members' secret: every message between the nodes sealed with it
            + "gatecache.cluster.secret=the-secret-both-nodes-of-ClusterIT-share\n"
            + "gatecache.hosts=" + HOST + "\n"
            + "gatecache.purge.trusted-addresses=127.0.0.0/8,::1\n"
            // two servers answering 200 requests on two cores: the waits get room
            + "gatecache.coalescing-timeout-ms=60000\n";

    @ArquillianResource
    private Deployer deployer;

    private final Node a = new Node("gatecache.it.http.a");
    private final Node b = new Node("gatecache.it.http.b");

    private static WebArchive node() {
        return Deployments.example("cluster.war", CONFIG, Probe.class, ProbeResource.class, TaggedResource.class,
                ClusterResource.class, CacheMBean.class);
    }

    /** Node A: a server of its own, as node B. */
    @Deployment(name = "a", testable = false)
    @TargetsContainer("payara-micro")
    static WebArchive nodeA() {
        return node();
    }

    @Deployment(name = "b", testable = false, managed = false)
    @TargetsContainer("node-b")
    static WebArchive nodeB() {
        return node();
    }

    /** One node: its fixed HTTP port, every request with the shared Host. */
    private static final class Node {
        private final Http http;
        private final java.net.URI root;

        Node(String portProperty) {
            try {
                root = java.net.URI.create("http://127.0.0.1:" + System.getProperty(portProperty) + "/cluster/");
                http = new Http(root.toURL());
            } catch (java.net.MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A visitor of the site on this node, with a cookie jar of its own. */
        SiteUser visitor() {
            return new SiteUser(root, "Host", HOST);
        }

        HttpResponse<String> get(String path) {
            return http.get(path, "Host", HOST);
        }

        CompletableFuture<HttpResponse<String>> getAsync(String path) {
            return http.getAsync(path, "Host", HOST);
        }

        HttpResponse<String> send(String method, String path, String body, String... headers) {
            HttpRequest.Builder r = http.request(path, headers).header("Host", HOST).header("Content-Type",
                    "text/plain");
            return http.send(r.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body)).build());
        }

        int calls(String counter) {
            return Integer.parseInt(get("api/probe/calls/" + counter).body());
        }

        /** mode, role, members, waiting, settled. */
        String[] view() {
            return get("api/cluster/view").body().split(" ");
        }

        /** Whether this node sees {@code members} nodes, with its store in step with them. */
        boolean settledWith(int members) {
            String[] view = view();
            return Integer.parseInt(view[2]) == members && Boolean.parseBoolean(view[4]);
        }
    }

    /**
     * Both nodes up and in one cluster, each with its store settled (every member holding its
     * share, every purge in force): node B is deployed again if it is not running.
     */
    private void bothNodesUp() {
        if (MicroServers.process(NODE_B).isEmpty()) {
            deployer.undeploy("b");
            deployer.deploy("b");
        }
        poll(() -> a.settledWith(2) && b.settledWith(2), "both nodes in one cluster, settled");
    }

    /** Kills node B's process (SIGKILL), and waits until node A has settled without it. */
    private void killNodeB() throws Exception {
        ProcessHandle nodeB = MicroServers.process(NODE_B).orElseThrow(() -> new AssertionError("node B runs"));
        nodeB.destroyForcibly();
        nodeB.onExit().get(60, TimeUnit.SECONDS);
        poll(() -> a.settledWith(1), "node A sees node B gone");
    }

    /** Closes (PUT) or opens (DELETE) a probe gate on both nodes. */
    private void onBothNodes(String method, String gate) {
        assertEquals(204, a.send(method, gate, null).statusCode());
        assertEquals(204, b.send(method, gate, null).statusCode());
    }

    private static void poll(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 120 s: " + what);
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    @Order(1)
    @Tag("MUST")
    void twoNodesFormOneCluster() throws IOException {
        bothNodesUp();
        String[] va = a.view();
        String[] vb = b.view();
        assertEquals("replicated", va[0]);
        assertEquals("replicated", vb[0]);
        assertTrue(!va[1].equals(vb[1]), "one coordinator, one member: " + va[1] + " " + vb[1]);
        assertEquals("AVAILABLE", va[5]);
        assertEquals("AVAILABLE", vb[5]);
        for (String server : List.of("payara-micro", NODE_B)) {
            Path log = MicroServers.log(server).orElseThrow(() -> new AssertionError(server + " runs"));
            assertFalse(Files.readString(log).contains("without gatecache.cluster.secret"),
                    log + ": the store started with the secret");
        }
    }

    @Test
    @Order(2)
    @Tag("MUST")
    void whatOneNodeStoredIsAHitOnTheOther() {
        bothNodesUp();
        HttpResponse<String> first = a.get("api/probe/cc/shared?cc=public,max-age=600");
        assertEquals("MISS", xCache(first));
        HttpResponse<String> there = b.get("api/probe/cc/shared?cc=public,max-age=600");
        assertEquals("HIT", xCache(there));
        assertEquals(first.body(), there.body());
        assertEquals(0, b.calls("cc/shared"), "node B's application was never asked");
    }

    @Test
    @Order(2)
    @Tag("MUST")
    void readersLoggedInOnEitherNodeShareOnePageAndAnEditorGetsAnother() {
        bothNodesUp();
        HttpResponse<String> stored = a.visitor().login("reader1").get("site/location/23");
        assertEquals("MISS", xCache(stored));
        assertTrue(stored.body().contains("Members area"), stored.body());
        HttpResponse<String> shared = b.visitor().login("reader2").get("site/location/23");
        assertEquals("HIT", xCache(shared), "reader2 on node B gets the page reader1's request stored on node A");
        assertEquals(stored.body(), shared.body());
        HttpResponse<String> editor = b.visitor().login("editor").get("site/location/23");
        assertEquals("MISS", xCache(editor));
        assertTrue(editor.body().contains("Edit this page"), editor.body());
        HttpResponse<String> anonymous = a.visitor().get("site/location/23");
        assertFalse(anonymous.body().contains("Members area") || anonymous.body().contains("Edit this page"),
                "an anonymous visitor on node A gets neither");
    }

    @Test
    @Order(3)
    @Tag("MUST")
    void aPurgeOnOneNodeIsSeenOnTheOther() {
        bothNodesUp();
        String tagged = "api/tagged/header/cluster?tags=shelf";
        a.get(tagged);
        assertEquals("HIT", xCache(b.get(tagged)));
        assertEquals("purged shelf", b.send("POST", "api/cluster/purge-tags?tags=shelf", null).body(),
                "a tag purge over JMX on node B");
        assertEquals("MISS", xCache(a.get(tagged)), "seen on node A as soon as the call returned");

        String url = "api/probe/cc/by-url?cc=public,max-age=600";
        b.get(url);
        assertEquals("HIT", xCache(a.get(url)));
        assertEquals(200, a.send("PURGE", url, null).statusCode());
        assertEquals("MISS", xCache(b.get(url)), "a PURGE of the URL on node A, seen on node B");

        for (String page : List.of("site/location/20", "site/location/2")) {
            a.get(page);
            assertEquals("HIT", xCache(b.get(page)), page);
        }
        assertEquals(204, a.send("PUT", "site/content/55", "Child v2\nA new version").statusCode());
        assertEquals("MISS", xCache(b.get("site/location/20")), "the JPA change on node A cleared node B's page");
        assertEquals("HIT", xCache(b.get("site/location/2")), "and nothing it does not touch");
    }

    @Test
    @Order(4)
    @Tag("MUST")
    void aColdKeyRequestedOnBothNodesAtOnceCostsOneOriginCall() throws Exception {
        bothNodesUp();
        String gate = "api/probe/gate/slow/cold";
        onBothNodes("PUT", gate);
        List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            replies.add(a.getAsync("api/probe/slow/cold"));
            replies.add(b.getAsync("api/probe/slow/cold"));
        }
        poll(() -> a.calls("slow/cold") + b.calls("slow/cold") == 1 && Integer.parseInt(a.view()[3]) > 0
                && Integer.parseInt(b.view()[3]) > 0, "one request in the origin, others waiting on both nodes");
        onBothNodes("DELETE", gate);
        for (CompletableFuture<HttpResponse<String>> reply : replies) {
            HttpResponse<String> r = reply.get(120, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode());
            assertEquals("slow call 1", r.body());
        }
        assertEquals(1, a.calls("slow/cold") + b.calls("slow/cold"), "one origin call for the whole cluster");
    }

    @Test
    @Order(5)
    @Tag("MUST")
    void aStaleEntryIsRefreshedInTheBackgroundByOneNodeOnly() {
        bothNodesUp();
        String page = "api/probe/swr/shared";
        String gate = "api/probe/gate/swr/shared";
        assertEquals("MISS", xCache(a.get(page)));
        onBothNodes("PUT", gate);
        HttpResponse<String> stale = a.http.getUntil(page, x -> "STALE".equals(xCache(x)), Duration.ofSeconds(60),
                "Host", HOST);
        assertEquals("swr call 1", stale.body());
        poll(() -> a.calls("swr/shared") + b.calls("swr/shared") == 2, "node A's refresh held in the resource");
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = b.get(page);
            assertEquals("STALE", xCache(r), "node B serves the stale entry while node A refreshes it");
            assertEquals("swr call 1", r.body());
        }
        onBothNodes("DELETE", gate);
        HttpResponse<String> refreshed = b.http.getUntil(page, x -> "HIT".equals(xCache(x)), Duration.ofSeconds(60),
                "Host", HOST);
        assertEquals("swr call 2", refreshed.body(), "node A's refresh, stored for both");
        assertEquals(2, a.calls("swr/shared") + b.calls("swr/shared"),
                "one background refresh for the cluster, however many stale answers on either node");
    }

    @Test
    @Order(6)
    @Tag("MUST")
    void aNodeKilledUnderLoadLeavesTheOtherServingWithoutErrors() throws Exception {
        bothNodesUp();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger done = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int thread = t;
            loops.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; !stop.get(); i++) {
                    // hits, and misses whose stores go to both nodes while one dies
                    String path = i % 4 == 0 ? "api/probe/cc/load-" + thread + "-" + i + "?cc=public,max-age=600"
                            : "api/probe/cc/load-hot-" + (i % 7) + "?cc=public,max-age=600";
                    try {
                        HttpResponse<String> r = a.get(path);
                        if (r.statusCode() != 200) {
                            failures.add(path + ": " + r.statusCode());
                        }
                    } catch (RuntimeException | AssertionError e) {
                        failures.add(path + ": " + e);
                    }
                    done.incrementAndGet();
                }
            }));
        }
        poll(() -> done.get() > 300, "load running");
        killNodeB();
        int after = done.get();
        poll(() -> done.get() > after + 300, "load goes on");
        stop.set(true);
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        assertEquals(List.of(), failures, "no failed request on node A");
    }

    @Test
    @Order(7)
    @Tag("MUST")
    void aRestartedNodeRejoinsWithoutStaleContent() throws Exception {
        // with node B down, store two pages on A, then purge one of them
        if (MicroServers.process(NODE_B).isPresent()) {
            killNodeB();
        }
        String kept = "api/tagged/header/rejoin-kept?tags=kept";
        String purged = "api/tagged/header/rejoin-purged?tags=gone";
        a.get(kept);
        a.get(purged);
        assertEquals("HIT", xCache(a.get(purged)));
        a.send("POST", "api/cluster/purge-tags?tags=gone", null);
        bothNodesUp();
        assertEquals("HIT", xCache(b.get(kept)), "the store's state came back to node B");
        HttpResponse<String> fresh = b.get(purged);
        assertEquals("MISS", xCache(fresh), "what was purged while node B was away is not served");
        assertEquals("call 1", fresh.body(), "built by node B's application, not the purged copy");
    }
}
