package io.cernvm.cvmfs.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cernvm.api.ConfigurationException;
import io.cernvm.api.IntegrityException;
import io.cernvm.cvmfs.CvmfsClient;
import io.cernvm.cvmfs.FileAttributes;
import io.cernvm.cvmfs.Repository;
import io.cernvm.cvmfs.config.ClientConfiguration;
import io.cernvm.cvmfs.download.DownloadEvent;
import io.cernvm.cvmfs.download.DownloadListener;
import io.cernvm.cvmfs.download.FailoverReason;
import io.cernvm.testkit.Fault;
import io.cernvm.testkit.PathPattern;
import io.cernvm.testkit.RecordedRequest;
import io.cernvm.testkit.RepositoryServer;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository published with {@code externalData(true)}, served by one server, its plain tree
 * (the external storage, laid out by repository path) by another, read through the client:
 * bytes equal, chunks fetched as byte ranges, corrupt external bytes refused after the no-cache
 * retry, verified external content cached, no {@code CVMFS_EXTERNAL_URL} a configuration error.
 */
class ExternalDataClientTest {
    static final String FQRN = PublisherExternalDataTest.FQRN;
    static final String UNICODE = "/dir with space/ünïcödé file.txt";

    @TempDir
    static Path shared;
    static Path tree;
    static Path storage;
    static Path keyDir;

    @TempDir
    Path tmp;

    @BeforeAll
    static void publish() throws Exception {
        RepositoryKeys keys = RepositoryKeys.generate(FQRN, PublisherExternalDataTest.CLOCK);
        keyDir = shared.resolve("keys");
        keys.writeTo(keyDir);
        tree = PublisherExternalDataTest.externalTree(shared.resolve("tree"));
        storage = shared.resolve("repo");
        PublisherExternalDataTest.publisher(keys, storage).publish(tree, "v1", "");
    }

    private ClientConfiguration.Builder configuration(RepositoryServer repo, String externalUrl) {
        ClientConfiguration.Builder b = ClientConfiguration.builder().noRoot()
                .set("CVMFS_SERVER_URL", repo.baseUri().toString())
                .set("CVMFS_HTTP_PROXY", "DIRECT")
                .set("CVMFS_PUBLIC_KEY", keyDir.resolve(FQRN + ".pub").toString())
                .set("CVMFS_CACHE_BASE", tmp.resolve("cache").toString())
                .set("CVMFS_QUOTA_LIMIT", "-1")
                .set("CVMFS_MAX_RETRIES", "0")
                .set("CVMFS_TIMEOUT", "5")
                .set("CVMFS_TIMEOUT_DIRECT", "5");
        if (externalUrl != null) {
            b.set("CVMFS_EXTERNAL_URL", externalUrl);
        }
        return b;
    }

    private Repository open(ClientConfiguration cfg, DownloadListener listener) {
        return CvmfsClient.builder().configuration(cfg).downloadListener(listener).clock(PublisherExternalDataTest.CLOCK)
                .workDirectory(tmp.resolve("work")).build().open(FQRN);
    }

    private static Path copyTree(Path into) throws Exception {
        TestTrees.copy(tree, into);
        return into;
    }

    @Test
    void everyFileReadsBackFromTheExternalServerAndChunksComeAsRanges() throws Exception {
        try (RepositoryServer repoServer = RepositoryServer.builder().root(storage).build();
                RepositoryServer external = RepositoryServer.builder().root(tree).build()) {
            ClientConfiguration cfg = configuration(repoServer, external.baseUri().toString()).load(FQRN);
            try (Repository r = open(cfg, DownloadListener.NONE)) {
                for (String p : List.of("/hello.txt", UNICODE, "/data/empty", "/data/big.bin")) {
                    assertThat(r.readAllBytes(p)).as(p).isEqualTo(Files.readAllBytes(tree.resolve(p.substring(1))));
                }
                assertThat(external.requestCount("dir with space/ünïcödé file.txt")).isEqualTo(1);
                List<RecordedRequest> big = external.recordedRequests().stream()
                        .filter(q -> q.path().equals("data/big.bin")).toList();
                FileAttributes a = r.stat("/data/big.bin");
                assertThat(a.chunks()).isGreaterThan(2);
                assertThat(big).hasSize(a.chunks()).allSatisfy(q -> assertThat(q.header("Range")).startsWith("bytes="));
                assertThat(big.stream().map(q -> q.header("Range")).distinct()).hasSize(a.chunks());
                assertThat(a.external()).isTrue();
                assertThat(a.externalUrl()).isEqualTo(external.baseUri() + "/data/big.bin");
                assertThat(r.stat(UNICODE).externalUrl()).isEqualTo(external.baseUri()
                        + "/dir%20with%20space/%C3%BCn%C3%AFc%C3%B6d%C3%A9%20file.txt");
                assertThat(r.stat("/link").external()).isFalse();
                assertThat(r.stat("/link").externalUrl()).isNull();
            }
            // the verified external content is in the disk cache: a second client reads it without a request
            external.resetCounts();
            try (Repository warm = open(cfg, DownloadListener.NONE)) {
                assertThat(warm.readAllBytes("/data/big.bin")).isEqualTo(Files.readAllBytes(tree.resolve("data/big.bin")));
                assertThat(warm.readAllBytes("/hello.txt")).isEqualTo(Files.readAllBytes(tree.resolve("hello.txt")));
            }
            assertThat(external.totalRequests()).isZero();
        }
    }

    @Test
    void randomAccessAcrossChunkBoundariesFetchesOnlyTheChunksTouched() throws Exception {
        byte[] expected = Files.readAllBytes(tree.resolve("data/big.bin"));
        try (RepositoryServer repoServer = RepositoryServer.builder().root(storage).build();
                RepositoryServer external = RepositoryServer.builder().root(tree).build()) {
            ClientConfiguration cfg = configuration(repoServer, external.baseUri().toString()).load(FQRN);
            try (Repository r = open(cfg, DownloadListener.NONE); SeekableByteChannel ch = r.open("/data/big.bin")) {
                int chunks = r.stat("/data/big.bin").chunks();
                long[] positions = {expected.length - 100, 0, 65_530, 150_000, 16_383, expected.length / 2};
                for (long pos : positions) {
                    ByteBuffer b = ByteBuffer.allocate(200);
                    ch.position(pos);
                    while (b.hasRemaining() && ch.read(b) > 0) {
                        // fill
                    }
                    int n = b.position();
                    assertThat(Arrays.copyOf(b.array(), n)).as("at %d", pos)
                            .isEqualTo(Arrays.copyOfRange(expected, (int) pos, (int) pos + n));
                }
                int requests = external.requestCount("data/big.bin");
                assertThat(requests).isPositive().isLessThanOrEqualTo(chunks);
                assertThat(external.recordedRequests()).allSatisfy(q -> assertThat(q.header("Range")).isNotNull());
            }
        }
    }

    @Test
    void corruptExternalBytesAreRefusedAfterTheNoCacheRetry() throws Exception {
        Path ext = copyTree(tmp.resolve("external"));
        Files.writeString(ext.resolve("hello.txt"), "Hello Wörld\n");
        byte[] big = Files.readAllBytes(ext.resolve("data/big.bin"));
        big[200_000] ^= 1;
        Files.write(ext.resolve("data/big.bin"), big);
        try (RepositoryServer repoServer = RepositoryServer.builder().root(storage).build();
                RepositoryServer external = RepositoryServer.builder().root(ext).build()) {
            ClientConfiguration cfg = configuration(repoServer, external.baseUri().toString()).load(FQRN);
            try (Repository r = open(cfg, DownloadListener.NONE)) {
                assertThatThrownBy(() -> r.readAllBytes("/hello.txt")).isInstanceOf(IntegrityException.class)
                        .hasMessageContaining("no-cache");
                List<RecordedRequest> hello = external.recordedRequests().stream()
                        .filter(q -> q.path().equals("hello.txt")).toList();
                assertThat(hello).hasSize(2);
                assertThat(hello.get(0).header("Cache-Control")).isNull();
                assertThat(hello.get(1).header("Cache-Control")).isEqualTo("no-cache");

                byte[] original = Files.readAllBytes(tree.resolve("data/big.bin"));
                try (SeekableByteChannel ch = r.open("/data/big.bin")) {
                    ByteBuffer head = ByteBuffer.allocate(1000);
                    ch.read(head);
                    assertThat(head.array()).isEqualTo(Arrays.copyOf(original, 1000));
                    ch.position(200_000);
                    assertThatThrownBy(() -> ch.read(ByteBuffer.allocate(10))).isInstanceOf(IntegrityException.class);
                }
            }
            // nothing unverified was cached: the good bytes, once served, read fine
            Files.copy(tree.resolve("hello.txt"), ext.resolve("hello.txt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (Repository r = open(cfg, DownloadListener.NONE)) {
                assertThat(r.readAllBytes("/hello.txt")).isEqualTo("Hello World\n".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aWholeFileReplyToARangeRequestIsAHostErrorAndTheNextHostServes() throws Exception {
        try (RepositoryServer repoServer = RepositoryServer.builder().root(storage).build();
                RepositoryServer bad = RepositoryServer.builder().root(tree).build();
                RepositoryServer good = RepositoryServer.builder().root(tree).build()) {
            bad.inject(PathPattern.of("data/*"), new Fault.Status(200), Integer.MAX_VALUE);
            List<DownloadEvent.Failure> events = new CopyOnWriteArrayList<>();
            DownloadListener listener = new DownloadListener() {
                @Override
                public void attemptFailed(DownloadEvent.Failure event) {
                    events.add(event);
                }
            };
            ClientConfiguration cfg = configuration(repoServer, bad.baseUri() + ";" + good.baseUri()).load(FQRN);
            try (Repository r = open(cfg, listener)) {
                assertThat(r.readAllBytes("/data/big.bin")).isEqualTo(Files.readAllBytes(tree.resolve("data/big.bin")));
            }
            assertThat(events).anySatisfy(f -> {
                assertThat(f.reason()).isEqualTo(FailoverReason.HOST_HTTP);
                assertThat(f.detail()).contains("206 expected");
            });
            assertThat(bad.requestCount("data/big.bin")).isEqualTo(1);
        }
    }

    @Test
    void externalDataGoesThroughTheExternalProxyOnly() throws Exception {
        try (RepositoryServer repoServer = RepositoryServer.builder().root(storage).build();
                RepositoryServer external = RepositoryServer.builder().root(tree).build();
                RepositoryServer proxy = RepositoryServer.builder().forwardProxy().build()) {
            ClientConfiguration cfg = configuration(repoServer, external.baseUri().toString())
                    .set("CVMFS_EXTERNAL_HTTP_PROXY", "http://127.0.0.1:" + proxy.port()).load(FQRN);
            try (Repository r = open(cfg, DownloadListener.NONE)) {
                assertThat(r.readAllBytes("/hello.txt")).isEqualTo(Files.readAllBytes(tree.resolve("hello.txt")));
            }
            assertThat(proxy.recordedRequests()).isNotEmpty()
                    .allSatisfy(q -> assertThat(q.target()).startsWith(external.baseUri().toString()));
            assertThat(external.requestCount("hello.txt")).isEqualTo(1);
        }
    }

    @Test
    void theNioViewShowsExternalFilesAndReadsThem() throws Exception {
        try (RepositoryServer external = RepositoryServer.builder().root(tree).build()) {
            java.util.Map<String, Object> env = new java.util.HashMap<>();
            env.put(io.cernvm.cvmfs.nio.CvmfsFileSystemProvider.LOCAL_REPOSITORY, storage);
            env.put(io.cernvm.cvmfs.nio.CvmfsFileSystemProvider.CONFIG_ROOT, Files.createDirectories(tmp.resolve("etc")));
            env.put(io.cernvm.cvmfs.nio.CvmfsFileSystemProvider.WORK_DIRECTORY, tmp.resolve("nio-work"));
            env.put(io.cernvm.cvmfs.nio.CvmfsFileSystemProvider.CLOCK, PublisherExternalDataTest.CLOCK);
            env.put("CVMFS_PUBLIC_KEY", keyDir.resolve(FQRN + ".pub").toString());
            env.put("CVMFS_EXTERNAL_URL", external.baseUri().toString());
            try (java.nio.file.FileSystem fs = new io.cernvm.cvmfs.nio.CvmfsFileSystemProvider()
                    .newFileSystem(java.net.URI.create("cvmfs://" + FQRN + "/"), env)) {
                Path big = fs.getPath("/data/big.bin");
                assertThat(Files.getAttribute(big, "cvmfs:external")).isEqualTo(true);
                assertThat(Files.getAttribute(big, "cvmfs:externalUrl")).isEqualTo(external.baseUri() + "/data/big.bin");
                assertThat(Files.getAttribute(fs.getPath("/link"), "cvmfs:external", java.nio.file.LinkOption.NOFOLLOW_LINKS))
                        .isEqualTo(false);
                assertThat(Files.readAllBytes(fs.getPath(UNICODE))).isEqualTo(Files.readAllBytes(tree.resolve(UNICODE.substring(1))));
                assertThat(Files.readAllBytes(big)).isEqualTo(Files.readAllBytes(tree.resolve("data/big.bin")));
            }
        }
    }

    @Test
    void withoutExternalUrlStatAndListWorkButOpeningIsAConfigurationError() throws Exception {
        try (RepositoryServer repoServer = RepositoryServer.builder().root(storage).build()) {
            ClientConfiguration cfg = configuration(repoServer, null).load(FQRN);
            try (Repository r = open(cfg, DownloadListener.NONE)) {
                assertThat(r.list("/data")).hasSize(2);
                FileAttributes a = r.stat(UNICODE);
                assertThat(a.external()).isTrue();
                assertThat(a.externalUrl()).isNull();
                assertThat(a.size()).isEqualTo("ü and more\n".getBytes(StandardCharsets.UTF_8).length);
                assertThatThrownBy(() -> r.open(UNICODE)).isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.location().key()).isEqualTo("CVMFS_EXTERNAL_URL");
                    assertThat(e.location().path()).isEqualTo(UNICODE);
                });
                assertThat(r.readlink("/link")).isEqualTo("hello.txt");
            }
        }
    }
}
