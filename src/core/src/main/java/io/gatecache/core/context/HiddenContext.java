package io.gatecache.core.context;

import io.gatecache.core.Headers;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The context hash never reaches a client: a response's {@code Vary} loses its name (the other
 * names kept, in order), and the field itself is removed. The stored entry keeps both.
 */
public final class HiddenContext {

    private HiddenContext() {
    }

    /**
     * A Vary value without {@code field}; null when nothing else is left. The value returned is
     * the one given when it does not name the field.
     */
    public static String varyWithout(String vary, String field) {
        if (vary == null || !vary.toLowerCase(Locale.ROOT).contains(field.toLowerCase(Locale.ROOT))) {
            return vary;
        }
        StringJoiner kept = new StringJoiner(", ");
        for (String part : vary.split(",")) {
            String name = part.trim();
            if (!name.isEmpty() && !name.equalsIgnoreCase(field)) {
                kept.add(name);
            }
        }
        return kept.length() == 0 ? null : kept.toString();
    }

    /**
     * A stored response's fields as a client gets them: the field, and its name in Vary, left
     * out; the fields given when neither is there.
     */
    public static Headers forClient(Headers fields, String field) {
        String vary = fields.get("Vary");
        if (!varies(vary, field) && !fields.contains(field)) {
            return fields;
        }
        Headers.Builder b = Headers.builder();
        boolean varyDone = false;
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.name(i);
            if (name.equalsIgnoreCase(field)) {
                continue;
            }
            if (name.equalsIgnoreCase("Vary")) {
                String kept = varyWithout(vary, field);
                if (!varyDone && kept != null) {
                    b.add(name, kept);
                }
                varyDone = true;
                continue;
            }
            b.add(name, fields.value(i));
        }
        return b.build();
    }

    /** Whether a Vary value names the field. */
    public static boolean varies(String vary, String field) {
        if (vary == null) {
            return false;
        }
        for (String part : vary.split(",")) {
            if (part.trim().equalsIgnoreCase(field)) {
                return true;
            }
        }
        return false;
    }
}
