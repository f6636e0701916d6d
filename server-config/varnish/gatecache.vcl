vcl 4.1;

# Varnish 7.1 (Debian's packages varnish and varnish-modules, for vmod_xkey) in front of an
# application server running Gatecache in downstream mode. Gatecache tells this Varnish how long
# to keep each response (Cache-Control, Vary), which tags it has, and purges it:
#
# - with gatecache.downstream.tag-header=xkey, tags come in `xkey` (space-separated) and are
#   purged with PURGEKEYS and xkey-purge / xkey-softpurge (purge kind varnish-xkey);
# - with X-Cache-Tags (comma-separated), they are purged with BAN and a regular expression on
#   X-Cache-Tags (purge kind varnish-ban, FOSHttpCache's ban mode);
# - with either kind, one URL or everything is purged with BAN and regular expressions in X-Url,
#   X-Host and X-Content-Type.
#
# It also finds the user context hash of a logged-in request before looking the request up, so
# that a page that varies on it (Vary: X-User-Hash) is stored once per set of rights and shared
# by every user who has them (FOSHttpCache's user context).

import std;
import xkey;

# The application server. Without a probe, std.healthy() counts this backend as healthy unless
# an operator marks it sick (varnishadm backend.set_health gatecache sick), so a stale object is
# never served (see vcl_recv). With a probe on a URL the application answers with 200, e.g.
#     .probe = { .url = "/health"; .interval = 5s; .timeout = 2s; .window = 5; .threshold = 3; }
# stale objects are served within their grace while the server is down.
backend gatecache {
    .host = "127.0.0.1";
    .port = "8080";
}

# Who may purge this Varnish: the application servers running Gatecache, whose purges come from
# the server's own address. List their addresses when Varnish runs on another host.
acl invalidators {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    call gatecache_invalidate;

    # A soft purge (xkey-softpurge) leaves an object stale, within its grace. While the server is
    # healthy, a stale object is not served: the request waits for a fresh response (a
    # conditional one when the object has a validator). Grace applies only when it is sick.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }

    call gatecache_user_context;

    # Anything else follows Varnish's built-in rules: a GET or HEAD with a Cookie (here, one
    # without a session cookie) goes to the server uncached, as do other methods; the rest is
    # looked up.
}

# Purges of this Varnish, from the invalidators only; anyone else gets 405.
sub gatecache_invalidate {
    if (req.method == "PURGEKEYS" || req.method == "BAN") {
        if (client.ip !~ invalidators) {
            return (synth(405, "Not allowed"));
        }
    }

    # The tags in xkey-purge (the objects are gone) and xkey-softpurge (they are stale),
    # separated by spaces or commas; the objects carry theirs in `xkey`.
    if (req.method == "PURGEKEYS") {
        if (!req.http.xkey-purge && !req.http.xkey-softpurge) {
            return (synth(400, "Neither xkey-purge nor xkey-softpurge"));
        }
        std.collect(req.http.xkey-purge, " ");
        std.collect(req.http.xkey-softpurge, " ");
        set req.http.X-Purged = "0";
        set req.http.X-Expired = "0";
        if (req.http.xkey-purge) {
            set req.http.X-Purged = xkey.purge(req.http.xkey-purge);
        }
        if (req.http.xkey-softpurge) {
            set req.http.X-Expired = xkey.softpurge(req.http.xkey-softpurge);
        }
        return (synth(200, "Purged " + req.http.X-Purged + " objects, expired "
            + req.http.X-Expired + " objects"));
    }

    # FOSHttpCache's ban: regular expressions on the stored object's path and query (X-Url), host
    # (X-Host), Content-Type (X-Content-Type) and tags (X-Cache-Tags, e.g. (^|,)(t1|t2)(,|$)).
    # A field that is absent, empty or .* sets no condition, so that a ban of everything also
    # reaches objects without a Content-Type. The ban reads only the objects' fields, so the ban
    # lurker applies it in the background. A regular expression cannot contain a space.
    if (req.method == "BAN") {
        if (!req.http.X-Url || req.http.X-Url == "") {
            set req.http.X-Url = ".*";
        }
        set req.http.X-Ban = "obj.http.X-Url ~ " + req.http.X-Url;
        if (req.http.X-Host && req.http.X-Host != "" && req.http.X-Host != ".*") {
            set req.http.X-Ban = req.http.X-Ban + " && obj.http.X-Host ~ " + req.http.X-Host;
        }
        if (req.http.X-Content-Type && req.http.X-Content-Type != ""
                && req.http.X-Content-Type != ".*") {
            set req.http.X-Ban = req.http.X-Ban + " && obj.http.Content-Type ~ "
                + req.http.X-Content-Type;
        }
        if (req.http.X-Cache-Tags && req.http.X-Cache-Tags != "") {
            set req.http.X-Ban = req.http.X-Ban + " && obj.http.X-Cache-Tags ~ "
                + req.http.X-Cache-Tags;
        }
        if (std.ban(req.http.X-Ban)) {
            return (synth(200, "Banned"));
        }
        return (synth(400, std.ban_error()));
    }

    # Gatecache's own purges (PURGE, PURGETAGS) are made on the application's port, never through
    # this Varnish: forwarded, they would reach the server from Varnish's address.
    if (req.method == "PURGE" || req.method == "PURGETAGS") {
        return (synth(405, "Not allowed"));
    }
}

# The user context hash (FOSHttpCache's user context, as Gatecache answers it). A GET or HEAD
# with a session cookie (JSESSIONID; change it here if the application names its session cookie
# otherwise) or Authorization is first looked up as the hash lookup: the same request, for
# /_fos_user_context_hash with Accept: application/vnd.fos.user-context-hash, and only the session
# cookie. Gatecache answers it with X-User-Hash, Cache-Control: max-age=600 and
# Vary: Cookie, Authorization, so that Varnish keeps one hash per session or credentials.
# vcl_deliver then restarts the original request with X-User-Hash set, and a page that varies on
# it is stored once per hash. A request with neither gets no hash: Gatecache gives it the
# anonymous one itself. Gatecache takes X-User-Hash only from the addresses in its
# gatecache.user-context.trusted-proxies (list this Varnish's there), and Varnish refuses it from
# a client.
sub gatecache_user_context {
    if (req.restarts == 0
            && (req.http.X-User-Hash
                || req.http.Accept ~ "(?i)application/vnd\.fos\.user-context-hash")) {
        return (synth(400, "Bad Request"));
    }

    if (req.restarts == 0 && (req.method == "GET" || req.method == "HEAD")) {
        std.collect(req.http.Cookie, "; ");
        if (req.http.Cookie ~ "(^|;)\s*JSESSIONID=" || req.http.Authorization) {
            call vcl_req_host;
            set req.http.X-Fos-Original-Url = req.url;
            unset req.http.X-Fos-Original-Accept;
            if (req.http.Accept) {
                set req.http.X-Fos-Original-Accept = req.http.Accept;
            }
            unset req.http.X-Fos-Original-Cookie;
            if (req.http.Cookie) {
                set req.http.X-Fos-Original-Cookie = req.http.Cookie;
                # Only the session cookie, as the lookup's response varies on Cookie.
                set req.http.Cookie = ";" + req.http.Cookie;
                set req.http.Cookie = regsuball(req.http.Cookie, "; +", ";");
                set req.http.Cookie = regsuball(req.http.Cookie, ";(JSESSIONID)=", "; \1=");
                set req.http.Cookie = regsuball(req.http.Cookie, ";[^ ][^;]*", "");
                set req.http.Cookie = regsuball(req.http.Cookie, "^[; ]+|[; ]+$", "");
                if (req.http.Cookie == "") {
                    unset req.http.Cookie;
                }
            }
            set req.http.Accept = "application/vnd.fos.user-context-hash";
            # The lookup's path: gatecache.user-context.lookup-path, under the application's
            # context path.
            set req.url = "/_fos_user_context_hash";
            return (hash);
        }
    }

    # The original request, now with its hash.
    if (req.restarts > 0 && req.http.Accept == "application/vnd.fos.user-context-hash") {
        set req.url = req.http.X-Fos-Original-Url;
        unset req.http.Accept;
        if (req.http.X-Fos-Original-Accept) {
            set req.http.Accept = req.http.X-Fos-Original-Accept;
        }
        if (req.http.X-Fos-Original-Cookie) {
            set req.http.Cookie = req.http.X-Fos-Original-Cookie;
        }
        unset req.http.X-Fos-Original-Url;
        unset req.http.X-Fos-Original-Accept;
        unset req.http.X-Fos-Original-Cookie;
        return (hash);
    }
}

sub vcl_backend_fetch {
    # What the original request is made of stays in Varnish.
    unset bereq.http.X-Fos-Original-Url;
    unset bereq.http.X-Fos-Original-Accept;
    unset bereq.http.X-Fos-Original-Cookie;
}

sub vcl_backend_response {
    # A hash lookup the server failed is neither kept nor used: the request gets 503.
    if (bereq.http.Accept == "application/vnd.fos.user-context-hash" && beresp.status >= 500) {
        return (abandon);
    }

    # Where the object came from, on the object itself, for bans (removed before delivery). A
    # request without Host is fetched with the backend's address as its Host.
    set beresp.http.X-Url = bereq.url;
    set beresp.http.X-Host = bereq.http.Host;
}

sub vcl_deliver {
    # The hash lookup's answer is never delivered: its hash goes on the original request, which
    # starts again; without one, the request gets 503.
    if (req.restarts == 0 && req.http.Accept == "application/vnd.fos.user-context-hash") {
        if (resp.http.X-User-Hash && (resp.status == 200 || resp.status == 304)) {
            set req.http.X-User-Hash = resp.http.X-User-Hash;
            return (restart);
        }
        return (synth(503, "User context hash lookup failed"));
    }

    # The hash is nothing a client sees: out of Vary (the other names kept) and out of the fields.
    std.collect(resp.http.Vary, ", ");
    if (resp.http.Vary ~ "(?i)x-user-hash") {
        set resp.http.Vary = regsuball(resp.http.Vary, "(?i),? *x-user-hash *", "");
        set resp.http.Vary = regsub(resp.http.Vary, "^[, ]+", "");
        if (resp.http.Vary == "") {
            unset resp.http.Vary;
        }
    }
    unset resp.http.X-User-Hash;

    # Tags and the fields for bans stay between Gatecache and Varnish.
    unset resp.http.xkey;
    unset resp.http.X-Cache-Tags;
    unset resp.http.X-Url;
    unset resp.http.X-Host;

    # Whether the response came from the cache.
    if (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "HIT";
    } else {
        set resp.http.X-Varnish-Cache = "MISS";
    }
}

sub vcl_synth {
    set resp.http.X-Varnish-Cache = "MISS";
}
