package io.cernvm.cvmfs.internal.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cernvm.api.AllMirrorsFailedException;
import io.cernvm.api.NotFoundException;
import io.cernvm.cvmfs.download.DownloadEvent;
import io.cernvm.cvmfs.download.DownloadListener;
import io.cernvm.cvmfs.download.DownloadSettings;
import io.cernvm.cvmfs.download.FailoverReason;
import io.cernvm.testkit.Fault;
import io.cernvm.testkit.PathPattern;
import io.cernvm.testkit.RecordedRequest;
import io.cernvm.testkit.RepositoryServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpTransportTest {

    private static final String OBJECT = "data/ab/cdef0123456789abcdef0123456789abcdefC";

    @TempDir
    Path repo;

    private final byte[] content = new byte[50_000];
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<DownloadEvent> events = new CopyOnWriteArrayList<>();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T00:00:00Z"));

    @BeforeEach
    void setUp() throws IOException {
        new Random(7).nextBytes(content);
        Files.createDirectories(repo.resolve(OBJECT).getParent());
        Files.write(repo.resolve(OBJECT), content);
        Files.writeString(repo.resolve(".cvmfspublished"), "C0123\n--\n");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private RepositoryServer host(String prefix) {
        RepositoryServer s = RepositoryServer.builder().root(repo).urlPrefix(prefix).build();
        closeables.add(s);
        return s;
    }

    private RepositoryServer proxy() {
        RepositoryServer s = RepositoryServer.builder().forwardProxy().build();
        closeables.add(s);
        return s;
    }

    private static String proxyUrl(RepositoryServer p) {
        return "http://127.0.0.1:" + p.port();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private DownloadSettings.Builder settings(RepositoryServer... hosts) {
        return DownloadSettings.builder()
                .servers(java.util.Arrays.stream(hosts).map(RepositoryServer::baseUri).toList())
                .timeout(Duration.ofSeconds(5))
                .timeoutDirect(Duration.ofSeconds(5))
                .backoffInit(Duration.ofSeconds(2))
                .backoffMax(Duration.ofSeconds(10));
    }

    private HttpTransport transport(DownloadSettings s) {
        HttpTransport t = HttpTransport.builder()
                .settings(s)
                .listener(DownloadListener.of(events::add))
                .sleeper(sleeps::add)
                .clock(clock)
                .random(new Random(1))
                .build();
        closeables.add(t);
        return t;
    }

    private <T extends DownloadEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void fetchesAByteRangeOfAnEncodedPathAndRefusesBadPaths() throws IOException {
        Files.createDirectories(repo.resolve("dir with space"));
        Files.write(repo.resolve("dir with space/ü.bin"), content, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE);
        RepositoryServer a = host("/ext");
        HttpTransport t = transport(settings(a).build());
        ByteArraySink sink = new ByteArraySink();
        t.fetchRangeInto("dir%20with%20space/%C3%BC.bin", 1000, 2345, false, sink);
        assertThat(sink.bytes()).isEqualTo(java.util.Arrays.copyOfRange(content, 1000, 3345));
        assertThat(a.recordedRequests().get(0).header("Range")).isEqualTo("bytes=1000-3344");
        ByteArraySink whole = new ByteArraySink();
        t.fetchRangeInto("dir%20with%20space/%C3%BC.bin", 0, -1, false, whole);
        assertThat(whole.bytes()).isEqualTo(content);
        assertThat(a.recordedRequests().get(1).header("Range")).isNull();
        for (String bad : List.of("a b", "%zz", "a/%2", "../x", "/abs", "a?b")) {
            assertThatThrownBy(() -> t.fetchRangeInto(bad, 0, -1, false, new ByteArraySink())).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> t.fetchRangeInto("x", 5, -1, false, new ByteArraySink()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.fetchRangeInto("x", 0, 0, false, new ByteArraySink()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fetchesDirectWithUpstreamHeaders() {
        RepositoryServer a = host("/cvmfs/test.cern.ch");
        HttpTransport t = transport(settings(a).build());

        assertThat(t.fetch(OBJECT, false)).isEqualTo(content);
        RecordedRequest plain = a.recordedRequests().get(0);
        assertThat(plain.header("User-Agent")).isEqualTo("cvmfs libcvmfs 2.12.0");
        assertThat(plain.header("Pragma")).isNull();
        assertThat(plain.header("Cache-Control")).isNull();
        assertThat(plain.header("Accept-Encoding")).isEqualTo("identity");

        t.fetch(".cvmfspublished", true);
        RecordedRequest fresh = a.recordedRequests().get(1);
        assertThat(fresh.header("Pragma")).isEqualTo("no-cache");
        assertThat(fresh.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(eventsOf(DownloadEvent.Success.class)).extracting(DownloadEvent.Success::proxy).containsOnly("DIRECT");
        assertThat(t.describe()).contains(a.baseUri().toString()).contains("DIRECT");
        assertThat(t.locate(OBJECT).url()).isEqualTo(a.uri(OBJECT));
        assertThat(t.locate(OBJECT).path()).isEqualTo(OBJECT);
    }

    @Test
    void refusedProxyFailsOverAtOnceWithoutBackoff() throws IOException {
        RepositoryServer a = host("");
        RepositoryServer live = proxy();
        String dead = "http://127.0.0.1:" + closedPort();
        HttpTransport t = transport(settings(a).httpProxy(dead + ";" + proxyUrl(live)).build());

        assertThat(t.fetch(OBJECT, false)).isEqualTo(content);

        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isInstanceOfSatisfying(DownloadEvent.Failure.class, f -> {
            assertThat(f.proxy()).isEqualTo(dead);
            assertThat(f.reason()).isEqualTo(FailoverReason.PROXY_REFUSED);
        });
        assertThat(events.get(1)).isEqualTo(new DownloadEvent.ProxySwitch(OBJECT, dead, proxyUrl(live), FailoverReason.PROXY_REFUSED, 1));
        assertThat(events.get(2)).isInstanceOfSatisfying(DownloadEvent.Success.class, s -> assertThat(s.proxy()).isEqualTo(proxyUrl(live)));
        assertThat(sleeps).isEmpty();
        assertThat(live.requestCount(OBJECT)).isEqualTo(1);
    }

    @Test
    void blackHoledProxyFailsOverAfterTheTimeoutAndOneBackoff() {
        RepositoryServer a = host("");
        RepositoryServer hole = proxy();
        hole.inject("**", new Fault.BlackHole());
        RepositoryServer live = proxy();
        HttpTransport t = transport(settings(a).httpProxy(proxyUrl(hole) + ";" + proxyUrl(live)).maxRetries(1)
                .timeout(Duration.ofMillis(1500)).build());

        assertThat(t.fetch(OBJECT, false)).isEqualTo(content);

        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Failure", "Retry", "Backoff", "Failure", "ProxySwitch", "Success");
        assertThat(eventsOf(DownloadEvent.Failure.class)).extracting(DownloadEvent.Failure::reason)
                .containsOnly(FailoverReason.PROXY_TOO_SLOW);
        DownloadEvent.Backoff backoff = eventsOf(DownloadEvent.Backoff.class).get(0);
        assertThat(backoff.delay()).isBetween(Duration.ZERO, Duration.ofSeconds(2));
        assertThat(sleeps).containsExactly(backoff.delay());
        assertThat(eventsOf(DownloadEvent.ProxySwitch.class)).containsExactly(
                new DownloadEvent.ProxySwitch(OBJECT, proxyUrl(hole), proxyUrl(live), FailoverReason.PROXY_TOO_SLOW, 2));
        assertThat(hole.requestCount(OBJECT)).isEqualTo(2);
    }

    @Test
    void slowLiveProxyNeverMakesTrafficGoDirect() {
        RepositoryServer a = host("");
        RepositoryServer slow = proxy();
        slow.inject("**", new Fault.Latency(Duration.ofSeconds(30)));
        HttpTransport t = transport(settings(a).httpProxy(proxyUrl(slow)).maxRetries(1).timeout(Duration.ofMillis(1500)).build());

        assertThatThrownBy(() -> t.fetch(OBJECT, false)).isInstanceOfSatisfying(AllMirrorsFailedException.class, e -> {
            assertThat(e.attempts()).hasSize(2).extracting(AllMirrorsFailedException.Attempt::proxy).containsOnly(proxyUrl(slow));
            assertThat(e.attempts()).extracting(x -> x.url().getHost()).containsOnly("127.0.0.1");
        });
        assertThat(events).noneMatch(e -> e instanceof DownloadEvent.ProxySwitch);
        assertThat(eventsOf(DownloadEvent.Failure.class)).extracting(DownloadEvent.Failure::proxy).doesNotContain("DIRECT");
        assertThat(a.totalRequests()).isZero();
    }

    @Test
    void slowProxyGoesDirectWhenTheProxyStringAllowsIt() {
        RepositoryServer a = host("");
        RepositoryServer slow = proxy();
        slow.inject("**", new Fault.Latency(Duration.ofSeconds(30)));
        HttpTransport t = transport(settings(a).httpProxy(proxyUrl(slow) + ";DIRECT").maxRetries(0).timeout(Duration.ofMillis(1500)).build());

        assertThat(t.fetch(OBJECT, false)).isEqualTo(content);
        assertThat(eventsOf(DownloadEvent.ProxySwitch.class)).containsExactly(
                new DownloadEvent.ProxySwitch(OBJECT, proxyUrl(slow), "DIRECT", FailoverReason.PROXY_TOO_SLOW, 1));
        assertThat(a.requestCount(OBJECT)).isEqualTo(1);
    }

    @Test
    void fallbackProxyRemovesDirect() {
        RepositoryServer a = host("");
        RepositoryServer fallback = proxy();
        HttpTransport t = transport(settings(a).httpProxy("DIRECT").fallbackProxy(proxyUrl(fallback)).build());

        assertThat(t.fetch(OBJECT, false)).isEqualTo(content);
        assertThat(fallback.requestCount(OBJECT)).isEqualTo(1);
        assertThat(eventsOf(DownloadEvent.Success.class).get(0).proxy()).isEqualTo(proxyUrl(fallback));
    }

    @Test
    void serverErrorsFailOverToTheNextHostAndStayThere() {
        RepositoryServer a = host("/a");
        RepositoryServer b = host("/b");
        a.inject("data/**", new Fault.Status(503));
        HttpTransport t = transport(settings(a, b).build());

        assertThat(t.fetch(OBJECT, false)).isEqualTo(content);
        assertThat(eventsOf(DownloadEvent.HostSwitch.class)).containsExactly(
                new DownloadEvent.HostSwitch(OBJECT, a.baseUri(), b.baseUri(), FailoverReason.HOST_HTTP, 1));
        assertThat(sleeps).isEmpty();

        t.fetch(".cvmfspublished", false);
        assertThat(a.requestCount(".cvmfspublished")).isZero();
        assertThat(b.requestCount(".cvmfspublished")).isEqualTo(1);
        assertThat(t.activeRoute().host()).isEqualTo(b.baseUri());
    }

    @Test
    void hostChainReturnsToTheFirstHostAfterTheResetTime() {
        RepositoryServer a = host("/a");
        RepositoryServer b = host("/b");
        a.inject(PathPattern.of("data/**"), new Fault.Status(500), 1);
        HttpTransport t = transport(settings(a, b).hostResetAfter(Duration.ofSeconds(1800)).build());
        t.fetch(OBJECT, false);
        clock.advance(Duration.ofSeconds(1801));
        events.clear();

        t.fetch(OBJECT, false);
        assertThat(events.get(0)).isEqualTo(new DownloadEvent.HostSwitch(OBJECT, b.baseUri(), a.baseUri(), FailoverReason.HOST_RESET_AFTER, 1));
        assertThat(a.requestCount(OBJECT)).isEqualTo(2);
    }

    @Test
    void proxyChainReturnsToTheFirstGroupAfterTheResetTime() {
        RepositoryServer a = host("");
        RepositoryServer p1 = proxy();
        RepositoryServer p2 = proxy();
        p1.inject(PathPattern.of("**"), new Fault.Status(502, Map.of("X-Squid-Error", "ERR_READ_ERROR 0")), 1);
        HttpTransport t = transport(settings(a).httpProxy(proxyUrl(p1) + ";" + proxyUrl(p2)).proxyResetAfter(Duration.ofSeconds(300)).build());

        t.fetch(OBJECT, false);
        assertThat(eventsOf(DownloadEvent.ProxySwitch.class)).containsExactly(
                new DownloadEvent.ProxySwitch(OBJECT, proxyUrl(p1), proxyUrl(p2), FailoverReason.PROXY_HTTP, 1));
        t.fetch(".cvmfspublished", false);
        assertThat(p2.requestCount(".cvmfspublished")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(301));
        events.clear();
        t.fetch(".cvmfspublished", false);
        assertThat(events.get(0)).isEqualTo(
                new DownloadEvent.ProxySwitch(".cvmfspublished", proxyUrl(p2), proxyUrl(p1), FailoverReason.PROXY_RESET_AFTER, 1));
        assertThat(p1.requestCount(".cvmfspublished")).isEqualTo(1);
    }

    @Test
    void whenEveryProxyFailsTheNextHostIsTried() {
        RepositoryServer a = host("/a");
        RepositoryServer b = host("/b");
        RepositoryServer p = proxy();
        p.inject("a/**", new Fault.Status(503, Map.of("X-Squid-Error", "ERR_CONNECT_FAIL 111")));
        HttpTransport t = transport(settings(a, b).httpProxy(proxyUrl(p)).build());

        assertThat(t.fetch(OBJECT, false)).isEqualTo(content);
        assertThat(eventsOf(DownloadEvent.Failure.class)).extracting(DownloadEvent.Failure::reason).containsExactly(FailoverReason.PROXY_HTTP);
        assertThat(eventsOf(DownloadEvent.HostSwitch.class)).containsExactly(
                new DownloadEvent.HostSwitch(OBJECT, a.baseUri(), b.baseUri(), FailoverReason.HOST_AFTER_PROXY, 1));
        assertThat(b.requestCount(OBJECT)).isEqualTo(1);
    }

    @Test
    void notFoundEverywhereIsNotFound() {
        RepositoryServer a = host("/a");
        RepositoryServer b = host("/b");
        HttpTransport t = transport(settings(a, b).build());

        assertThatThrownBy(() -> t.fetch("data/00/missing", false)).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.location().path()).isEqualTo("data/00/missing");
            assertThat(e.location().url()).isEqualTo(b.uri("data/00/missing"));
        });
    }

    @Test
    void allMirrorsFailingListsEveryAttempt() {
        RepositoryServer a = host("/a");
        RepositoryServer b = host("/b");
        a.inject("**", new Fault.Status(503));
        b.inject("**", new Fault.Status(404));
        HttpTransport t = transport(settings(a, b).build());

        assertThatThrownBy(() -> t.fetch(OBJECT, false)).isInstanceOfSatisfying(AllMirrorsFailedException.class, e -> {
            assertThat(e.attempts()).extracting(AllMirrorsFailedException.Attempt::url).containsExactly(a.uri(OBJECT), b.uri(OBJECT));
            assertThat(e.attempts().get(0).reason()).contains("HTTP 503");
            assertThat(e.getMessage()).contains(OBJECT);
        });
    }

    @Test
    void cutTransfersAreRetriedInPlaceAfterABackoff() {
        RepositoryServer a = host("");
        a.inject(PathPattern.of(OBJECT), new Fault.Truncate(1000), 1);
        a.inject(PathPattern.of(".cvmfspublished"), new Fault.Reset(), 1);
        HttpTransport t = transport(settings(a).build());

        assertThat(t.fetch(OBJECT, false)).isEqualTo(content);
        assertThat(t.fetch(".cvmfspublished", false)).isEqualTo("C0123\n--\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(eventsOf(DownloadEvent.Failure.class)).extracting(DownloadEvent.Failure::reason)
                .containsExactly(FailoverReason.HOST_SHORT_TRANSFER, FailoverReason.HOST_SHORT_TRANSFER);
        assertThat(eventsOf(DownloadEvent.Retry.class)).hasSize(2);
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void backoffDoublesUpToTheCap() {
        RepositoryServer a = host("");
        a.inject(PathPattern.of(OBJECT), new Fault.Reset(), 4);
        HttpTransport t = transport(settings(a).maxRetries(4).backoffInit(Duration.ofMillis(2000)).backoffMax(Duration.ofMillis(3000)).build());

        assertThat(t.fetch(OBJECT, false)).isEqualTo(content);
        assertThat(sleeps).hasSize(4);
        Duration first = sleeps.get(0);
        assertThat(first).isBetween(Duration.ZERO, Duration.ofMillis(2000));
        for (int i = 1; i < 4; i++) {
            assertThat(sleeps.get(i)).isEqualTo(first.multipliedBy(1L << i).compareTo(Duration.ofMillis(3000)) > 0
                    ? Duration.ofMillis(3000) : first.multipliedBy(1L << i));
        }
    }

    @Test
    void noCacheFetchesAreNotRetriedInPlace() {
        RepositoryServer a = host("");
        a.inject(PathPattern.of(OBJECT), new Fault.Reset(), 1);
        HttpTransport t = transport(settings(a).build());

        assertThatThrownBy(() -> t.fetch(OBJECT, true)).isInstanceOf(AllMirrorsFailedException.class);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void corruptObjectIsReadFromTheNextHostAfterReportCorrupt() throws Exception {
        RepositoryServer a = host("/a");
        RepositoryServer b = host("/b");
        a.inject(OBJECT, new Fault.Corrupt());
        HttpTransport t = transport(settings(a, b).build());

        byte[] bad = t.fetch(OBJECT, false);
        assertThat(bad).hasSameSizeAs(content).isNotEqualTo(content);
        t.reportCorrupt(OBJECT);
        assertThat(eventsOf(DownloadEvent.HostSwitch.class)).containsExactly(
                new DownloadEvent.HostSwitch(OBJECT, a.baseUri(), b.baseUri(), FailoverReason.BAD_DATA, 1));
        byte[] good = t.fetch(OBJECT, true);
        assertThat(java.security.MessageDigest.getInstance("SHA-1").digest(good))
                .isEqualTo(java.security.MessageDigest.getInstance("SHA-1").digest(content));
        assertThat(b.recordedRequests().get(0).header("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void manyThreadsFetchingOnePathMakeOneRequest() throws Exception {
        RepositoryServer a = host("");
        a.inject(OBJECT, new Fault.Latency(Duration.ofMillis(2000)));
        HttpTransport t = transport(settings(a).timeoutDirect(Duration.ofSeconds(20)).build());
        int threads = 12;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return t.fetch(OBJECT, false);
                }));
            }
            ready.await();
            go.countDown();
            for (Future<byte[]> f : results) {
                assertThat(f.get()).isEqualTo(content);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(a.requestCount(OBJECT)).isEqualTo(1);
    }

    @Test
    void transfersBelowTheLowSpeedLimitAreTooSlow() {
        RepositoryServer a = host("");
        Clock ticking = new Clock() {
            private long millis;

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public synchronized Instant instant() {
                millis += 10_000; // every look at the clock finds ten seconds gone
                return Instant.ofEpochMilli(millis);
            }
        };
        DownloadSettings s = settings(a).timeoutDirect(Duration.ofSeconds(1)).lowSpeedLimit(100_000_000).build();
        HttpTransport slow = HttpTransport.builder().settings(s).listener(DownloadListener.of(events::add)).sleeper(sleeps::add)
                .clock(ticking).build();
        closeables.add(slow);

        assertThatThrownBy(() -> slow.fetch(OBJECT, false)).isInstanceOf(AllMirrorsFailedException.class);
        assertThat(eventsOf(DownloadEvent.Failure.class)).extracting(DownloadEvent.Failure::reason)
                .containsExactly(FailoverReason.HOST_TOO_SLOW, FailoverReason.HOST_TOO_SLOW);

        HttpTransport unlimited = HttpTransport.builder().settings(s.toBuilder().lowSpeedLimit(0).build()).clock(ticking).build();
        closeables.add(unlimited);
        assertThat(unlimited.fetch(OBJECT, false)).isEqualTo(content);
    }

    @Test
    void downloadsBeyondTheParallelLimitWait() throws Exception {
        RepositoryServer a = host("");
        a.inject(OBJECT, new Fault.Latency(Duration.ofMillis(3000)));
        HttpTransport t = transport(settings(a).maxParallel(1).timeoutDirect(Duration.ofSeconds(20)).build());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<byte[]> first = pool.submit(() -> t.fetch(OBJECT, false));
            while (a.requestCount(OBJECT) == 0) {
                Thread.sleep(10);
            }
            Future<byte[]> second = pool.submit(() -> t.fetch(".cvmfspublished", false));
            Thread.sleep(300);
            assertThat(a.requestCount(".cvmfspublished")).isZero();
            assertThat(first.get()).isEqualTo(content);
            assertThat(second.get()).isNotEmpty();
            assertThat(a.requestCount(".cvmfspublished")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void redirectsAreHostErrorsUnlessFollowingIsOn() {
        RepositoryServer a = host("/a");
        RepositoryServer b = host("/b");
        a.inject(OBJECT, new Fault.Status(302, Map.of("Location", b.uri(OBJECT).toString())));
        HttpTransport strict = transport(settings(a).build());
        assertThatThrownBy(() -> strict.fetch(OBJECT, false)).isInstanceOfSatisfying(AllMirrorsFailedException.class,
                e -> assertThat(e.attempts()).singleElement().satisfies(x -> assertThat(x.reason()).contains("HTTP 302")));

        HttpTransport following = transport(settings(a).followRedirects(true).build());
        assertThat(following.fetch(OBJECT, false)).isEqualTo(content);
        assertThat(b.requestCount(OBJECT)).isEqualTo(1);
    }

    @Test
    void aFailingListenerDoesNotBreakDownloads() {
        RepositoryServer a = host("");
        HttpTransport t = HttpTransport.builder().settings(settings(a).build()).listener(new DownloadListener() {
            @Override
            public void succeeded(DownloadEvent.Success event) {
                throw new IllegalStateException("listener bug");
            }
        }).build();
        closeables.add(t);
        assertThat(t.fetch(OBJECT, false)).isEqualTo(content);
    }

    @Test
    void pathsMustBeRepositoryRelative() {
        RepositoryServer a = host("");
        HttpTransport t = transport(settings(a).build());
        for (String bad : new String[] {"/abs", "", "a/../b", "a//b", "a b", "a?x", "a%zz", "caf\u00e9", "a\\b", "./a"}) {
            assertThatThrownBy(() -> t.fetch(bad, false)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

}
