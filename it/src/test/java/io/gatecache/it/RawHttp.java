package io.gatecache.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 written by hand on a socket, for what an HTTP client will not send: paths with dot
 * segments as they are, ambiguous framing, repeated Host fields.
 */
final class RawHttp {

    private static final java.util.regex.Pattern STATUS_LINE = java.util.regex.Pattern.compile("HTTP/1\\.[01] (\\d{3}) ");

    /** How long a server has to answer and close the connection, however slow the machine. */
    static final Duration DEADLINE = Duration.ofSeconds(30);

    /**
     * What came back on one connection for the bytes sent, read until the server closed it (or
     * reset it: a server that closes with bytes it did not read resets the connection, after
     * sending all it had to), at most for {@link #DEADLINE}.
     *
     * @param closed whether the server ended the connection within the deadline
     */
    record Exchange(String response, boolean closed) {
        /** The first response's status, or -1 when none came. */
        int status() {
            java.util.regex.Matcher m = STATUS_LINE.matcher(response);
            return m.lookingAt() ? Integer.parseInt(m.group(1)) : -1;
        }

        /** How many responses came back on the connection. */
        int responses() {
            return (int) STATUS_LINE.matcher(response).results().count();
        }

        /** The responses that came back after the first, each from its status line on. */
        List<String> later() {
            List<Integer> starts = STATUS_LINE.matcher(response).results().map(MatchResult::start).toList();
            List<String> later = new ArrayList<>();
            for (int i = 1; i < starts.size(); i++) {
                later.add(response.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : response.length()));
            }
            return later;
        }

        String header(String name) {
            for (String line : response.split("\r\n")) {
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).trim();
                }
                if (line.isEmpty()) {
                    break;
                }
            }
            return null;
        }

        String body() {
            int i = response.indexOf("\r\n\r\n");
            return i < 0 ? "" : response.substring(i + 4);
        }
    }

    private RawHttp() {
    }

    /**
     * Sends {@code request} (CRLF line ends, as given) to the deployment's host and port, and
     * reads what comes back until the server ends the connection, or the deadline.
     */
    static Exchange send(URL base, String request) {
        return send(base, null, request);
    }

    /**
     * The same, from a local address of this host ({@code 127.0.0.2}: another caller on
     * loopback), or from the one the system picks when null.
     */
    static Exchange send(URL base, String from, String request) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (Socket socket = from == null ? new Socket(base.getHost(), base.getPort())
                : new Socket(base.getHost(), base.getPort(), java.net.InetAddress.getByName(from), 0)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            boolean closed = false;
            while (!closed) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
                try {
                    int n = in.read(buf);
                    if (n < 0) {
                        closed = true;
                    } else {
                        out.write(buf, 0, n);
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // the deadline: the loop ends
                } catch (SocketException reset) {
                    // ended by a reset: everything sent before it was read
                    closed = true;
                }
            }
            return new Exchange(out.toString(StandardCharsets.ISO_8859_1), closed);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A GET with the given target and extra field lines, closing the connection after it. */
    static Exchange get(URL base, String target, String... fields) {
        StringBuilder sb = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: ")
                .append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
        for (String f : fields) {
            sb.append(f).append("\r\n");
        }
        sb.append("Connection: close\r\n\r\n");
        return send(base, sb.toString());
    }
}
