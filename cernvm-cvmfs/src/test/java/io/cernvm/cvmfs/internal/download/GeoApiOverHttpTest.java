package io.cernvm.cvmfs.internal.download;

import io.cernvm.cvmfs.FixtureRepository;
import static org.assertj.core.api.Assertions.assertThat;

import io.cernvm.cvmfs.config.ClientConfiguration;
import io.cernvm.cvmfs.download.DownloadEvent;
import io.cernvm.cvmfs.download.DownloadListener;
import io.cernvm.testkit.RepositoryServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 2016 fixture repository served by three Stratum 1s on 127.0.0.1, .2 and .3 (three loopback
 * addresses, so that the Geo API names differ), each also serving a static Geo API reply at the
 * path the client asks for: the objects come from the server the reply puts first.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GeoApiOverHttpTest {

    private static final String UUID = "5d1c8a52-7f3e-4c1b-9f0a-2b6e8d4c3a10";
    private static final String NAMES = "127.0.0.1,127.0.0.2,127.0.0.3";

    @TempDir
    Path work;

    private Path repo;
    private Path etc;
    private final List<RepositoryServer> servers = new ArrayList<>();
    private final List<DownloadEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws IOException, InterruptedException {
        repo = FixtureRepository.unpack("server-2.2.0", work);
        for (int i = 1; i <= 3; i++) {
            servers.add(RepositoryServer.builder().root(repo).urlPrefix("/cvmfs/test.cern.ch")
                    .bindAddress(InetAddress.getByName("127.0.0." + i)).build());
        }
        etc = Files.createDirectories(work.resolve("etc-cvmfs"));
        Files.createDirectories(etc.resolve("domain.d"));
        Files.writeString(etc.resolve("domain.d/cern.ch.conf"), "CVMFS_SERVER_URL=\"" + String.join(";",
                servers.stream().map(s -> "http://127.0.0.1:PORT/cvmfs/@fqrn@".replace("127.0.0.1", s.address().getAddress().getHostAddress())
                        .replace("PORT", String.valueOf(s.port()))).toList()) + "\"\n");
    }

    @AfterEach
    void stop() {
        servers.forEach(RepositoryServer::close);
    }

    private void geoReply(String proxyName, String reply) throws IOException {
        Path file = repo.resolve("api/v1.0/geo/" + proxyName + "/" + NAMES);
        Files.createDirectories(file.getParent());
        Files.writeString(file, reply, StandardCharsets.ISO_8859_1);
    }

    private ClientConfiguration configuration(String local) throws IOException {
        Files.writeString(etc.resolve("default.local"), local);
        return ClientConfiguration.builder().root(etc).load("test.cern.ch");
    }

    private HttpTransport transport(ClientConfiguration cfg) {
        return HttpTransport.builder().configuration(cfg).clientUuid(UUID).random(new Random(5)).listener(DownloadListener.of(events::add))
                .build();
    }

    private List<String> objects() throws IOException {
        try (Stream<Path> files = Files.walk(repo.resolve("data"))) {
            return files.filter(Files::isRegularFile).map(p -> repo.relativize(p).toString()).toList();
        }
    }

    private int geoRequests(RepositoryServer s) {
        return s.requestCounts().entrySet().stream().filter(e -> e.getKey().startsWith("api/")).mapToInt(Map.Entry::getValue).sum();
    }

    private int repositoryRequests(RepositoryServer s) {
        return s.totalRequests() - geoRequests(s);
    }

    private void fetchEverything(HttpTransport t) throws IOException {
        String manifest = new String(t.fetch(".cvmfspublished", false), StandardCharsets.ISO_8859_1);
        assertThat(manifest).startsWith("C");
        for (String object : objects()) {
            assertThat(t.fetch(object, false)).isNotEmpty();
        }
    }

    @Test
    void theServerTheReplyPutsFirstServesEveryObject() throws IOException {
        geoReply(UUID, "3,1,2\n");
        ClientConfiguration cfg = configuration("CVMFS_USE_GEOAPI=yes\n");
        try (HttpTransport t = transport(cfg)) {
            List<URI> configured = t.settings().servers();
            assertThat(t.activeRoute().host()).isEqualTo(configured.get(0)); // nothing asked before the first fetch
            fetchEverything(t);
            assertThat(t.activeRoute().host()).isEqualTo(configured.get(2));
            assertThat(servers.stream().mapToInt(this::geoRequests).sum()).isEqualTo(1);
            assertThat(repositoryRequests(servers.get(2))).isEqualTo(objects().size() + 1);
            assertThat(repositoryRequests(servers.get(0))).isZero();
            assertThat(repositoryRequests(servers.get(1))).isZero();
            DownloadEvent.HostsOrdered ordered = events.stream().filter(DownloadEvent.HostsOrdered.class::isInstance)
                    .map(DownloadEvent.HostsOrdered.class::cast).findFirst().orElseThrow();
            assertThat(ordered.from()).containsExactlyElementsOf(configured);
            assertThat(ordered.to()).containsExactly(configured.get(2), configured.get(0), configured.get(1));
            assertThat(ordered.source().getPath()).isEqualTo("/cvmfs/test.cern.ch/api/v1.0/geo/" + UUID + "/" + NAMES);
            assertThat(events.get(0)).isSameAs(ordered); // before any fetch event
        }
    }

    @Test
    void theProxyTemplateNamesTheRequestAndMaxServersCutsAfterTheOrdering() throws IOException {
        geoReply("site-squid", "2,3,1\n");
        ClientConfiguration cfg = configuration("CVMFS_USE_GEOAPI=on\nCVMFS_PROXY_TEMPLATE=site-squid\nCVMFS_MAX_SERVERS=2\n");
        try (HttpTransport t = transport(cfg)) {
            List<URI> configured = t.settings().servers();
            assertThat(configured).hasSize(3); // kept whole for the Geo API
            fetchEverything(t);
            assertThat(t.describe()).startsWith(configured.get(1) + ";" + configured.get(2) + " via");
            assertThat(repositoryRequests(servers.get(1))).isEqualTo(objects().size() + 1);
        }
    }

    @Test
    void aBadReplyKeepsTheConfiguredOrderAndSaysWhy() throws IOException {
        geoReply(UUID, "1,1,2\n");
        try (HttpTransport t = transport(configuration("CVMFS_USE_GEOAPI=yes\n"))) {
            fetchEverything(t);
            assertThat(servers).allSatisfy(s -> assertThat(geoRequests(s)).isEqualTo(1)); // three random hosts: here all three
            assertThat(repositoryRequests(servers.get(0))).isEqualTo(objects().size() + 1);
            DownloadEvent.HostOrderKept kept = events.stream().filter(DownloadEvent.HostOrderKept.class::isInstance)
                    .map(DownloadEvent.HostOrderKept.class::cast).findFirst().orElseThrow();
            assertThat(kept.hosts()).containsExactlyElementsOf(t.settings().servers());
            assertThat(kept.reason()).contains("invalid reply").contains("repeats 1");
            assertThat(kept.attempt()).isEqualTo(3);
            assertThat(events).noneMatch(DownloadEvent.HostsOrdered.class::isInstance);
        }
    }

    @Test
    void aMissingReplyIsAFailureToo() throws IOException {
        try (HttpTransport t = transport(configuration("CVMFS_USE_GEOAPI=yes\n"))) {
            fetchEverything(t);
            assertThat(repositoryRequests(servers.get(0))).isEqualTo(objects().size() + 1);
            assertThat(events).filteredOn(DownloadEvent.HostOrderKept.class::isInstance).singleElement()
                    .satisfies(e -> assertThat(((DownloadEvent.HostOrderKept) e).reason()).contains("HTTP 404"));
        }
    }

    @Test
    void withoutTheKeyOrWithNoNothingIsAsked() throws IOException {
        geoReply(UUID, "3,1,2\n");
        for (String local : List.of("", "CVMFS_USE_GEOAPI=no\n")) {
            try (HttpTransport t = transport(configuration(local))) {
                assertThat(t.settings().useGeoApi()).isFalse();
                fetchEverything(t);
            }
            assertThat(servers).allSatisfy(s -> assertThat(geoRequests(s)).isZero());
            assertThat(repositoryRequests(servers.get(0))).isEqualTo(objects().size() + 1);
            servers.forEach(RepositoryServer::resetCounts);
        }
        assertThat(events).noneMatch(e -> e instanceof DownloadEvent.HostsOrdered || e instanceof DownloadEvent.HostOrderKept);
    }

    @Test
    void concurrentFirstFetchesAskTheGeoApiOnce() throws Exception {
        geoReply(UUID, "3,1,2\n");
        List<String> objects = objects();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (HttpTransport t = transport(configuration("CVMFS_USE_GEOAPI=yes\n"))) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String path = objects.get(i % objects.size());
                results.add(pool.submit(() -> {
                    start.await();
                    return t.fetch(path, false);
                }));
            }
            start.countDown();
            for (Future<byte[]> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isNotEmpty();
            }
            assertThat(servers.stream().mapToInt(this::geoRequests).sum()).isEqualTo(1);
            assertThat(repositoryRequests(servers.get(0)) + repositoryRequests(servers.get(1))).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
