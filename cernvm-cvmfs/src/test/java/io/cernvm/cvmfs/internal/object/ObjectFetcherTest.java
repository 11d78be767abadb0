package io.cernvm.cvmfs.internal.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cernvm.api.IntegrityException;
import io.cernvm.cvmfs.internal.transport.OverlayTransport;
import io.cernvm.cvmfs.internal.transport.DirectoryTransport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectFetcherTest {

    @TempDir
    Path repo;
    private ContentHash hash;
    private ContentHash raw;
    private OverlayTransport transport;

    @BeforeEach
    void store() throws Exception {
        byte[] object = ZlibCodec.deflate("hello world\n".getBytes(StandardCharsets.UTF_8));
        hash = ContentHash.of(HashAlgorithm.RIPEMD160, object, ObjectType.FILE);
        write(hash, object);
        byte[] plain = "stored as is".getBytes(StandardCharsets.UTF_8);
        raw = ContentHash.of(HashAlgorithm.SHAKE128, plain, ObjectType.PARTIAL);
        write(raw, plain);
        transport = new OverlayTransport(new DirectoryTransport(repo));
    }

    private void write(ContentHash h, byte[] b) throws Exception {
        Path p = repo.resolve(h.objectPath());
        Files.createDirectories(p.getParent());
        Files.write(p, b);
    }

    @Test
    void verifiesAndInflates() {
        ObjectFetcher f = new ObjectFetcher(transport);
        assertThat(new String(f.fetch(hash, ObjectCompression.ZLIB, 100), StandardCharsets.UTF_8)).isEqualTo("hello world\n");
        assertThat(new String(f.fetch(raw, ObjectCompression.NONE, 100), StandardCharsets.UTF_8)).isEqualTo("stored as is");
        assertThat(transport.corrupt).isEmpty();
    }

    @Test
    void retriesACorruptedObjectOnceWithNoCache() {
        transport.replaceOnce(hash.objectPath(), new byte[] {1, 2, 3});
        byte[] b = new ObjectFetcher(transport).fetch(hash, ObjectCompression.ZLIB, 100);
        assertThat(b).hasSize(12);
        assertThat(transport.corrupt).containsExactly(hash.objectPath());
        assertThat(transport.noCacheFetches).containsExactly(hash.objectPath());
    }

    @Test
    void refusesAnObjectBadTwice() {
        transport.replace(hash.objectPath(), ZlibCodec.deflate("evil".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> new ObjectFetcher(transport).fetch(hash, ObjectCompression.ZLIB, 100))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("does not match its hash")
                .hasMessageContaining(hash.objectPath());
        assertThat(transport.fetchCount(hash.objectPath())).isEqualTo(2);
        assertThat(transport.corrupt).hasSize(2);
    }

    @Test
    void refusesAnObjectLargerThanPromised() {
        assertThatThrownBy(() -> new ObjectFetcher(transport).fetch(hash, ObjectCompression.ZLIB, 5))
                .isInstanceOf(IntegrityException.class);
    }
}
