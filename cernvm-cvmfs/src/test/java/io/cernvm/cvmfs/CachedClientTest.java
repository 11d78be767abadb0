package io.cernvm.cvmfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cernvm.api.AllMirrorsFailedException;
import io.cernvm.cvmfs.cache.DiskCache;
import io.cernvm.cvmfs.config.ClientConfiguration;
import io.cernvm.cvmfs.download.DownloadEvent;
import io.cernvm.cvmfs.download.DownloadListener;
import io.cernvm.testkit.Fault;
import io.cernvm.testkit.PathPattern;
import io.cernvm.testkit.RepositoryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client as upstream's configuration describes it ({@link CvmfsClient#fromConfiguration}),
 * over loopback HTTP with a disk cache: the fixtures reproduce libcvmfs's listings, a warm read
 * issues no request, concurrent readers share one download, a corrupt object on one host is
 * read from the next, and with every mirror down the cached revision (the newest, or a pinned
 * tag or date) is served offline.
 */
class CachedClientTest {

    private static final String FIXTURE = "server-2.12.0";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path shared;
    static Path repo;

    @TempDir
    Path tmp;

    @BeforeAll
    static void unpack() throws IOException {
        repo = FixtureRepository.unpack(FIXTURE, shared.resolve("repo"));
    }

    static ClientConfiguration.Builder configuration(Path cache, String servers) {
        return ClientConfiguration.builder().noRoot()
                .set("CVMFS_SERVER_URL", servers)
                .set("CVMFS_HTTP_PROXY", "DIRECT")
                .set("CVMFS_PUBLIC_KEY", FixtureRepository.publicKey(FIXTURE).toString())
                .set("CVMFS_CACHE_BASE", cache.toString())
                .set("CVMFS_QUOTA_LIMIT", "-1")
                .set("CVMFS_MAX_RETRIES", "0")
                .set("CVMFS_TIMEOUT", "2")
                .set("CVMFS_TIMEOUT_DIRECT", "2");
    }

    private CvmfsClient client(ClientConfiguration cfg, DownloadListener listener) {
        return CvmfsClient.builder().configuration(cfg).downloadListener(listener).clock(CLOCK)
                .workDirectory(tmp.resolve("work")).build();
    }

    @Test
    void bothRevisionsOverHttpReproduceLibcvmfsAndAWarmReadIssuesNoRequest() throws Exception {
        try (RepositoryServer server = RepositoryServer.builder().root(repo).build()) {
            ClientConfiguration cfg = configuration(tmp.resolve("cache"), server.baseUri().toString()).load(FixtureRepository.FQRN);
            try (Repository head = client(cfg, DownloadListener.NONE).open(FixtureRepository.FQRN)) {
                FixtureListingTest.assertMatches(head, LibcvmfsListing.read(FixtureRepository.dir(FIXTURE).resolve("libcvmfs-listing-head.txt")));
            }
            ClientConfiguration v1 = configuration(tmp.resolve("cache"), server.baseUri().toString())
                    .set("CVMFS_REPOSITORY_TAG", "v1.0").load(FixtureRepository.FQRN);
            try (Repository r = client(v1, DownloadListener.NONE).open(FixtureRepository.FQRN)) {
                assertThat(r.tag()).hasValueSatisfying(t -> assertThat(t.name()).isEqualTo("v1.0"));
                FixtureListingTest.assertMatches(r, LibcvmfsListing.read(FixtureRepository.dir(FIXTURE).resolve("libcvmfs-listing-v1.0.txt")));
            }

            try (Repository warm = client(cfg, DownloadListener.NONE).open(FixtureRepository.FQRN)) {
                server.resetCounts();
                FixtureListingTest.assertMatches(warm, LibcvmfsListing.read(FixtureRepository.dir(FIXTURE).resolve("libcvmfs-listing-head.txt")));
                assertThat(server.totalRequests()).as("requests of a warm read").isZero();
            }
            assertThat(DiskCache.open(cfg, CLOCK).fsck(false).clean()).isTrue();
            assertThat(Files.readString(DiskCache.directoryOf(cfg).resolve("cvmfschecksum." + FixtureRepository.FQRN))).startsWith(
                    client(cfg, DownloadListener.NONE).open(FixtureRepository.FQRN).rootHash());
        }
    }

    @Test
    void theOldFixtureOpensAtEveryTagOverHttpFromTheConfigurationWithAFixedClock() throws Exception {
        Path old = FixtureRepository.unpack("server-2.2.0", tmp.resolve("old"));
        Clock jan2016 = Clock.fixed(Instant.parse("2016-01-20T00:00:00Z"), ZoneOffset.UTC);
        try (RepositoryServer server = RepositoryServer.builder().root(old).build()) {
            java.util.function.Function<Map<String, String>, ClientConfiguration> cfg = extra -> configuration(tmp.resolve("cache"),
                    server.baseUri().toString()).set("CVMFS_PUBLIC_KEY", FixtureRepository.publicKey("server-2.2.0").toString())
                    .setAll(extra).load(FixtureRepository.FQRN);
            List<Tag> tags;
            try (Repository head = CvmfsClient.builder().configuration(cfg.apply(Map.of())).clock(jan2016)
                    .workDirectory(tmp.resolve("work")).build().open(FixtureRepository.FQRN)) {
                tags = head.tags();
            }
            assertThat(tags).hasSize(5);
            for (Tag t : tags) {
                try (Repository r = CvmfsClient.builder().configuration(cfg.apply(Map.of("CVMFS_REPOSITORY_TAG", t.name())))
                        .clock(jan2016).workDirectory(tmp.resolve("work")).build().open(FixtureRepository.FQRN)) {
                    assertThat(r.revision()).as(t.name()).isEqualTo(t.revision());
                    assertThat(r.rootHash()).isEqualTo(t.rootHash());
                    for (FileAttributes a : FixtureListingTest.walk(r).values()) {
                        if (a.isRegularFile()) {
                            assertThat(r.readAllBytes(a.path())).as(t.name() + " " + a.path()).hasSize((int) a.size());
                        }
                    }
                }
            }
            try (Repository byDate = CvmfsClient.builder()
                    .configuration(cfg.apply(Map.of("CVMFS_REPOSITORY_DATE", "2016-01-13T16:04:17Z")))
                    .clock(jan2016).workDirectory(tmp.resolve("work")).build().open(FixtureRepository.FQRN)) {
                assertThat(byDate.revision()).isEqualTo(2);
            }
            assertThatThrownBy(() -> CvmfsClient.builder().configuration(cfg.apply(Map.of())).workDirectory(tmp.resolve("work"))
                    .build().open(FixtureRepository.FQRN)).isInstanceOf(io.cernvm.api.TrustException.class)
                    .hasMessageContaining("whitelist expired");
        }
    }

    @Test
    void cacheDirectoryFollowsUpstreamsRules() {
        ClientConfiguration sharedCache = configuration(tmp, "http://127.0.0.1:1/").load(FixtureRepository.FQRN);
        assertThat(DiskCache.directoryOf(sharedCache)).isEqualTo(tmp.resolve("shared"));
        ClientConfiguration own = configuration(tmp, "http://127.0.0.1:1/").set("CVMFS_SHARED_CACHE", "no")
                .set("CVMFS_QUOTA_LIMIT", "20").load(FixtureRepository.FQRN);
        assertThat(DiskCache.directoryOf(own)).isEqualTo(tmp.resolve(FixtureRepository.FQRN));
        assertThat(DiskCache.quotaBytesOf(own)).isEqualTo(20L << 20);
        ClientConfiguration exact = configuration(tmp, "http://127.0.0.1:1/").set("CVMFS_CACHE_DIR", tmp.resolve("x").toString())
                .load(FixtureRepository.FQRN);
        assertThat(DiskCache.directoryOf(exact)).isEqualTo(tmp.resolve("x"));
    }

    @Test
    void offlineModeServesTheCachedRevisionWhenEveryMirrorFails() throws Exception {
        Path cache = tmp.resolve("cache");
        String url;
        long revision;
        try (RepositoryServer server = RepositoryServer.builder().root(repo).build()) {
            url = server.baseUri().toString();
            try (Repository r = client(configuration(cache, url).load(FixtureRepository.FQRN), DownloadListener.NONE)
                    .open(FixtureRepository.FQRN)) {
                revision = r.revision();
                r.readAllBytes("/small/a.txt");
            }
        }
        List<RepositoryWarning> warnings = new CopyOnWriteArrayList<>();
        CvmfsClient offline = CvmfsClient.builder().configuration(configuration(cache, url).load(FixtureRepository.FQRN))
                .clock(CLOCK).workDirectory(tmp.resolve("work")).listener(new RepositoryListener() {
                    @Override
                    public void warning(RepositoryWarning warning) {
                        warnings.add(warning);
                    }
                }).build();
        try (Repository r = offline.open(FixtureRepository.FQRN)) {
            assertThat(r.revision()).isEqualTo(revision);
            assertThat(r.manifest()).isEmpty();
            assertThat(r.warnings()).singleElement().satisfies(w -> assertThat(w.message()).contains("offline"));
            assertThat(warnings).hasSize(1);
            assertThat(new String(r.readAllBytes("/small/a.txt"), java.nio.charset.StandardCharsets.UTF_8)).isNotEmpty();
            assertThat(r.list("/small")).isNotEmpty();
        }
        // without a cached revision, every mirror failing is the error it is
        ClientConfiguration empty = configuration(tmp.resolve("empty-cache"), url).load(FixtureRepository.FQRN);
        assertThatThrownBy(() -> client(empty, DownloadListener.NONE).open(FixtureRepository.FQRN))
                .isInstanceOf(AllMirrorsFailedException.class);
    }

    @Test
    void offlineModeServesACachedTagOrDatePinWhenEveryMirrorFails() throws Exception {
        Path cache = tmp.resolve("cache");
        LibcvmfsListing v1 = LibcvmfsListing.read(FixtureRepository.dir(FIXTURE).resolve("libcvmfs-listing-v1.0.txt"));
        String url;
        Tag tagged;
        try (RepositoryServer server = RepositoryServer.builder().root(repo).build()) {
            url = server.baseUri().toString();
            try (Repository r = client(configuration(cache, url).set("CVMFS_REPOSITORY_TAG", "v1.0").load(FixtureRepository.FQRN),
                    DownloadListener.NONE).open(FixtureRepository.FQRN)) {
                tagged = r.tag().orElseThrow();
                FixtureListingTest.assertMatches(r, v1); // reads every file, so all of v1.0 is cached
            }
        }
        try (Repository r = client(configuration(cache, url).set("CVMFS_REPOSITORY_TAG", "v1.0").load(FixtureRepository.FQRN),
                DownloadListener.NONE).open(FixtureRepository.FQRN)) {
            assertThat(r.tag()).contains(tagged);
            assertThat(r.rootHash()).isEqualTo(tagged.rootHash());
            assertThat(r.warnings()).singleElement().satisfies(w -> assertThat(w.message()).contains("offline", "tag v1.0"));
            FixtureListingTest.assertMatches(r, v1);
        }
        try (Repository r = client(configuration(cache, url).set("CVMFS_REPOSITORY_DATE", tagged.timestamp().toString())
                .load(FixtureRepository.FQRN), DownloadListener.NONE).open(FixtureRepository.FQRN)) {
            assertThat(r.revision()).isEqualTo(tagged.revision());
            assertThat(r.warnings()).singleElement().satisfies(w -> assertThat(w.message()).contains("offline"));
        }
        // a tag the cached history does not know may exist on a mirror: every mirror failing is the error
        ClientConfiguration unknown = configuration(cache, url).set("CVMFS_REPOSITORY_TAG", "v9.9").load(FixtureRepository.FQRN);
        assertThatThrownBy(() -> client(unknown, DownloadListener.NONE).open(FixtureRepository.FQRN))
                .isInstanceOf(AllMirrorsFailedException.class);
        // the newest revision was never read into this cache, so it cannot be served offline
        assertThatThrownBy(() -> client(configuration(cache, url).load(FixtureRepository.FQRN), DownloadListener.NONE)
                .open(FixtureRepository.FQRN)).isInstanceOf(AllMirrorsFailedException.class);
    }

    @Test
    void manyThreadsReadingOneObjectCauseOneRequest() throws Exception {
        try (RepositoryServer server = RepositoryServer.builder().root(repo).build()) {
            ClientConfiguration cfg = configuration(tmp.resolve("cache"), server.baseUri().toString()).load(FixtureRepository.FQRN);
            try (Repository r = client(cfg, DownloadListener.NONE).open(FixtureRepository.FQRN)) {
                String hash = r.stat("/small/a.txt").hash();
                String object = "data/" + hash.substring(0, 2) + "/" + hash.substring(2);
                int threads = 16;
                CountDownLatch start = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                try {
                    List<Future<byte[]>> reads = new ArrayList<>();
                    for (int i = 0; i < threads; i++) {
                        reads.add(pool.submit(() -> {
                            start.await();
                            return r.readAllBytes("/small/a.txt");
                        }));
                    }
                    start.countDown();
                    byte[] first = reads.get(0).get(30, TimeUnit.SECONDS);
                    for (Future<byte[]> f : reads) {
                        assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(first);
                    }
                } finally {
                    pool.shutdownNow();
                }
                assertThat(server.requestCount(object)).isEqualTo(1);
            }
        }
    }

    @Test
    void aCorruptObjectOnOneHostIsReadFromTheNextAndOnlyVerifiedBytesAreCached() throws Exception {
        try (RepositoryServer bad = RepositoryServer.builder().root(repo).build();
             RepositoryServer good = RepositoryServer.builder().root(repo).build()) {
            bad.inject(PathPattern.of("data/**"), new Fault.Corrupt(), -1);
            ClientConfiguration cfg = configuration(tmp.resolve("cache"), bad.baseUri() + ";" + good.baseUri())
                    .load(FixtureRepository.FQRN);
            List<DownloadEvent> events = new CopyOnWriteArrayList<>();
            try (Repository r = client(cfg, DownloadListener.of(events::add)).open(FixtureRepository.FQRN)) {
                String want = LibcvmfsListing.read(FixtureRepository.dir(FIXTURE).resolve("libcvmfs-listing-head.txt"))
                        .entries().get("/small/a.txt").sha1();
                assertThat(sha1(r.readAllBytes("/small/a.txt"))).isEqualTo(want);
            }
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(DownloadEvent.HostSwitch.class,
                    s -> assertThat(s.to().toString()).startsWith(good.baseUri().toString())));
            assertThat(DiskCache.open(cfg, CLOCK).fsck(false).bad()).isEmpty();
        }
    }

    @Test
    void theQuotaEvictsWhileReadingAndReadsStayCorrect() throws Exception {
        LibcvmfsListing listing = LibcvmfsListing.read(FixtureRepository.dir(FIXTURE).resolve("libcvmfs-listing-head.txt"));
        Path cacheDir = tmp.resolve("small-cache");
        long quota = 256 * 1024;
        try (RepositoryServer server = RepositoryServer.builder().root(repo).build()) {
            ClientConfiguration cfg = configuration(tmp.resolve("unused"), server.baseUri().toString()).load(FixtureRepository.FQRN);
            CvmfsClient c = CvmfsClient.builder().configuration(cfg).diskCache(cacheDir, quota).clock(CLOCK)
                    .workDirectory(tmp.resolve("work")).build();
            try (Repository r = c.open(FixtureRepository.FQRN)) {
                for (int round = 0; round < 2; round++) {
                    for (LibcvmfsListing.Line line : listing.entries().values()) {
                        if (line.type() == 'f') {
                            assertThat(sha1(r.readAllBytes(line.path()))).as(line.path()).isEqualTo(line.sha1());
                            assertThat(cacheBytes(cacheDir)).as("cache after " + line.path()).isLessThanOrEqualTo(quota);
                        }
                    }
                }
                assertThat(server.requestCounts().entrySet().stream().filter(e -> e.getKey().startsWith("data/"))
                        .mapToInt(Map.Entry::getValue).max().orElse(0)).as("some object evicted and fetched again").isGreaterThan(1);
            }
            assertThat(DiskCache.open(cacheDir, quota, CLOCK).fsck(false).clean()).isTrue();
        }
    }

    static long cacheBytes(Path cacheDir) throws IOException {
        try (Stream<Path> files = Files.walk(cacheDir)) {
            return files.filter(Files::isRegularFile).filter(p -> p.getParent().getFileName().toString().matches("[0-9a-f]{2}"))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }
}
