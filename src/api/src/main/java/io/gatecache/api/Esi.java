package io.gatecache.api;

/**
 * ESI includes for resources and templates (Symfony's {@code render_esi}): inject it
 * ({@code @Inject Esi esi}) and write {@code esi.include("/fragments/ticker")} where the fragment
 * goes. When a cache will assemble the page (this one, which it then does, or one downstream that
 * says so with {@code Surrogate-Capability}), that is an {@code <esi:include>} tag and the response
 * announces it ({@code Surrogate-Control: content="ESI/1.0"}); otherwise the fragment is fetched
 * now and written in its place (Symfony's {@code standalone} rendering).
 */
public interface Esi {

    /** Includes a fragment; a failure fails the page. */
    String include(String src);

    /**
     * Includes a fragment.
     *
     * @param alt the URL tried when {@code src} fails, or null
     * @param ignoreErrors a failure includes nothing ({@code onerror="continue"})
     */
    String include(String src, String alt, boolean ignoreErrors);

    /**
     * Whether the current request is a fragment request this cache made. A fragment endpoint that
     * must not be reached directly asks, and refuses the others; its response is then stored as a
     * fragment only the cache's includes are answered with (a client asking for its URL reaches
     * the endpoint, never the stored fragment).
     */
    boolean isFragmentRequest();
}
