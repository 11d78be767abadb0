package io.cernvm.cvmfs.nio;

import static org.assertj.core.api.Assertions.assertThat;

import io.cernvm.cvmfs.FixtureRepository;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.spi.FileSystemProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider as users meet it: installed, reached through {@code FileSystems} and {@code Path.of(URI)}. */
class InstalledProviderTest {

    @TempDir
    Path tmp;

    @Test
    void newFileSystemThenPathOfUri() throws Exception {
        assertThat(FileSystemProvider.installedProviders()).anySatisfy(p -> assertThat(p).isInstanceOf(CvmfsFileSystemProvider.class));
        Path repo = FixtureRepository.unpack(NioFixture.FIXTURE, tmp.resolve("repo"));
        URI uri = URI.create("cvmfs://test.cern.ch/");
        try (FileSystem fs = FileSystems.newFileSystem(uri, NioFixture.env(repo, tmp.resolve("work"), Map.of()))) {
            assertThat(fs).isInstanceOf(CvmfsFileSystem.class);
            assertThat(FileSystems.getFileSystem(uri)).isSameAs(fs);
            Path a = Path.of(URI.create("cvmfs://test.cern.ch/small/a.txt"));
            assertThat(a.getFileSystem()).isSameAs(fs);
            assertThat(Path.of(a.toUri())).isEqualTo(a);
            assertThat(NioFixture.sha1(Files.readAllBytes(a))).isEqualTo("d046cd9b7ffb7661e449683313d41f6fc33e3130");
            assertThat(Files.readAllBytes(Path.of(URI.create("cvmfs://test.cern.ch/links/abs-symlink")))).isEqualTo(Files.readAllBytes(a));
        }
    }
}
