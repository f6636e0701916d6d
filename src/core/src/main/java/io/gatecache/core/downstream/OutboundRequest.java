package io.gatecache.core.downstream;

import java.util.List;
import java.util.Map;

/**
 * One request to a purge server: its method, the path below the server's URL ({@code ""} for the
 * URL itself), its fields in order and its body (null for none).
 */
public record OutboundRequest(String method, String path, List<Map.Entry<String, String>> fields, String body) {

    public OutboundRequest {
        fields = List.copyOf(fields);
    }

    /** The first value of a field, or null. */
    public String field(String name) {
        for (Map.Entry<String, String> f : fields) {
            if (f.getKey().equalsIgnoreCase(name)) {
                return f.getValue();
            }
        }
        return null;
    }

    /** What the request does, for a log: the method, path and fields, a secret one shown as set. */
    public String describe() {
        StringBuilder out = new StringBuilder(method).append(' ').append(path.isEmpty() ? "/" : path);
        for (Map.Entry<String, String> f : fields) {
            boolean secret = f.getKey().equalsIgnoreCase("Authorization") || f.getKey().equalsIgnoreCase("Fastly-Key");
            out.append(" [").append(f.getKey()).append(": ").append(secret ? "(set)" : f.getValue()).append(']');
        }
        if (body != null) {
            out.append(' ').append(body);
        }
        return out.toString();
    }
}
