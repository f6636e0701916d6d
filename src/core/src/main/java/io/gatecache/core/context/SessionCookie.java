package io.gatecache.core.context;

/** The session a request names by its cookie, as the door below the container reads it. */
public final class SessionCookie {

    private SessionCookie() {
    }

    /**
     * The value of the cookie {@code name} in a Cookie field (RFC 6265 §5.4: {@code name=value}
     * pairs separated by {@code ;}); null when there is none, or when the field names it more
     * than once (which of them the container takes is not this cache's to guess), or its value is
     * empty.
     */
    public static String value(String cookieField, String name) {
        if (cookieField == null) {
            return null;
        }
        String found = null;
        for (String pair : cookieField.split("[;,]")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                if (found != null) {
                    return null;
                }
                String v = pair.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                found = v;
            }
        }
        return found == null || found.isEmpty() ? null : found;
    }

    /** Whether a Cookie field has a cookie of that name at all. */
    public static boolean named(String cookieField, String name) {
        if (cookieField == null) {
            return false;
        }
        for (String pair : cookieField.split("[;,]")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
