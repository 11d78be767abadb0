package io.cernvm.cvmfs.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cernvm.api.ConfigurationException;
import io.cernvm.cvmfs.FixtureRepository;
import io.cernvm.testkit.RepositoryServer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture served over loopback HTTP and configured only by files under a configuration
 * root: the provider opens it on first use of a {@code cvmfs:} URI.
 */
class ProviderOverHttpTest {

    @TempDir
    static Path tmp;
    static RepositoryServer server;
    static Path etc;

    @BeforeAll
    static void serve() throws Exception {
        Path repo = FixtureRepository.unpack(NioFixture.FIXTURE, tmp.resolve("repo"));
        server = RepositoryServer.builder().root(repo).urlPrefix("/cvmfs/test.cern.ch").build();
        etc = Files.createDirectories(tmp.resolve("etc-cvmfs"));
        Files.createDirectories(etc.resolve("config.d"));
        Files.writeString(etc.resolve("config.d/test.cern.ch.conf"), "CVMFS_SERVER_URL=\"http://127.0.0.1:" + server.port()
                + "/cvmfs/@fqrn@\"\nCVMFS_HTTP_PROXY=DIRECT\nCVMFS_CACHE_BASE=" + tmp.resolve("cache")
                + "\nCVMFS_PUBLIC_KEY=" + FixtureRepository.publicKey(NioFixture.FIXTURE) + "\n");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static CvmfsFileSystemProvider provider(Path defaultRoot) {
        return new CvmfsFileSystemProvider(defaultRoot, Map.of(CvmfsFileSystemProvider.CLOCK, NioFixture.CLOCK,
                CvmfsFileSystemProvider.WORK_DIRECTORY, tmp.resolve("work")));
    }

    @Test
    void aRepositoryNotYetOpenedIsOpenedFromTheDefaultConfigurationOnFirstUse() throws Exception {
        CvmfsFileSystemProvider provider = provider(etc);
        server.resetCounts();
        Path leaf = provider.getPath(URI.create("cvmfs://test.cern.ch/nested/inner/leaf.txt"));
        CvmfsFileSystem fs = (CvmfsFileSystem) leaf.getFileSystem();
        try {
            assertThat(server.requestCount(".cvmfspublished")).isPositive();
            assertThat(NioFixture.sha1(Files.readAllBytes(leaf))).isEqualTo("c6f44aaf11c8de38a5e69a65a4bbedef8fe2c244");
            assertThat(provider.getFileSystem(URI.create("cvmfs://test.cern.ch/"))).isSameAs(fs);
            NioFixture.assertWalkMatches(fs, NioFixture.listing("libcvmfs-listing-head.txt"));
        } finally {
            fs.close();
        }
        assertThat(fs.isOpen()).isFalse();
        assertThatThrownBy(() -> Files.readAllBytes(leaf)).isInstanceOf(ClosedFileSystemException.class);
        assertThatThrownBy(fs::repository).isInstanceOf(ClosedFileSystemException.class);
        CvmfsFileSystem again = provider.getFileSystem(URI.create("cvmfs://test.cern.ch/"));
        try {
            assertThat(again).isNotSameAs(fs);
            assertThat(Files.readString(again.getPath("/small/a.txt"))).isEqualTo(Files.readString(again.getPath("/links/abs-symlink")));
        } finally {
            again.close();
        }
    }

    private static byte[] read4KiB(Path file, long position) throws Exception {
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            ch.position(position);
            ByteBuffer b = ByteBuffer.allocate(4096);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // until full
            }
            return b.array();
        }
    }

    @Test
    void aWarmReadThroughTheProviderMakesNoRequest() throws Exception {
        CvmfsFileSystemProvider provider = provider(tmp.resolve("empty"));
        URI uri = URI.create("cvmfs://test.cern.ch/");
        byte[] cold;
        try (CvmfsFileSystem fs = provider.newFileSystem(uri, Map.of(CvmfsFileSystemProvider.CONFIG_ROOT, etc))) {
            Path file = fs.getPath("/large/random-20MiB.bin");
            cold = read4KiB(file, 4861048 - 2048);
            server.resetCounts();
            byte[] warm = read4KiB(file, 4861048 - 2048);
            assertThat(server.totalRequests()).as("requests of a warm read: %s", server.requestCounts()).isZero();
            assertThat(warm).isEqualTo(cold);
        }
        server.resetCounts();
        try (CvmfsFileSystem fs = provider.newFileSystem(uri, Map.of(CvmfsFileSystemProvider.CONFIG_ROOT, etc))) {
            byte[] again = read4KiB(fs.getPath("/large/random-20MiB.bin"), 4861048 - 2048);
            assertThat(again).isEqualTo(cold);
            assertThat(server.requestCounts().keySet()).as("a reopened repository reads content and catalogs from the disk cache")
                    .noneMatch(path -> path.startsWith("data/"));
        }
    }

    @Test
    void theEnvironmentNamesTheConfigurationRootAndOverridesItsFiles() throws Exception {
        CvmfsFileSystemProvider provider = provider(tmp.resolve("empty"));
        try (CvmfsFileSystem v1 = provider.newFileSystem(URI.create("cvmfs://test.cern.ch"),
                Map.of(CvmfsFileSystemProvider.CONFIG_ROOT, etc.toString(), "CVMFS_REPOSITORY_TAG", "v1.0"))) {
            NioFixture.assertWalkMatches(v1, NioFixture.listing("libcvmfs-listing-v1.0.txt"));
        }
        assertThatThrownBy(() -> provider.newFileSystem(URI.create("cvmfs://test.cern.ch"),
                Map.of(CvmfsFileSystemProvider.CONFIG_ROOT, etc, "CVMFS_TIMEOUT", "soon")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("CVMFS_TIMEOUT");
        assertThatThrownBy(() -> provider.newFileSystem(URI.create("cvmfs://test.cern.ch"), Map.of("CVMFS_TIMEOUT", 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CVMFS_TIMEOUT");
        assertThatThrownBy(() -> provider.newFileSystem(URI.create("cvmfs://test.cern.ch"),
                Map.of(CvmfsFileSystemProvider.CONFIG_ROOT, etc, CvmfsFileSystemProvider.CLOCK, "now")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(CvmfsFileSystemProvider.CLOCK);
        // without a server URL there is nothing to read from
        assertThatThrownBy(() -> provider.getFileSystem(URI.create("cvmfs://test.cern.ch/")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("CVMFS_SERVER_URL");
    }
}
