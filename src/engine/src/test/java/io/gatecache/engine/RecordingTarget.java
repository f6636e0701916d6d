package io.gatecache.engine;

import io.gatecache.core.Headers;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A client's response for engine tests: the status and fields the application set, what the
 * capture set, added and sent, and the answer written in its place; committed once a byte, a
 * flush or an answer went out.
 */
final class RecordingTarget implements Capture.Target {

    int status = 200;
    final List<Map.Entry<String, String>> fields = new ArrayList<>();
    final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    boolean committed;
    Answer answer;

    /** A response with these fields set, as name, value, name, value… */
    RecordingTarget(String... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.add(Map.entry(namesAndValues[i], namesAndValues[i + 1]));
        }
    }

    /** A field's combined value, or null. */
    String field(String name) {
        return fields().get(name);
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public synchronized Headers fields() {
        Headers.Builder b = Headers.builder();
        fields.forEach(f -> b.add(f.getKey(), f.getValue()));
        return b.build();
    }

    @Override
    public synchronized void set(Headers set) {
        for (int i = 0; i < set.size(); i++) {
            String name = set.name(i);
            fields.removeIf(f -> f.getKey().equalsIgnoreCase(name));
        }
        add(set);
    }

    @Override
    public synchronized void add(Headers add) {
        for (int i = 0; i < add.size(); i++) {
            fields.add(Map.entry(add.name(i), add.value(i)));
        }
    }

    @Override
    public void contentLength(long length) {
        set(Headers.of("Content-Length", String.valueOf(length)));
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        committed = true;
        sent.write(b, off, len);
    }

    @Override
    public void flush() {
        committed = true;
    }

    @Override
    public void flushApplication() {
        // nothing buffered outside the capture
    }

    @Override
    public boolean committed() {
        return committed;
    }

    @Override
    public void answer(Answer a) {
        answer = a;
        committed = true;
    }

    @Override
    public Capture.Origin origin() {
        return Capture.Origin.APPLICATION;
    }

    @Override
    public boolean includesRequested() {
        return false;
    }

    @Override
    public Set<String> codeTags() {
        return Set.of();
    }

    @Override
    public List<Map.Entry<String, String>> requestFieldLines() {
        return List.of();
    }

    @Override
    public URI loopback() {
        return null;
    }
}
