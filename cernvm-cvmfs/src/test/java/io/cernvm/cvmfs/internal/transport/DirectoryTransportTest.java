package io.cernvm.cvmfs.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cernvm.api.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTransportTest {

    @TempDir
    Path tmp;

    @Test
    void servesFilesBelowItsRootOnly() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(repo.resolve(".cvmfspublished"), "C\n");
        Files.writeString(tmp.resolve("secret"), "no");
        DirectoryTransport t = new DirectoryTransport(repo);
        assertThat(t.fetch(".cvmfspublished", false)).containsExactly('C', '\n');
        assertThatThrownBy(() -> t.fetch("../secret", false)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> t.fetch("/etc/passwd", true)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> t.fetch("data/00/missing", false)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("data/00/missing");
    }

    @Test
    void locatesFilesByUrl() {
        DirectoryTransport t = new DirectoryTransport(tmp);
        assertThat(t.locate(".cvmfswhitelist").url().toString()).startsWith("file:").endsWith("/.cvmfswhitelist");
        assertThat(t.locate(".cvmfswhitelist").path()).isEqualTo(".cvmfswhitelist");
        RepositoryTransport described = new RepositoryTransport() {
            @Override
            public byte[] fetch(String relativePath, boolean noCache) {
                return new byte[0];
            }

            @Override
            public String describe() {
                return "not a url with spaces";
            }
        };
        assertThat(described.locate("x").url()).isNull();
        assertThat(described.locate("x").toString()).contains("x");
    }
}
