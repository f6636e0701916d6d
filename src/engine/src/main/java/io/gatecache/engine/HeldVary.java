package io.gatecache.engine;

import io.gatecache.core.context.HiddenContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The Vary fields of a response the cache captures, as the application set them: kept whole for
 * the store, sent to the client without the user context hash field's name (and the hash field
 * itself never sent, nor stored). The application reads back what it set. Used under its
 * response's capture lock.
 */
public final class HeldVary {

    private final String contextField;
    private final List<String> values = new ArrayList<>(2);

    /** @param contextField the user context hash field, or null when the caller may see it (a trusted proxy) */
    public HeldVary(String contextField) {
        this.contextField = contextField;
    }

    /** Whether a field is held here: Vary, or the hash field. */
    public boolean holds(String name) {
        return name.equalsIgnoreCase("Vary") || (contextField != null && name.equalsIgnoreCase(contextField));
    }

    /** A field set, replacing those of its name (null: removed). */
    public void set(String name, String value) {
        if (name.equalsIgnoreCase("Vary")) {
            values.clear();
            add(name, value);
        }
    }

    /** A field added. */
    public void add(String name, String value) {
        if (name.equalsIgnoreCase("Vary") && value != null) {
            values.add(value);
        }
    }

    /** The values of a held field as the application set them, in order (none for the hash field). */
    public List<String> all(String name) {
        return name.equalsIgnoreCase("Vary") ? List.copyOf(values) : List.of();
    }

    /** The Vary the client gets: the application's, without the hash field's name; null for none. */
    public String sent() {
        if (values.isEmpty()) {
            return null;
        }
        String all = String.join(", ", values);
        return contextField == null ? all : HiddenContext.varyWithout(all, contextField);
    }

    /** The response starts again: what was held is forgotten. */
    public void clear() {
        values.clear();
    }
}
