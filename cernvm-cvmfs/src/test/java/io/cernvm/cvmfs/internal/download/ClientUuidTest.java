package io.cernvm.cvmfs.internal.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientUuidTest {

    @TempDir
    Path cache;

    @Test
    void readsTheFirstLineOfUpstreamsUuidFile() throws IOException {
        Files.writeString(cache.resolve("uuid"), "3f2504e0-4f89-11d3-9a0c-0305e82c3301\n");
        assertThat(ClientUuid.read(cache)).contains("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    }

    @Test
    void aMissingMalformedOrHugeFileGivesNothing() throws IOException {
        assertThat(ClientUuid.read(cache)).isEmpty();
        Files.writeString(cache.resolve("uuid"), "not-a-uuid\n");
        assertThat(ClientUuid.read(cache)).isEmpty();
        Files.writeString(cache.resolve("uuid"), "3f2504e0-4f89-11d3-9a0c-0305e82c3301/../x\n");
        assertThat(ClientUuid.read(cache)).isEmpty();
        Files.write(cache.resolve("uuid"), new byte[100_000]);
        assertThat(ClientUuid.read(cache)).isEmpty();
        Files.delete(cache.resolve("uuid"));
        Files.createDirectory(cache.resolve("uuid"));
        assertThat(ClientUuid.read(cache)).isEmpty();
    }
}
