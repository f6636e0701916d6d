package io.gatecache.engine;

import io.gatecache.core.Headers;
import io.gatecache.core.context.HiddenContext;
import io.gatecache.core.LookupPolicy;
import io.gatecache.core.StoredResponse;
import io.gatecache.core.tags.Tags;
import io.gatecache.spi.ResponseStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * ESI pages: which answers are assembled here, and their assembly (includes fetched by the
 * {@link EsiAssembler}, caching fields merged); and the marker of the fragment requests this
 * cache makes, which a client cannot forge.
 */
public final class EsiPages {

    private static final Logger LOG = Logger.getLogger(EsiPages.class.getName());

    private final Settings.Esi settings;
    private final EsiAssembler esi;
    private final String tagHeader;
    /** The tags that go to the proxy in front: an assembled page's are its fragments' too. */
    private final io.gatecache.engine.downstream.DownstreamTags downstreamTags;
    /** The user context hash field, never shown to a client. */
    private final String contextField;
    private final String contextPath;
    private final Clock clock;
    /** The secret fragment requests carry, so that only this cache can mark a request as one. */
    private final String token;

    /**
     * @param source what fetches the includes the store cannot answer (null: none are fetched)
     * @param contextPath the application's context path
     */
    EsiPages(Settings settings, ResponseStore store, LookupPolicy lookupPolicy, FragmentSource source, Clock clock,
            String contextPath, io.gatecache.engine.downstream.DownstreamTags downstreamTags, Statistics statistics) {
        this.downstreamTags = downstreamTags;
        this.settings = settings.esi();
        this.tagHeader = settings.purging().tagHeader();
        this.contextField = settings.userContext().field();
        this.contextPath = contextPath;
        this.clock = clock;
        this.token = newToken();
        GatewayRoute route = settings.gateway().route();
        this.esi = new EsiAssembler(settings.esi(), settings.options(), store, lookupPolicy, source, clock, token,
                route == null ? null : url -> {
                    String path = route.applicationPath(url);
                    return path == null ? null : contextPath + path;
                }, statistics);
    }

    private static String newToken() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A fragment request's marker: how many pages include it, the page's origin, and their keys. */
    public record FragmentMark(int depth, String origin, List<String> chain) {
    }

    /**
     * The marker of a fragment request made by this cache (its {@code Gatecache-Fragment} field
     * with this cache's token), or null: a client cannot pass for a fragment request.
     */
    public FragmentMark fragment(String field) {
        if (field == null) {
            return null;
        }
        String[] p = field.trim().split(" +");
        if (p.length < 3 || !MessageDigest.isEqual(p[0].getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        try {
            return new FragmentMark(Integer.parseInt(p[1]), p[2], List.of(p).subList(3, p.length));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The field a fragment request carries (the front door hides it from the application). */
    public static String fragmentField() {
        return EsiAssembler.FRAGMENT_FIELD;
    }

    /** Whether a response to the exchange is assembled here: it announces ESI and no cache downstream assembles it. */
    boolean assembles(Exchange ex, Headers responseFields) {
        return EsiAnnounce.announced(responseFields) && !EsiAnnounce.downstreamAssembles(ex.request.fields());
    }

    /**
     * An answer from the store (or replacing the origin's), assembled when it is an ESI page this
     * cache assembles for the client; as it is otherwise.
     */
    Answer assembleAnswer(Exchange ex, Answer answer, Supplier<List<Map.Entry<String, String>>> fields,
            Supplier<URI> loopback) {
        if (!assembles(ex, answer.stored())) {
            if (EsiAnnounce.announced(answer.stored())) {
                // the markup, for a cache downstream that assembles: it varies on saying so
                return new Answer(answer.status(), answer.stored(), answer.added().with("Vary", EsiAnnounce.CAPABILITY),
                        answer.content(), answer.contentLength());
            }
            return answer;
        }
        if (answer.status() == 304 || answer.status() == 206 || answer.status() == 416 || answer.status() >= 500) {
            return answer; // no page body to assemble (an ESI page assembled here is never answered so)
        }
        StoredResponse entry = ex.lookup.entry();
        byte[] markup = answer.body() != null ? answer.body() : entry != null ? entry.body() : new byte[0];
        StoredResponse page = entry != null ? entry
                : new StoredResponse(answer.status(), answer.stored(), markup, clock.millis(), clock.millis(), Headers.EMPTY);
        return assemble(ex, answer.status(), answer.stored(), answer.added(), page, markup, fields, loopback,
                entry != null ? EsiAssembler.version(entry) : null);
    }

    /**
     * Assembles an ESI page the origin just sent (stored already, when it is to be stored).
     *
     * @param pageFields the page's fields as sent (its cookies left out)
     * @param statusFields the cache's status fields for it
     * @param tags the page's tags
     */
    Answer assembleCaptured(Exchange ex, int status, Headers pageFields, Headers statusFields, byte[] markup,
            Collection<String> tags, Supplier<List<Map.Entry<String, String>>> fields, Supplier<URI> loopback) {
        StoredResponse page = new StoredResponse(status, pageFields, markup, ex.requestTime, clock.millis(), Headers.EMPTY, -1,
                null, tags);
        return assemble(ex, status, pageFields, statusFields, page, markup, fields, loopback, null);
    }

    /** The fields an assembled page does not keep from its markup's response: the merge replaces them. */
    private static final Set<String> NOT_KEPT = Set.of("cache-control", "etag", "last-modified", "expires",
            "surrogate-control", "age", "content-length");

    /**
     * Assembles a page for the client: its includes fetched (fresh stored fragments from the
     * store, the others through this server, so many at once), its caching fields merged with
     * theirs.
     * When an include fails with no {@code onerror="continue"} and no working {@code alt}, the
     * answer is {@code gatecache.esi.error-status} (502) with a line saying why (what it repeats
     * escaped by {@link ErrorText}), never half a page.
     *
     * @param status the page's status
     * @param pageFields the page's fields as stored or sent
     * @param statusFields the cache's status fields for the page (X-Cache, Cache-Status)
     * @param page the page as a part of the merge (its freshness, tags)
     * @param markup the page's body, as stored
     * @param fields the page request's fields, in order
     * @param loopback this server's base URL for fragment requests, or null when there is none
     */
    Answer assemble(Exchange ex, int status, Headers pageFields, Headers statusFields, StoredResponse page,
            byte[] markup, Supplier<List<Map.Entry<String, String>>> fields, Supplier<URI> loopback, String version) {
        Headers kept = statusFields.without(name -> name.equalsIgnoreCase("Age") || name.equalsIgnoreCase(tagHeader));
        PageAssembly assembly = PageAssembly.page(ex.origin, ex.key, ex.esiDepth, ex.esiChain,
                ex.request.fields(), fields, loopback, settings, contextPath);
        try {
            for (int i = 0; i < pageFields.size(); i++) {
                if (pageFields.name(i).equalsIgnoreCase("Content-Encoding")
                        && !pageFields.value(i).trim().equalsIgnoreCase("identity")) {
                    throw new EsiAssembler.Failure("the page is encoded (" + pageFields.value(i) + ")");
                }
            }
            EsiAssembler.Assembled a = esi.assemble(assembly, markup, page, version);
            Headers.Builder added = Headers.builder();
            for (int i = 0; i < kept.size(); i++) {
                added.add(kept.name(i), kept.value(i));
            }
            added.add("Cache-Control", a.merged().cacheControl());
            // what a cache downstream stores differs for a client that assembles ESI itself, and by
            // whatever a fragment varies on
            Set<String> vary = new java.util.LinkedHashSet<>(a.merged().vary());
            if (!ex.showsContext()) {
                vary.removeIf(name -> name.equalsIgnoreCase(contextField));
            }
            vary.add(EsiAnnounce.CAPABILITY);
            added.add("Vary", vary.contains("*") ? "*" : String.join(", ", vary));
            if (a.merged().lastModified() != null) {
                added.add("Last-Modified", a.merged().lastModified());
            }
            if (ex.revealTags && !a.merged().tags().isEmpty() && !tagHeader.equalsIgnoreCase(downstreamTags.fieldName())) {
                added.add(tagHeader, Tags.format(a.merged().tags(), tagHeader));
            }
            ex.trace("assembled");
            boolean head = ex.request.method().equals("HEAD");
            Headers shownFields = ex.showsContext() ? pageFields : HiddenContext.forClient(pageFields, contextField);
            return Answers.downstream(downstreamTags, new Answer(status, shownFields.without(name -> NOT_KEPT.contains(
                    name.toLowerCase(Locale.ROOT)) || name.equalsIgnoreCase(tagHeader) || name.equalsIgnoreCase(contextField)),
                    added.build(), head ? null : a.body(), a.body().length()), a.merged().tags(), ex.key);
        } catch (EsiAssembler.Failure f) {
            // what the failure repeats (an include's src, a key, a reason) is escaped: the page and
            // the log line hold no markup and no line breaks of the markup's making
            String why = ErrorText.escape(f.getMessage());
            LOG.warning(() -> "Gatecache ESI: " + ErrorText.escape(ex.key) + " could not be assembled: " + why);
            byte[] body = ("the page could not be assembled: " + why + "\n").getBytes(StandardCharsets.UTF_8);
            Headers.Builder out = Headers.builder().add("Content-Type", "text/plain;charset=UTF-8")
                    .add("X-Content-Type-Options", "nosniff").add("Cache-Control", "no-store");
            for (int i = 0; i < kept.size(); i++) {
                out.add(kept.name(i), kept.value(i));
            }
            return new Answer(settings.errorStatus(), Headers.EMPTY, out.build(), body, body.length);
        } finally {
            assembly.end(); // no fragment goes on being fetched or read for a page that is answered
        }
    }
}
