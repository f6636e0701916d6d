vcl 4.1;

# The reference in the benchmark: Varnish in front of the same example site, caching the
# ~20 ms page /api/bench/slow (which tells the origin's own cache not to store it) for an hour,
# and assembling the ESI pages /api/bench/esi* itself: it says so with Surrogate-Capability, so
# the origin sends their markup, and fetches their includes one after another.

backend example {
    .host = "127.0.0.1";
    .port = "${ORIGIN_PORT}";
}

sub vcl_backend_fetch {
    if (bereq.url ~ "^/api/bench/esi") {
        set bereq.http.Surrogate-Capability = {"varnish="ESI/1.0""};
    }
}

sub vcl_backend_response {
    if (bereq.url ~ "^/api/bench/slow$") {
        unset beresp.http.Cache-Control;
        set beresp.ttl = 1h;
        set beresp.uncacheable = false;
        return (deliver);
    }
    if (beresp.http.Surrogate-Control ~ "ESI/1.0") {
        unset beresp.http.Surrogate-Control;
        set beresp.do_esi = true;
    }
}
