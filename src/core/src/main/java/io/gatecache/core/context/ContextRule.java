package io.gatecache.core.context;

import java.util.Locale;

/**
 * How a request's user context hash is found, before its lookup (the seeds' {@code ez_user_hash}):
 * <ol>
 * <li>a request that carries the hash field is refused, unless a trusted proxy sent it: then its
 * hash is used as given;</li>
 * <li>a request that asks for the hash type ({@link #HASH_TYPE}) is the hash lookup on the lookup
 * path (a GET or HEAD), and refused anywhere else;</li>
 * <li>only a GET or HEAD has a hash;</li>
 * <li>a request with credentials ({@code Authorization}) is keyed by their digest, one naming a
 * valid session by its id, for the hash cache;</li>
 * <li>any other request is anonymous, at once: it has neither, or names a session that is not
 * (or no longer) valid, which the application sees as no session;</li>
 * <li>in gateway mode, a request with a cookie or credentials has no hash (the origin's users are
 * not the cache's): nothing that varies on it is stored for it, or served to it.</li>
 * </ol>
 */
public final class ContextRule {

    /** The media type of the hash lookup, FOSHttpCache's. */
    public static final String HASH_TYPE = "application/vnd.fos.user-context-hash";

    /** What the request is. */
    public enum Kind {
        /** Refused with 400: {@link Resolution#value()} says why. */
        REFUSED,
        /** Has the hash a trusted proxy gave: {@link Resolution#value()}. */
        GIVEN,
        /** Anonymous: {@link ContextHash#ANONYMOUS}. */
        ANONYMOUS,
        /** Has the hash held for a key ({@link Resolution#value()}), worked out when none is. */
        KEYED,
        /** Has no hash. */
        NONE
    }

    /**
     * A request's resolution.
     *
     * @param lookup whether the request is the hash lookup, to be answered with the hash found
     */
    public record Resolution(Kind kind, String value, boolean lookup) {
    }

    /**
     * What the rule reads of a request.
     *
     * @param hashField the value of the hash field, or null
     * @param fromTrustedProxy whether the request came from a proxy trusted to set the hash
     * @param validSession the id of the valid session the request names, or null
     */
    public record Request(String method, String path, String hashField, String accept, String authorization,
            String cookie, String validSession, boolean fromTrustedProxy) {
    }

    private final String field;
    private final String lookupPath;
    private final boolean gateway;

    /**
     * @param field the hash field's name
     * @param lookupPath the lookup's path, as the request's path reads (the application's context path included)
     * @param gateway whether the cache stands in front of an origin whose users it does not know
     */
    public ContextRule(String field, String lookupPath, boolean gateway) {
        this.field = field;
        this.lookupPath = lookupPath;
        this.gateway = gateway;
    }

    public String field() {
        return field;
    }

    public Resolution resolve(Request r) {
        boolean read = r.method().equals("GET") || r.method().equals("HEAD");
        if (r.hashField() != null) {
            return r.fromTrustedProxy() ? new Resolution(Kind.GIVEN, r.hashField(), false)
                    : new Resolution(Kind.REFUSED, "the " + field + " field is set by the cache, never by a client",
                            false);
        }
        if (asksForHash(r.accept())) {
            if (!read || !r.path().equals(lookupPath)) {
                return new Resolution(Kind.REFUSED, "the user context hash is looked up at " + lookupPath
                        + " only, with GET or HEAD", false);
            }
            Resolution own = own(r);
            return new Resolution(own.kind(), own.value(), true);
        }
        return read ? own(r) : new Resolution(Kind.NONE, null, false);
    }

    /** The hash of the request's own session or credentials. */
    private Resolution own(Request r) {
        if (gateway) {
            return r.authorization() == null && r.cookie() == null ? new Resolution(Kind.ANONYMOUS, ContextHash.ANONYMOUS, false)
                    : new Resolution(Kind.NONE, null, false);
        }
        if (r.authorization() != null) {
            return new Resolution(Kind.KEYED, "a:" + ContextHash.ofCredentials(r.authorization()), false);
        }
        if (r.validSession() != null) {
            return new Resolution(Kind.KEYED, sessionKey(r.validSession()), false);
        }
        return new Resolution(Kind.ANONYMOUS, ContextHash.ANONYMOUS, false);
    }

    /**
     * The hash cache's key of a session: its id without the route a server may append to it
     * ({@code id.node1}: Undertow's and Tomcat's session ids never hold a dot otherwise), so that
     * the id the container gives the session, the one it reads from the cookie, and the cookie
     * as the door below the container reads it make one key.
     */
    public static String sessionKey(String sessionId) {
        int route = sessionId.indexOf('.');
        return "s:" + (route < 0 ? sessionId : sessionId.substring(0, route));
    }

    /** Whether an Accept field asks for the hash type. */
    static boolean asksForHash(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(HASH_TYPE);
    }
}
