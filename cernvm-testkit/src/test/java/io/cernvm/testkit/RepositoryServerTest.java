package io.cernvm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryServerTest {

    private static final Instant NOW = Instant.parse("2026-11-27T01:00:00Z");

    @TempDir
    Path dir;

    private RepositoryServer server;
    private final byte[] object = new byte[10_000];

    @BeforeEach
    void setUp() throws IOException {
        for (int i = 0; i < object.length; i++) {
            object[i] = (byte) (i * 31);
        }
        Files.writeString(dir.resolve(".cvmfspublished"), "Cabc\n--\n");
        Files.createDirectories(dir.resolve("data/ab"));
        Files.write(dir.resolve("data/ab/cdef"), object);
        server = RepositoryServer.builder().root(dir).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private record Reply(int status, Map<String, java.util.List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> name.equalsIgnoreCase(e.getKey()))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private static Reply get(URI uri, Map<String, String> requestHeaders, Proxy proxy) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(proxy);
        c.setConnectTimeout(5_000);
        c.setReadTimeout(5_000);
        requestHeaders.forEach(c::setRequestProperty);
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        byte[] body = in == null ? new byte[0] : in.readAllBytes();
        return new Reply(status, c.getHeaderFields(), body);
    }

    private Reply get(String path) throws IOException {
        return get(server.uri(path), Map.of(), Proxy.NO_PROXY);
    }

    @Test
    void servesFilesWithStratumOneExpiryAndCountsRequests() throws IOException {
        Reply manifest = get(".cvmfspublished");
        assertThat(manifest.status()).isEqualTo(200);
        assertThat(new String(manifest.body(), StandardCharsets.UTF_8)).isEqualTo("Cabc\n--\n");
        assertThat(manifest.header("Cache-Control")).isEqualTo("max-age=61");
        assertThat(manifest.header("Expires")).isEqualTo("Fri, 27 Nov 2026 01:01:01 GMT");
        assertThat(manifest.header("Content-Type")).isEqualTo("application/x-cvmfs");

        Reply data = get("data/ab/cdef");
        assertThat(data.body()).isEqualTo(object);
        assertThat(data.header("Cache-Control")).isEqualTo("max-age=259200");

        get("data/ab/cdef");
        assertThat(server.requestCount("data/ab/cdef")).isEqualTo(2);
        assertThat(server.requestCount(".cvmfspublished")).isEqualTo(1);
        assertThat(server.totalRequests()).isEqualTo(3);
        assertThat(server.requestCounts()).containsEntry("data/ab/cdef", 2);
        assertThat(server.recordedRequests()).hasSize(3);
        assertThat(server.recordedRequests().get(0).path()).isEqualTo(".cvmfspublished");
        assertThat(server.recordedRequests().get(0).header("Host")).isNotNull();
        server.resetCounts();
        assertThat(server.totalRequests()).isZero();
    }

    @Test
    void countsTheConnectionsItAccepts() throws IOException {
        assertThat(server.acceptedConnections()).isZero();
        for (int i = 1; i <= 2; i++) {
            try (Socket s = new Socket(server.address().getAddress(), server.port())) {
                s.getOutputStream().write(("GET /.cvmfspublished HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
            }
            assertThat(server.acceptedConnections()).isEqualTo(i);
        }
    }

    @Test
    void missingFilesAndEscapesAreNotFound() throws IOException {
        assertThat(get("data/ab/nothing").status()).isEqualTo(404);
        assertThat(get("data/ab").status()).isEqualTo(404);
        Files.writeString(dir.getParent().resolve("secret-" + dir.getFileName()), "x");
        assertThat(get(server.baseUri().resolve("/data/../../secret-" + dir.getFileName()), Map.of(), Proxy.NO_PROXY).status())
                .isEqualTo(404);
    }

    @Test
    void answersRangeRequests() throws IOException {
        Reply part = get(server.uri("data/ab/cdef"), Map.of("Range", "bytes=100-199"), Proxy.NO_PROXY);
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 100-199/10000");
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(object, 100, 200));

        Reply tail = get(server.uri("data/ab/cdef"), Map.of("Range", "bytes=-10"), Proxy.NO_PROXY);
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(object, 9_990, 10_000));

        Reply beyond = get(server.uri("data/ab/cdef"), Map.of("Range", "bytes=20000-"), Proxy.NO_PROXY);
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.header("Content-Range")).isEqualTo("bytes */10000");
    }

    @Test
    void keepsConnectionsAliveAndSetsNoDelay() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(server.address(), 5_000);
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            String request = "GET /.cvmfspublished HTTP/1.1\r\nHost: x\r\n\r\n";
            out.write((request + request).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String replies = readUntil(s.getInputStream(), "Cabc\n--\nHTTP/1.1 200", 8 + 200);
            assertThat(replies).contains("Connection: keep-alive");
        }
        assertThat(server.requestCount(".cvmfspublished")).isEqualTo(2);
    }

    private static String readUntil(InputStream in, String marker, int extra) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            sb.append((char) b);
            if (sb.indexOf(marker) >= 0) {
                return sb.toString();
            }
        }
        return sb.toString();
    }

    @Test
    void injectsStatusWithHeadersForMatchingPathsOnly() throws IOException {
        server.inject("data/**", new Fault.Status(503, Map.of("X-Squid-Error", "ERR_CONNECT_FAIL 111")));
        Reply r = get("data/ab/cdef");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("X-Squid-Error")).isEqualTo("ERR_CONNECT_FAIL 111");
        assertThat(get(".cvmfspublished").status()).isEqualTo(200);
        server.clearFaults();
        assertThat(get("data/ab/cdef").status()).isEqualTo(200);
    }

    @Test
    void faultsCanBeLimitedToSomeRequestsAndRemoved() throws IOException {
        server.inject(PathPattern.of("data/ab/*"), new Fault.Status(500), 1);
        assertThat(get("data/ab/cdef").status()).isEqualTo(500);
        assertThat(get("data/ab/cdef").status()).isEqualTo(200);
        RepositoryServer.FaultHandle h = server.inject("data/ab/cdef", new Fault.Status(404));
        assertThat(get("data/ab/cdef").status()).isEqualTo(404);
        h.remove();
        assertThat(get("data/ab/cdef").status()).isEqualTo(200);
    }

    @Test
    void corruptsBodiesWithTheRightLength() throws IOException {
        server.inject("data/ab/cdef", new Fault.Corrupt());
        Reply r = get("data/ab/cdef");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).hasSameSizeAs(object).isNotEqualTo(object);
        assertThat(r.body()[0]).isEqualTo((byte) ~object[0]);
    }

    @Test
    void truncatesBodies() throws IOException {
        server.inject("data/ab/cdef", new Fault.Truncate(100));
        try (Socket s = new Socket()) {
            s.connect(server.address(), 5_000);
            s.setSoTimeout(5_000);
            s.getOutputStream().write("GET /data/ab/cdef HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            byte[] all = s.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            assertThat(text).contains("Content-Length: 10000");
            assertThat(all.length - (text.indexOf("\r\n\r\n") + 4)).isEqualTo(100);
        }
    }

    @Test
    void resetsConnections() throws IOException {
        server.inject("data/ab/cdef", new Fault.Reset());
        try (Socket s = new Socket()) {
            s.connect(server.address(), 5_000);
            s.setSoTimeout(5_000);
            s.getOutputStream().write("GET /data/ab/cdef HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThatThrownBy(() -> {
                int n = s.getInputStream().read();
                if (n == -1) {
                    throw new AssertionError("orderly close instead of reset");
                }
            }).isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
    }

    @Test
    void blackHoleAcceptsButNeverAnswersUntilClosed() throws IOException {
        server.inject("data/ab/cdef", new Fault.BlackHole());
        try (Socket s = new Socket()) {
            s.connect(server.address(), 5_000);
            s.setSoTimeout(300);
            s.getOutputStream().write("GET /data/ab/cdef HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            assertThat(server.requestCount("data/ab/cdef")).isEqualTo(1);
            server.close();
            s.setSoTimeout(5_000);
            assertThat(readOrReset(s)).isEqualTo(-1);
        }
    }

    private static int readOrReset(Socket s) {
        try {
            return s.getInputStream().read();
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    void latencyDelaysButStillAnswers() throws IOException {
        server.inject("data/ab/cdef", new Fault.Latency(Duration.ofMillis(200)));
        try (Socket s = new Socket()) {
            s.connect(server.address(), 5_000);
            s.setSoTimeout(50);
            s.getOutputStream().write("GET /data/ab/cdef HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            s.setSoTimeout(5_000);
            assertThat(s.getInputStream().read()).isEqualTo('H');
        }
    }

    @Test
    void malformedRequestsGetBadRequest() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(server.address(), 5_000);
            s.setSoTimeout(5_000);
            s.getOutputStream().write("NONSENSE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(reply).startsWith("HTTP/1.1 400");
        }
    }

    @Test
    void servesUnderAUrlPrefix() throws IOException {
        try (RepositoryServer prefixed = RepositoryServer.builder().root(dir).urlPrefix("cvmfs/test.cern.ch/").build()) {
            assertThat(prefixed.baseUri().getPath()).isEqualTo("/cvmfs/test.cern.ch");
            assertThat(get(prefixed.uri("data/ab/cdef"), Map.of(), Proxy.NO_PROXY).body()).isEqualTo(object);
            assertThat(get(prefixed.baseUri().resolve("/data/ab/cdef"), Map.of(), Proxy.NO_PROXY).status()).isEqualTo(404);
            assertThat(prefixed.requestCount("data/ab/cdef")).isEqualTo(1);
            assertThat(prefixed.requestCount("/data/ab/cdef")).isEqualTo(1);
        }
    }

    @Test
    void forwardProxyRelaysAndHasItsOwnFaults() throws IOException {
        try (RepositoryServer proxy = RepositoryServer.builder().forwardProxy().build()) {
            Proxy via = new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.port()));
            Reply r = get(server.uri("data/ab/cdef"), Map.of(), via);
            assertThat(r.body()).isEqualTo(object);
            assertThat(r.header("Via")).isEqualTo("1.1 cernvm-testkit");
            assertThat(r.header("Cache-Control")).isEqualTo("max-age=259200");
            assertThat(proxy.requestCount("data/ab/cdef")).isEqualTo(1);
            assertThat(server.requestCount("data/ab/cdef")).isEqualTo(1);

            proxy.inject("data/**", new Fault.Status(503));
            assertThat(get(server.uri("data/ab/cdef"), Map.of(), via).status()).isEqualTo(503);
            assertThat(server.requestCount("data/ab/cdef")).isEqualTo(1);
        }
    }

    @Test
    void forwardProxyReportsUnreachableOriginsAsSquidDoes() throws IOException {
        URI gone = server.uri("data/ab/cdef");
        server.close();
        try (RepositoryServer proxy = RepositoryServer.builder().forwardProxy().build()) {
            Proxy via = new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.port()));
            Reply r = get(gone, Map.of(), via);
            assertThat(r.status()).isEqualTo(502);
            assertThat(r.header("X-Squid-Error")).startsWith("ERR_CONNECT_FAIL");
        }
    }

    @Test
    void builderRefusesInconsistentSettings() {
        assertThatThrownBy(() -> RepositoryServer.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> RepositoryServer.builder().root(dir).forwardProxy().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> RepositoryServer.builder().port(70000)).isInstanceOf(IllegalArgumentException.class);
    }
}
