package io.gatecache.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand on a socket, for what an HTTP client will not send: paths with dot
 * segments as they are, ambiguous framing, repeated Host fields.
 */
final class RawHttp {

    /**
     * What came back on one connection for the bytes sent, read until the server closed it or
     * was silent for the timeout.
     *
     * @param closed whether the server closed the connection (as opposed to the read timing out)
     */
    record Exchange(String response, boolean closed) {
        int status() {
            return Integer.parseInt(response.substring(9, 12));
        }

        /** How many responses came back on the connection. */
        int responses() {
            return response.split("HTTP/1\\.1 ", -1).length - 1;
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

    /** Sends {@code request} (CRLF line ends, as given) to the deployment's host and port. */
    static Exchange send(URL base, String request, int timeoutMillis) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            boolean closed;
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                }
                closed = true;
            } catch (SocketTimeoutException silent) {
                closed = false;
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
        return send(base, sb.toString(), 5000);
    }
}
