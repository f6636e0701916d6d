package io.gatecache.core.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The requests each kind of purge server is sent, batched to its limits. */
class PurgeCallsTest {

    private static PurgeCalls calls(PurgeServerKind kind, boolean soft) {
        return new PurgeCalls(kind, soft, PurgeCalls.DEFAULT_MAX_FIELD_LENGTH, "tok", "svc1");
    }

    private static List<String> tags(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(String.format("tag%05d", i));
        }
        return out;
    }

    @Test
    void varnishXkeySoftPurgesUnlessHard() {
        List<OutboundRequest> soft = calls(PurgeServerKind.VARNISH_XKEY, true).of(List.of(
                new DownstreamPurge.ByTags(Set.of("l22", "c55")), new DownstreamPurge.ByTags(Set.of("c55", "l20"))));
        assertEquals(List.of(new OutboundRequest("PURGEKEYS", "", List.of(Map.entry("xkey-softpurge", "c55 l20 l22")), null)),
                soft, "the batch's tags, each once");
        assertEquals("c55", calls(PurgeServerKind.VARNISH_XKEY, false)
                .of(List.of(new DownstreamPurge.ByTags(Set.of("c55")))).get(0).field("xkey-purge"));
    }

    @Test
    void varnishBanSendsFosHttpCachesTagExpression() {
        OutboundRequest r = calls(PurgeServerKind.VARNISH_BAN, true)
                .of(List.of(new DownstreamPurge.ByTags(Set.of("a.b", "c55")))).get(0);
        assertEquals("BAN", r.method());
        assertEquals("(^|,)(a\\.b|c55)(,|$)", r.field("X-Cache-Tags"));
        assertEquals(".*", r.field("X-Url"));
        assertEquals(".*", r.field("X-Host"));
        assertEquals(".*", r.field("X-Content-Type"));
        Pattern p = Pattern.compile(r.field("X-Cache-Tags"));
        assertTrue(p.matcher("x,a.b,y").find());
        assertTrue(!p.matcher("x,aXb,y").find() && !p.matcher("c555").find(), "whole tags only");
    }

    @Test
    void httpSendsPurgetagsAndTheTokenWhenOneIsSet() {
        OutboundRequest r = calls(PurgeServerKind.HTTP, true).of(List.of(new DownstreamPurge.ByTags(Set.of("b", "a")))).get(0);
        assertEquals(new OutboundRequest("PURGETAGS", "", List.of(Map.entry("X-Cache-Tags", "a,b"),
                Map.entry("Authorization", "Bearer tok")), null), r);
        assertEquals(List.of(Map.entry("X-Cache-Tags", "a")), new PurgeCalls(PurgeServerKind.HTTP, true, 7500, null, null)
                .of(List.of(new DownstreamPurge.ByTags(Set.of("a")))).get(0).fields());
    }

    @Test
    void noFieldIsLongerThanTheMaximum() {
        PurgeCalls calls = new PurgeCalls(PurgeServerKind.VARNISH_XKEY, true, 300, null, null);
        List<OutboundRequest> out = calls.of(List.of(new DownstreamPurge.ByTags(Set.copyOf(tags(100)))));
        int seen = 0;
        for (OutboundRequest r : out) {
            String v = r.field("xkey-softpurge");
            assertTrue(v.length() <= 300, v.length() + " bytes");
            seen += v.split(" ").length;
        }
        assertEquals(100, seen, "every tag, once");
        assertEquals(4, out.size(), "33 tags of 8 bytes and a space fill 296 bytes");
        for (OutboundRequest r : new PurgeCalls(PurgeServerKind.VARNISH_BAN, true, 300, null, null)
                .of(List.of(new DownstreamPurge.ByTags(Set.copyOf(tags(100)))))) {
            assertTrue(r.field("X-Cache-Tags").length() <= 300);
        }
    }

    @Test
    void fastlyPurgesAt256KeysACallSoftlyUnlessHard() {
        List<OutboundRequest> out = calls(PurgeServerKind.FASTLY, true).of(List.of(new DownstreamPurge.ByTags(Set.copyOf(tags(600)))));
        assertEquals(3, out.size());
        assertEquals(List.of(256, 256, 88), out.stream().map(r -> r.field("Surrogate-Key").split(" ").length).toList());
        OutboundRequest first = out.get(0);
        assertEquals("POST", first.method());
        assertEquals("/service/svc1/purge", first.path());
        assertEquals("tok", first.field("Fastly-Key"));
        assertEquals("1", first.field("Fastly-Soft-Purge"));
        assertEquals(null, calls(PurgeServerKind.FASTLY, false).of(List.of(new DownstreamPurge.ByTags(Set.of("a"))))
                .get(0).field("Fastly-Soft-Purge"));
        assertEquals(new OutboundRequest("POST", "/service/svc1/purge_all",
                List.of(Map.entry("Fastly-Key", "tok"), Map.entry("Accept", "application/json")), null),
                calls(PurgeServerKind.FASTLY, true).of(List.of(DownstreamPurge.EVERYTHING)).get(0), "never soft");
    }

    @Test
    void cloudflarePurgesAt100TagsACallInAJsonBody() {
        List<OutboundRequest> out = calls(PurgeServerKind.CLOUDFLARE, true).of(List.of(new DownstreamPurge.ByTags(Set.copyOf(tags(250)))));
        assertEquals(3, out.size());
        OutboundRequest first = out.get(0);
        assertEquals("/zones/svc1/purge_cache", first.path());
        assertEquals("Bearer tok", first.field("Authorization"));
        assertEquals("application/json", first.field("Content-Type"));
        assertTrue(first.body().startsWith("{\"tags\":[\"tag00000\",\"tag00001\","), first.body());
        assertEquals(100, first.body().split(",").length);
        assertEquals(50, out.get(2).body().split(",").length);
        assertEquals("{\"purge_everything\":true}", calls(PurgeServerKind.CLOUDFLARE, true)
                .of(List.of(new DownstreamPurge.ByTags(Set.of("a")), DownstreamPurge.EVERYTHING)).get(0).body(),
                "a purge of everything in a batch is the batch");
        assertEquals("{\"tags\":[\"q\\\"t\"]}", calls(PurgeServerKind.CLOUDFLARE, true)
                .of(List.of(new DownstreamPurge.ByTags(Set.of("q\"t")))).get(0).body());
    }

    @Test
    void aValueNoHeaderFieldCanCarryBecomesAPurgeOfEverythingAndASpaceIsWrittenX20() {
        assertEquals(".*", calls(PurgeServerKind.VARNISH_XKEY, true).of(List.of(new DownstreamPurge.ByTags(Set.of("c55", "tag-日本"))))
                .get(0).field("X-Url"), "a tag a field cannot carry: everything");
        assertEquals("true", calls(PurgeServerKind.HTTP, true).of(List.of(new DownstreamPurge.ByTags(Set.of("a,b"))))
                .get(0).field("Clear-Cache"), "a tag with a comma would be read as two: everything");
        assertEquals("{\"tags\":[\"tag-日本\"]}", calls(PurgeServerKind.CLOUDFLARE, true)
                .of(List.of(new DownstreamPurge.ByTags(Set.of("tag-日本")))).get(0).body(), "a JSON body carries it");
        assertEquals("^text/html;\\x20charset=utf-8", calls(PurgeServerKind.VARNISH_BAN, true)
                .of(List.of(new DownstreamPurge.Ban(".*", null, "^text/html; charset=utf-8"))).get(0).field("X-Content-Type"));
        assertEquals(".*", calls(PurgeServerKind.VARNISH_XKEY, true).of(List.of(new DownstreamPurge.Ban("^/a\u0001", null, null)))
                .get(0).field("X-Url"), "a control character: everything");
        assertEquals(".*", calls(PurgeServerKind.VARNISH_XKEY, true).of(List.of(new DownstreamPurge.Url("/caf\u00e9")))
                .get(0).field("X-Url"));
    }

    @Test
    void anUnsafeRequestsInvalidationGoesWhereAPathIsEnoughAndNowhereElse() {
        DownstreamPurge invalidation = new DownstreamPurge.Invalidation("/site/content/55");
        assertEquals("^/site/content/55$", calls(PurgeServerKind.VARNISH_XKEY, true).of(List.of(invalidation)).get(0).field("X-Url"));
        assertEquals("/site/content/55", calls(PurgeServerKind.HTTP, true).of(List.of(invalidation)).get(0).path());
        assertEquals(List.of(), calls(PurgeServerKind.FASTLY, true).of(List.of(invalidation)), "a CDN needs the host: left alone");
        assertEquals(List.of(), calls(PurgeServerKind.CLOUDFLARE, true).of(List.of(invalidation)));
    }

    @Test
    void theTokenIsNotInTheRecordsText() {
        String text = new PurgeCalls(PurgeServerKind.FASTLY, true, 7500, "s3cr3t", "svc1").toString();
        assertTrue(!text.contains("s3cr3t") && text.contains("token=(set)"), text);
    }

    @Test
    void urlsAndBansAsEachKindSaysThemAndEverythingWhereItCannot() {
        DownstreamPurge url = new DownstreamPurge.Url("https://www.example.test/site/a?b=1");
        DownstreamPurge path = new DownstreamPurge.Url("/site/a.b");
        DownstreamPurge ban = new DownstreamPurge.Ban("^/site/", null, null);
        DownstreamPurge locations = new DownstreamPurge.Locations("^(20|22)$");
        assertEquals("^/site/a\\.b$", calls(PurgeServerKind.VARNISH_XKEY, true).of(List.of(path)).get(0).field("X-Url"));
        assertEquals("^/site/", calls(PurgeServerKind.VARNISH_BAN, true).of(List.of(ban)).get(0).field("X-Url"));
        assertEquals(new OutboundRequest("PURGE", "/site/a?b=1", List.of(Map.entry("Authorization", "Bearer tok")), null),
                calls(PurgeServerKind.HTTP, true).of(List.of(url)).get(0));
        assertEquals("^(20|22)$", calls(PurgeServerKind.HTTP, true).of(List.of(locations)).get(0).field("X-Location-Id"));
        assertEquals(".*", calls(PurgeServerKind.VARNISH_XKEY, true).of(List.of(locations)).get(0).field("X-Url"),
                "Varnish cannot ban by location ids: everything");
        assertEquals("/purge/www.example.test/site/a?b=1", calls(PurgeServerKind.FASTLY, true).of(List.of(url)).get(0).path());
        assertEquals("/service/svc1/purge_all", calls(PurgeServerKind.FASTLY, true).of(List.of(path)).get(0).path(),
                "a CDN needs the host");
        assertEquals("{\"files\":[\"https://www.example.test/site/a?b=1\"]}",
                calls(PurgeServerKind.CLOUDFLARE, true).of(List.of(url)).get(0).body());
        assertEquals("{\"purge_everything\":true}", calls(PurgeServerKind.CLOUDFLARE, true).of(List.of(ban)).get(0).body());
        assertEquals(new OutboundRequest("PURGE", "", List.of(Map.entry("Clear-Cache", "true"),
                Map.entry("Authorization", "Bearer tok")), null),
                calls(PurgeServerKind.HTTP, true).of(Arrays.asList(DownstreamPurge.EVERYTHING)).get(0));
    }
}
