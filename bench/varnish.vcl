vcl 4.1;

# The reference in the benchmark: Varnish in front of the same example site, caching the
# ~20 ms page /api/bench/slow (which tells the origin's own cache not to store it) for an hour.

backend example {
    .host = "127.0.0.1";
    .port = "${ORIGIN_PORT}";
}

sub vcl_backend_response {
    if (bereq.url ~ "^/api/bench/slow") {
        unset beresp.http.Cache-Control;
        set beresp.ttl = 1h;
        set beresp.uncacheable = false;
        return (deliver);
    }
}
