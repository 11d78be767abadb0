package io.cernvm.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The request line and headers of one HTTP/1.x request; header names are kept lower case.
 */
record RequestHead(String method, String target, String version, Map<String, String> headers) {

    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;

    RequestHead {
        headers = Map.copyOf(headers);
    }

    /** @return the header value, or {@code null} */
    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** @return whether the client wants the connection kept open after this exchange */
    boolean keepAlive() {
        String connection = header("connection");
        if ("HTTP/1.0".equals(version)) {
            return connection != null && connection.equalsIgnoreCase("keep-alive");
        }
        return connection == null || !connection.equalsIgnoreCase("close");
    }

    /**
     * Reads one request head.
     *
     * @return the head, or {@code null} when the peer closed the connection before a request
     * @throws MalformedRequestException when the bytes are not an HTTP/1.x request head
     */
    static RequestHead read(InputStream in) throws IOException {
        String requestLine = readLine(in);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = readLine(in); // tolerate stray CRLF between pipelined requests
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new MalformedRequestException("bad request line");
        }
        Map<String, String> headers = new TreeMap<>();
        for (int i = 0; ; i++) {
            String line = readLine(in);
            if (line == null) {
                throw new MalformedRequestException("connection closed inside the request head");
            }
            if (line.isEmpty()) {
                break;
            }
            if (i >= MAX_HEADERS) {
                throw new MalformedRequestException("too many headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedRequestException("bad header line");
            }
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return new RequestHead(parts[0], parts[1], parts[2], headers);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new MalformedRequestException("line too long");
            }
            line.write(b);
        }
        if (line.size() > 0) {
            throw new MalformedRequestException("connection closed inside a line");
        }
        return null;
    }

    /** The peer sent something that is not an HTTP/1.x request. */
    static final class MalformedRequestException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedRequestException(String message) {
            super(message);
        }
    }
}
