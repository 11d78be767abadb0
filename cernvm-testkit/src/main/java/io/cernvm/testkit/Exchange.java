package io.cernvm.testkit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Serves the requests of one connection of a {@link RepositoryServer}, one after another. */
final class Exchange {

    /** Stratum 1 expiry of {@code .cvmfs*} and {@code *.json} (cvmfs_server_apache.sh). */
    static final Duration SHORT_EXPIRY = Duration.ofSeconds(61);
    /** Stratum 1 expiry of everything else: content-addressed objects never change. */
    static final Duration LONG_EXPIRY = Duration.ofDays(3);

    private static final List<String> FORWARDED_REQUEST_HEADERS = List.of("range", "pragma", "cache-control", "user-agent");
    private static final List<String> FORWARDED_RESPONSE_HEADERS = List.of(
            "Content-Type", "Cache-Control", "Expires", "Content-Range", "Accept-Ranges", "X-Squid-Error", "Proxy-Status");

    private final RepositoryServer server;
    private final Socket socket;

    Exchange(RepositoryServer server, Socket socket) {
        this.server = server;
        this.socket = socket;
    }

    void serve() {
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            while (true) {
                RequestHead head;
                try {
                    head = RequestHead.read(in);
                } catch (RequestHead.MalformedRequestException e) {
                    writeSimple(out, 400, Map.of(), "bad request: " + e.getMessage(), true, false);
                    return;
                }
                if (head == null || !handle(head, out)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the peer went away or the server is closing: nothing to answer
        }
    }

    /** @return whether the connection stays open for another request */
    private boolean handle(RequestHead head, OutputStream out) throws IOException {
        boolean bodyWanted = !head.method().equals("HEAD");
        Target target = target(head);
        server.count(head, target.key());
        Optional<Fault> fault = server.faultFor(target.key());
        Fault f = fault.orElse(null);
        if (f instanceof Fault.Latency latency) {
            if (server.sleepUnlessClosed(latency.delay().toMillis())) {
                return false;
            }
            f = null;
        } else if (f instanceof Fault.Reset) {
            RepositoryServer.resetConnection(socket);
            return false;
        } else if (f instanceof Fault.BlackHole) {
            server.awaitClose();
            return false;
        } else if (f instanceof Fault.Status status) {
            writeSimple(out, status.code(), status.headers(), "injected status " + status.code(), !head.keepAlive(), bodyWanted);
            return head.keepAlive();
        }
        if (!head.method().equals("GET") && !head.method().equals("HEAD")) {
            writeSimple(out, 405, Map.of("Allow", "GET, HEAD"), "method not allowed", !head.keepAlive(), bodyWanted);
            return head.keepAlive();
        }
        if (target.error() != 0) {
            writeSimple(out, target.error(), Map.of(), target.errorText(), !head.keepAlive(), bodyWanted);
            return head.keepAlive();
        }
        Response response = server.proxyMode() ? forward(head, target) : fromFile(head, target);
        if (f instanceof Fault.Truncate truncate) {
            writeResponse(out, response, truncate.bytesSent(), false, true, bodyWanted);
            RepositoryServer.closeQuietly(socket);
            return false;
        }
        writeResponse(out, response, Integer.MAX_VALUE, f instanceof Fault.Corrupt, !head.keepAlive(), bodyWanted);
        return head.keepAlive();
    }

    private record Target(String key, Path file, URI origin, int error, String errorText) {
    }

    private Target target(RequestHead head) {
        String raw = head.target();
        if (server.proxyMode()) {
            try {
                URI uri = new URI(raw);
                if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                    return new Target(raw, null, null, 400, "a forward proxy needs an absolute http URI");
                }
                String path = uri.getPath() == null ? "" : uri.getPath();
                return new Target(stripSlash(path), null, uri, 0, null);
            } catch (URISyntaxException e) {
                return new Target(raw, null, null, 400, "bad request target");
            }
        }
        String path;
        try {
            URI uri = new URI(raw);
            if (uri.isAbsolute() || uri.getPath() == null) {
                return new Target(raw, null, null, 400, "expected an origin-form request target");
            }
            path = uri.getPath();
        } catch (URISyntaxException e) {
            return new Target(raw, null, null, 400, "bad request target");
        }
        String prefix = server.urlPrefix();
        if (!prefix.isEmpty()) {
            if (!path.equals(prefix) && !path.startsWith(prefix + "/")) {
                return new Target(path, null, null, 404, "not found"); // keeps its slash: outside the prefix
            }
            path = path.substring(prefix.length());
        }
        String key = stripSlash(path);
        for (String segment : key.split("/", -1)) {
            if (segment.equals("..") || segment.indexOf('\0') >= 0 || segment.indexOf('\\') >= 0) {
                return new Target(key, null, null, 404, "not found");
            }
        }
        Path file = server.root().resolve(key).normalize();
        if (!file.startsWith(server.root()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return new Target(key, null, null, 404, "not found");
        }
        return new Target(key, file, null, 0, null);
    }

    private static String stripSlash(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    /** A response whose body is either bytes in memory or a slice of a file. */
    private record Response(int status, Map<String, String> headers, byte[] body, Path file, long offset, long length) {
    }

    private Response fromFile(RequestHead head, Target target) throws IOException {
        long size = Files.size(target.file());
        Map<String, String> headers = new LinkedHashMap<>();
        String name = target.file().getFileName().toString();
        boolean shortLived = name.startsWith(".cvmfs") || name.endsWith(".json");
        headers.put("Content-Type", name.startsWith(".cvmfs") ? "application/x-cvmfs"
                : name.endsWith(".json") ? "application/json" : "application/octet-stream");
        Duration expiry = shortLived ? SHORT_EXPIRY : LONG_EXPIRY;
        headers.put("Cache-Control", "max-age=" + expiry.toSeconds());
        headers.put("Expires", httpDate(server.clock().instant().plus(expiry)));
        headers.put("Accept-Ranges", "bytes");
        ByteRange range = ByteRange.parse(head.header("range"), size);
        if (range == ByteRange.UNSATISFIABLE) {
            headers.put("Content-Range", "bytes */" + size);
            return new Response(416, headers, new byte[0], null, 0, 0);
        }
        if (range == ByteRange.WHOLE) {
            return new Response(200, headers, null, target.file(), 0, size);
        }
        headers.put("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size);
        return new Response(206, headers, null, target.file(), range.first(), range.length());
    }

    private Response forward(RequestHead head, Target target) {
        try {
            URL url = target.origin().toURL();
            HttpURLConnection c = (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
            c.setInstanceFollowRedirects(false);
            c.setRequestMethod(head.method());
            c.setConnectTimeout(10_000);
            c.setReadTimeout(30_000);
            for (String h : FORWARDED_REQUEST_HEADERS) {
                String v = head.header(h);
                if (v != null) {
                    c.setRequestProperty(h, v);
                }
            }
            int status = c.getResponseCode();
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h : FORWARDED_RESPONSE_HEADERS) {
                String v = c.getHeaderField(h);
                if (v != null) {
                    headers.put(h, v);
                }
            }
            headers.put("Via", "1.1 cernvm-testkit");
            InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream();
            byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
            if (body != null) {
                body.close();
            }
            return new Response(status, headers, bytes, null, 0, bytes.length);
        } catch (IOException | IllegalArgumentException e) {
            // as Squid reports an origin it cannot reach
            byte[] text = ("cannot reach " + target.origin() + ": " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
            return new Response(502, Map.of("X-Squid-Error", "ERR_CONNECT_FAIL 111", "Content-Type", "text/plain"),
                    text, null, 0, text.length);
        }
    }

    private void writeSimple(OutputStream out, int status, Map<String, String> extra, String text, boolean close, boolean bodyWanted)
            throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.putIfAbsent("Content-Type", "text/plain; charset=utf-8");
        writeResponse(out, new Response(status, headers, body, null, 0, body.length), Integer.MAX_VALUE, false, close, bodyWanted);
    }

    private void writeResponse(OutputStream out, Response r, int maxBodyBytes, boolean corrupt, boolean close, boolean bodyWanted)
            throws IOException {
        StringBuilder head = new StringBuilder();
        head.append("HTTP/1.1 ").append(r.status()).append(' ').append(reason(r.status())).append("\r\n");
        head.append("Date: ").append(httpDate(server.clock().instant())).append("\r\n");
        head.append("Server: cernvm-testkit\r\n");
        r.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Length: ").append(r.length()).append("\r\n");
        head.append(close ? "Connection: close\r\n" : "Connection: keep-alive\r\n");
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (bodyWanted) {
            long limit = Math.min(r.length(), maxBodyBytes);
            if (r.body() != null && !corrupt) {
                out.write(r.body(), 0, (int) limit);
            } else if (r.file() != null && !corrupt && limit == r.length()) {
                try (InputStream in = Files.newInputStream(r.file())) {
                    in.skipNBytes(r.offset());
                    copy(in, out, limit);
                }
            } else {
                byte[] bytes = r.body() != null ? r.body() : readSlice(r);
                if (corrupt && bytes.length > 0) {
                    bytes = bytes.clone();
                    bytes[0] ^= (byte) 0xff;
                    bytes[bytes.length / 2] ^= (byte) 0xff;
                    bytes[bytes.length - 1] ^= (byte) 0xff;
                    if (bytes.length == 2) {
                        bytes[1] ^= (byte) 0xff; // first and last coincide with the middle otherwise cancelling out
                    }
                }
                out.write(bytes, 0, (int) limit);
            }
        }
        out.flush();
    }

    private static byte[] readSlice(Response r) throws IOException {
        try (InputStream in = Files.newInputStream(r.file())) {
            in.skipNBytes(r.offset());
            return in.readNBytes(Math.toIntExact(r.length()));
        }
    }

    private static void copy(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = n;
        while (left > 0) {
            int k = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (k < 0) {
                throw new IOException("file shrank while being served");
            }
            out.write(buf, 0, k);
            left -= k;
        }
    }

    static String httpDate(java.time.Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 206: return "Partial Content";
            case 400: return "Bad Request";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 416: return "Range Not Satisfiable";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            default: return "Status";
        }
    }
}
