package io.gatecache.core;

/** Shared builders for the core tests: fixed clock values, responses and requests. */
final class Fixtures {

    /** 2023-11-14T22:13:20Z, a whole second, so HTTP-dates round-trip exactly. */
    static final long NOW = 1_700_000_000_000L;
    static final long SECOND = 1_000L;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    private Fixtures() {
    }

    /** An IMF-fixdate for epoch millis. */
    static String date(long epochMillis) {
        return HttpDate.format(epochMillis);
    }

    /** A response requested and received at {@code receivedAt} (zero response delay). */
    static StoredResponse response(long receivedAt, String... headers) {
        return new StoredResponse(200, Headers.of(headers), new byte[0], receivedAt, receivedAt, Headers.EMPTY);
    }

    static StoredResponse response(int status, long requestTime, long responseTime, String... headers) {
        return new StoredResponse(status, Headers.of(headers), new byte[0], requestTime, responseTime, Headers.EMPTY);
    }

    static CacheRequest get(String... headers) {
        return new CacheRequest("GET", RequestFields.of(Headers.of(headers)));
    }

    static CacheRequest request(String method, String... headers) {
        return new CacheRequest(method, RequestFields.of(Headers.of(headers)));
    }
}
