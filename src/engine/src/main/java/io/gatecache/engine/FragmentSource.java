package io.gatecache.engine;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** What sends the requests of the fragments an ESI page fetches: the one origin client (or a test's stand-in). */
interface FragmentSource {

    /**
     * Sends a fragment's GET (see {@link OriginClient#stream}): completes when its response's head
     * has come, never exceptionally; cancelling it gives the request up.
     */
    CompletableFuture<OriginClient.Streamed> open(URI target, List<Map.Entry<String, String>> fields,
            Set<String> notCopied, Map<String, String> extra, long timeoutMillis);

    /** Where fragment bodies are read: a thread for each one being read (reads block). */
    Executor readers();

    /** The origin client's requests; null for none. */
    static FragmentSource of(OriginClient client) {
        if (client == null) {
            return null;
        }
        return new FragmentSource() {
            @Override
            public CompletableFuture<OriginClient.Streamed> open(URI target, List<Map.Entry<String, String>> fields,
                    Set<String> notCopied, Map<String, String> extra, long timeoutMillis) {
                return client.stream(target, fields, notCopied, extra, timeoutMillis);
            }

            @Override
            public Executor readers() {
                return client.readers();
            }
        };
    }
}
