vcl 4.1;

# bench/run entries: Varnish storing the same objects as Gatecache's entry cost benchmark, one per
# URL, from a static origin (a file of 2 KiB): the fields a page carries and ten tags of its own
# (in an xkey field, as the xkey dialect sends them), kept for an hour in malloc storage.

backend origin {
    .host = "127.0.0.1";
    .port = "${ORIGIN_PORT}";
}

sub vcl_backend_response {
    unset beresp.http.Server;
    unset beresp.http.Last-Modified;
    set beresp.http.Cache-Control = "public, max-age=3600";
    set beresp.http.Content-Type = "text/html;charset=UTF-8";
    set beresp.http.ETag = {"""} + "v" + regsub(bereq.url, "^.*=", "") + {"""};
    set beresp.http.xkey = regsub(bereq.url, "^.*=(.*)$",
        "t\1-0 t\1-1 t\1-2 t\1-3 t\1-4 t\1-5 t\1-6 t\1-7 t\1-8 t\1-9");
    set beresp.ttl = 1h;
    return (deliver);
}
