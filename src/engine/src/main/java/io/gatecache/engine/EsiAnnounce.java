package io.gatecache.engine;

import io.gatecache.core.Headers;
import io.gatecache.core.RequestFields;
import java.util.Locale;

/**
 * How ESI is negotiated (Edge Architecture Specification): a response announces markup to
 * assemble with {@code Surrogate-Control: content="ESI/1.0"}; a request says a downstream cache
 * assembles it with {@code Surrogate-Capability: <device>="ESI/1.0"}.
 */
public final class EsiAnnounce {

    public static final String CONTROL = "Surrogate-Control";
    public static final String CAPABILITY = "Surrogate-Capability";
    /** The {@code Surrogate-Control} value that announces ESI markup. */
    public static final String ANNOUNCEMENT = "content=\"ESI/1.0\"";

    private EsiAnnounce() {
    }

    /** Whether a response announces ESI markup. */
    public static boolean announced(Headers headers) {
        String control = headers.get(CONTROL);
        return control != null && control.toUpperCase(Locale.ROOT).contains("ESI/1.0");
    }

    /** Whether the request comes from a cache downstream that assembles ESI itself. */
    public static boolean downstreamAssembles(RequestFields fields) {
        String capability = fields.get(CAPABILITY);
        return capability != null && capability.toUpperCase(Locale.ROOT).contains("ESI/1.0");
    }
}
