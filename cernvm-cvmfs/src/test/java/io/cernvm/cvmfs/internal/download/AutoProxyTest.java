package io.cernvm.cvmfs.internal.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cernvm.api.ConfigurationException;
import io.cernvm.cvmfs.download.DownloadEvent;
import io.cernvm.cvmfs.download.DownloadListener;
import io.cernvm.cvmfs.download.DownloadSettings;
import io.cernvm.testkit.RepositoryServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The proxy group {@code auto} resolved by a real transport against served PAC files and proxies. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AutoProxyTest {

    private static final String OBJECT = "data/ab/cdef0123456789abcdef0123456789abcdefC";
    private static final String PREFIX = "/cvmfs/test.cern.ch";

    @TempDir
    Path repo;
    @TempDir
    Path pacDir;

    private final byte[] content = new byte[5_000];
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<DownloadEvent> events = new CopyOnWriteArrayList<>();
    private final PacHostResolver resolver = PacScriptTest.fakeResolver(Map.of("squid.site", "10.1.2.3"), "10.1.0.7");
    private RepositoryServer origin;
    private RepositoryServer pacServer;

    @BeforeEach
    void setUp() throws IOException {
        new Random(3).nextBytes(content);
        Files.createDirectories(repo.resolve(OBJECT).getParent());
        Files.write(repo.resolve(OBJECT), content);
        Files.writeString(repo.resolve(".cvmfspublished"), "C0123\n--\n");
        origin = closing(RepositoryServer.builder().root(repo).urlPrefix(PREFIX).build());
        pacServer = closing(RepositoryServer.builder().root(pacDir).build());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        closeables.add(c);
        return c;
    }

    private RepositoryServer proxy() {
        return closing(RepositoryServer.builder().forwardProxy().build());
    }

    private static String proxyUrl(RepositoryServer p) {
        return "http://127.0.0.1:" + p.port();
    }

    private String pac(String name, String text) throws IOException {
        Files.writeString(pacDir.resolve(name), text);
        return pacServer.uri(name).toString();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private DownloadSettings.Builder settings(String httpProxy) {
        return DownloadSettings.builder()
                .servers(List.of(origin.baseUri()))
                .httpProxy(httpProxy)
                .timeout(Duration.ofSeconds(5))
                .timeoutDirect(Duration.ofSeconds(5))
                .maxRetries(0);
    }

    private HttpTransport transport(DownloadSettings s) {
        return closing(HttpTransport.builder()
                .settings(s)
                .listener(DownloadListener.of(events::add))
                .sleeper(d -> {
                })
                .clock(Clock.fixed(Instant.parse("2026-11-25T14:30:15Z"), ZoneOffset.UTC))
                .random(new Random(1))
                .pacHostResolver(resolver)
                .pacInstructionBudget(200_000)
                .build());
    }

    private <T extends DownloadEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private DownloadEvent.ProxyAutoResolved resolved() {
        assertThat(eventsOf(DownloadEvent.ProxyAutoResolved.class)).hasSize(1);
        return eventsOf(DownloadEvent.ProxyAutoResolved.class).get(0);
    }

    @Test
    void aPacFileChoosesTheProxyPerHostAndTheProxyIsUsed() throws IOException {
        RepositoryServer squid = proxy();
        String url = pac("wpad.dat", """
                function FindProxyForURL(url, host) {
                    if (dnsDomainIs(host, ".example.org") || isPlainHostName(host)) {
                        return "DIRECT";
                    }
                    if (shExpMatch(url, "*/cvmfs/test.cern.ch/.cvmfspublished")
                            && isInNet(host, "127.0.0.0", "255.0.0.0")
                            && isInNet(dnsResolve("squid.site"), "10.0.0.0", "255.0.0.0")) {
                        return "PROXY 127.0.0.1:%d; DIRECT";
                    }
                    return "PROXY 127.0.0.1:1";
                }
                """.formatted(squid.port()));
        HttpTransport t = transport(settings("auto").pacUrls(url).build());

        DownloadEvent.ProxyAutoResolved r = resolved();
        assertThat(r.source()).isEqualTo(url);
        assertThat(r.proxies()).isEqualTo("127.0.0.1:" + squid.port() + ";DIRECT");
        assertThat(r.chain()).isEqualTo(r.proxies());
        assertThat(r.path()).isEmpty();
        assertThat(r.attempt()).isZero();
        assertThat(t.describe()).contains(proxyUrl(squid) + ";DIRECT");

        assertThat(t.fetch(OBJECT, false)).isEqualTo(content);
        assertThat(eventsOf(DownloadEvent.Success.class)).extracting(DownloadEvent.Success::proxy).containsExactly(proxyUrl(squid));
        assertThat(squid.requestCount(PREFIX.substring(1) + "/" + OBJECT)).isEqualTo(1);
        assertThat(origin.requestCount(OBJECT)).isEqualTo(1);
        assertThat(pacServer.requestCount("wpad.dat")).isEqualTo(1);
    }

    @Test
    void thePacFileIsFetchedDirectEvenWithAProxyBeforeAuto() throws IOException {
        RepositoryServer squid = proxy();
        String url = pac("wpad.dat", "function FindProxyForURL(u, h) { return 'DIRECT'; }");
        transport(settings(proxyUrl(squid) + ";auto").pacUrls(url).build());

        assertThat(resolved().chain()).isEqualTo(proxyUrl(squid) + ";DIRECT");
        assertThat(squid.totalRequests()).isZero();
        assertThat(pacServer.requestCount("wpad.dat")).isEqualTo(1);
    }

    @Test
    void httpProxyFromTheEnvironmentWinsOverPacFiles() throws IOException {
        RepositoryServer squid = proxy();
        String url = pac("wpad.dat", "function FindProxyForURL(u, h) { return 'PROXY 127.0.0.1:1'; }");
        HttpTransport t = transport(settings("auto").pacUrls(url).environment(Map.of("http_proxy", proxyUrl(squid), "HTTP_PROXY", "x")).build());

        assertThat(resolved().source()).isEqualTo("http_proxy");
        assertThat(resolved().proxies()).isEqualTo(proxyUrl(squid));
        assertThat(pacServer.totalRequests()).isZero();
        assertThat(t.fetch(OBJECT, false)).isEqualTo(content);
        assertThat(eventsOf(DownloadEvent.Success.class)).extracting(DownloadEvent.Success::proxy).containsExactly(proxyUrl(squid));
    }

    @Test
    void anEmptyHttpProxyMakesAutoResolveToNothingWithoutPacFiles() throws IOException {
        String url = pac("wpad.dat", "function FindProxyForURL(u, h) { return 'PROXY 127.0.0.1:1'; }");
        HttpTransport t = transport(settings("auto;DIRECT").pacUrls(url).environment(Map.of("http_proxy", "")).build());

        assertThat(resolved().proxies()).isEmpty();
        assertThat(resolved().chain()).isEqualTo("DIRECT");
        assertThat(pacServer.totalRequests()).isZero();
        assertThat(t.fetch(OBJECT, false)).isEqualTo(content);
    }

    @Test
    void anUnreachablePacUrlIsSkippedForTheNextOne() throws IOException {
        RepositoryServer squid = proxy();
        String dead = "http://127.0.0.1:" + closedPort() + "/wpad.dat";
        String missing = pacServer.uri("missing.dat").toString();
        String good = pac("good.dat", "function FindProxyForURL(u, h) { return 'PROXY 127.0.0.1:" + squid.port() + "'; }");
        HttpTransport t = transport(settings("auto").pacUrls(dead + "; " + missing + ";;" + good).build());

        DownloadEvent.ProxyAutoResolved r = resolved();
        assertThat(r.source()).isEqualTo(good);
        assertThat(r.detail()).contains(dead).contains(missing).contains("HTTP 404");
        assertThat(t.fetch(OBJECT, false)).isEqualTo(content);
        assertThat(eventsOf(DownloadEvent.Success.class)).extracting(DownloadEvent.Success::proxy).containsExactly(proxyUrl(squid));
    }

    @Test
    void aPacFileUrlIsReadToo() throws IOException {
        Path file = pacDir.resolve("local.pac");
        Files.writeString(file, "function FindProxyForURL(u, h) { return 'PROXY http://squid.site:3128; DIRECT'; }");
        HttpTransport t = transport(settings("auto").pacUrls(file.toUri().toString()).build());

        assertThat(resolved().proxies()).isEqualTo("http://squid.site:3128;DIRECT");
        assertThat(t.describe()).contains("http://squid.site:3128;DIRECT");
    }

    @Test
    void brokenPacFilesAreEachSkippedWithTheirReason() throws IOException {
        String loop = pac("loop.dat", "function FindProxyForURL(u, h) { while (true) {} }");
        String syntax = pac("syntax.dat", "function FindProxyForURL(u, h) { return 'DIRECT' ");
        String huge = pac("huge.dat", "// " + "x".repeat(PacFile.MAX_SIZE) + "\nfunction FindProxyForURL(u, h) { return 'DIRECT'; }");
        String garbage = pac("garbage.dat", "function FindProxyForURL(u, h) { return 'SOCKS s:1080; HTTP h:80; nonsense'; }");
        String unusable = pac("unusable.dat", "function FindProxyForURL(u, h) { return 'PROXY a b c:99999'; }");
        String binary = pac("binary.dat", "\u0000\u00ff\u0001PK\u0003\u0004");
        HttpTransport t = transport(settings("auto;DIRECT").pacUrls(String.join(";", loop, syntax, huge, garbage, unusable, binary)).build());

        DownloadEvent.ProxyAutoResolved r = resolved();
        assertThat(r.source()).isEqualTo("none");
        assertThat(r.proxies()).isEmpty();
        assertThat(r.chain()).isEqualTo("DIRECT");
        assertThat(r.detail())
                .contains(loop + " ran more than 200000 instructions")
                .contains(syntax + ":")
                .contains(huge + " is larger than")
                .contains(garbage + " named no usable proxy")
                .contains(unusable + " answered")
                .contains(binary);
        assertThat(t.fetch(OBJECT, false)).isEqualTo(content);
        assertThat(eventsOf(DownloadEvent.Success.class)).extracting(DownloadEvent.Success::proxy).containsExactly("DIRECT");
    }

    @Test
    void autoAloneWithoutAnyPacFileIsAConfigurationError() throws IOException {
        String dead = "http://127.0.0.1:" + closedPort() + "/wpad.dat";
        String missing = pacServer.uri("missing.dat").toString();
        DownloadSettings s = settings("auto").pacUrls(dead + ";" + missing).build();

        assertThatThrownBy(() -> transport(s)).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.location().key()).isEqualTo("CVMFS_HTTP_PROXY");
            assertThat(e.getMessage()).contains("CVMFS_HTTP_PROXY").contains(dead).contains(missing).contains("HTTP 404");
        });
        assertThat(resolved().chain()).isEmpty();
    }

    @Test
    void autoAloneWithoutPacUrlsNamesTheMissingParameter() {
        DownloadSettings s = settings("auto").build();
        assertThatThrownBy(() -> transport(s)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.getMessage()).contains("CVMFS_PAC_URLS"));
    }

    @Test
    void autoThenDirectWithoutPacGoesDirectAndSaysWhy() throws IOException {
        String dead = "http://127.0.0.1:" + closedPort() + "/wpad.dat";
        HttpTransport t = transport(settings("auto;DIRECT").pacUrls(dead).build());

        DownloadEvent.ProxyAutoResolved r = resolved();
        assertThat(r.chain()).isEqualTo("DIRECT");
        assertThat(r.detail()).contains(dead).contains("could not be downloaded");
        assertThat(t.fetch(OBJECT, false)).isEqualTo(content);
        assertThat(eventsOf(DownloadEvent.Success.class)).extracting(DownloadEvent.Success::proxy).containsExactly("DIRECT");
    }

    @Test
    void noAutoGroupMeansNoResolutionAndNoEvent() {
        transport(settings("DIRECT").pacUrls("http://127.0.0.1:1/never.dat").build());
        assertThat(eventsOf(DownloadEvent.ProxyAutoResolved.class)).isEmpty();
    }

    @Test
    void unusableProxiesFromTheEnvironmentNameTheirSource() {
        DownloadSettings s = settings("auto").environment(Map.of("http_proxy", "socks5://s:1080")).build();
        assertThatThrownBy(() -> transport(s)).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.location().key()).isEqualTo("CVMFS_HTTP_PROXY");
            assertThat(e.getMessage()).contains("http_proxy");
        });
    }

    @Test
    void theLastGoodResultIsCachedAndUsedWhenDiscoveryFails() throws IOException {
        RepositoryServer squid = proxy();
        Path cache = pacDir.resolve("work/proxies");
        String good = pac("good.dat", "function FindProxyForURL(u, h) { return 'PROXY 127.0.0.1:" + squid.port() + "'; }");
        String dead = "http://127.0.0.1:" + closedPort() + "/wpad.dat";
        closing(HttpTransport.builder().settings(settings("auto;DIRECT").pacUrls(good).build()).autoProxyCache(cache).build());
        assertThat(Files.readString(cache)).isEqualTo("127.0.0.1:" + squid.port() + ";DIRECT");

        HttpTransport t = closing(HttpTransport.builder().settings(settings("auto").pacUrls(dead).build()).autoProxyCache(cache)
                .listener(DownloadListener.of(events::add)).build());
        DownloadEvent.ProxyAutoResolved r = resolved();
        assertThat(r.source()).isEqualTo("cache " + cache);
        assertThat(r.chain()).isEqualTo("127.0.0.1:" + squid.port() + ";DIRECT");
        assertThat(r.detail()).contains(dead);
        assertThat(t.fetch(OBJECT, false)).isEqualTo(content);
        assertThat(eventsOf(DownloadEvent.Success.class)).extracting(DownloadEvent.Success::proxy).containsExactly(proxyUrl(squid));
        assertThat(Files.readString(cache)).isEqualTo("127.0.0.1:" + squid.port() + ";DIRECT"); // a failed discovery does not overwrite it

        Files.writeString(cache, "not a proxy at all");
        events.clear();
        assertThatThrownBy(() -> HttpTransport.builder().settings(settings("auto").pacUrls(dead).build()).autoProxyCache(cache)
                .listener(DownloadListener.of(events::add)).build()).isInstanceOf(ConfigurationException.class);
        assertThat(resolved().source()).isEqualTo("none");
    }
}
