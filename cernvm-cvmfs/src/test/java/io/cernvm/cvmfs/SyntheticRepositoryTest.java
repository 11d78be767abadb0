package io.cernvm.cvmfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cernvm.api.IntegrityException;
import io.cernvm.api.NotFoundException;
import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.HashAlgorithm;
import io.cernvm.cvmfs.internal.object.ObjectType;
import io.cernvm.cvmfs.internal.transport.DirectoryTransport;
import io.cernvm.cvmfs.internal.transport.OverlayTransport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Catalog features and hostile catalogs the fixtures do not hold. */
class SyntheticRepositoryTest {

    private static final long FILE = 4;

    @TempDir
    Path tmp;

    private Repository open(ContentHash root, OverlayTransport t) {
        return CvmfsClient.builder().transport(t).workDirectory(tmp.resolve("work")).build()
                .open("synthetic.example.org", RevisionPin.rootHash(root.toString()));
    }

    private OverlayTransport transport(Path repo) {
        return new OverlayTransport(new DirectoryTransport(repo));
    }

    @Test
    void readsOtherAlgorithmsUncompressedObjectsXattrsAndNanoseconds() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        SyntheticCatalog cat = new SyntheticCatalog(repo, 7);
        byte[] a = "rmd160 content\n".getBytes(StandardCharsets.UTF_8);
        byte[] b = "shake128 stored raw\n".getBytes(StandardCharsets.UTF_8);
        ContentHash ha = cat.store(a, HashAlgorithm.RIPEMD160, true, ObjectType.FILE);
        ContentHash hb = cat.store(b, HashAlgorithm.SHAKE128, false, ObjectType.FILE);
        byte[] xattr = {1, 2, 3, 2, 'k', 'e', 'y', 'v', '1', 1, 0, 'z'};
        cat.row("a.txt", ha.digest(), a.length, 0100644, FILE | (1 << 8), "", xattr);
        cat.row("b.txt", hb.digest(), b.length, 0100600, FILE | (2 << 8) | (1 << 11), "", null);
        cat.row("link", null, 5, 0120777, 12, "$(NOPE:-fallback)/x", null);
        try (Repository r = open(cat.write(tmp), transport(repo))) {
            assertThat(r.readAllBytes("/a.txt")).isEqualTo(a);
            assertThat(r.readAllBytes("/b.txt")).isEqualTo(b);
            assertThat(r.stat("/a.txt").hash()).endsWith("-rmd160");
            assertThat(r.stat("/b.txt").hash()).endsWith("-shake128");
            assertThat(r.stat("/b.txt").permissions()).isEqualTo(0600);
            assertThat(r.stat("/a.txt").mtime().getNano()).isEqualTo(123_456_789);
            assertThat(r.stat("/a.txt").uid()).isEqualTo(42);
            assertThat(r.xattrs("/a.txt")).containsOnlyKeys("key", "z");
            assertThat(r.xattrs("/a.txt").get("key")).isEqualTo("v1".getBytes(StandardCharsets.US_ASCII));
            assertThat(r.xattrs("/b.txt")).isEmpty();
            assertThat(r.readlink("/link")).isEqualTo("fallback/x");
            assertThat(r.revision()).isEqualTo(7);
        }
    }

    @Test
    void schemaRevision3HasNoNanoseconds() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        SyntheticCatalog cat = new SyntheticCatalog(repo, 3);
        ContentHash h = cat.store(new byte[0], HashAlgorithm.SHA1, true, ObjectType.FILE);
        cat.row("empty", h.digest(), 0, 0100644, FILE, "", null);
        try (Repository r = open(cat.write(tmp), transport(repo))) {
            assertThat(r.stat("/empty").mtime().getNano()).isZero();
            assertThat(r.readAllBytes("/empty")).isEmpty();
            assertThat(r.stat("/empty").hash()).isEqualTo("e8ec3d88b62ebf526e4e5a4ff6162a3aa48a6b78");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "a/b", "nul\0byte", ""})
    void refusesHostileNames(String name) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        SyntheticCatalog cat = new SyntheticCatalog(repo, 7);
        cat.row(name, null, 4096, 040755, 1, "", null);
        try (Repository r = open(cat.write(tmp), transport(repo))) {
            assertThatThrownBy(() -> r.list("/")).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("invalid name");
        }
    }

    @Test
    void refusesAnObjectThatDoesNotMatchItsHashAfterOneRetry() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        SyntheticCatalog cat = new SyntheticCatalog(repo, 7);
        byte[] a = "genuine\n".getBytes(StandardCharsets.UTF_8);
        ContentHash h = cat.store(a, HashAlgorithm.SHA1, true, ObjectType.FILE);
        cat.row("a.txt", h.digest(), a.length, 0100644, FILE, "", null);
        ContentHash root = cat.write(tmp);
        OverlayTransport t = transport(repo);
        t.replace(h.objectPath(), io.cernvm.cvmfs.internal.object.ZlibCodec.deflate("forged!\n".getBytes()));
        try (Repository r = open(root, t)) {
            var ch = r.open("/a.txt");
            assertThatThrownBy(() -> ch.read(java.nio.ByteBuffer.allocate(100)))
                    .isInstanceOf(IntegrityException.class).hasMessageContaining("does not match its hash");
            assertThat(t.noCacheFetches).containsExactly(h.objectPath());
        }
        OverlayTransport once = transport(repo);
        once.replaceOnce(h.objectPath(), new byte[] {9, 9, 9});
        try (Repository r = open(root, once)) {
            assertThat(r.readAllBytes("/a.txt")).isEqualTo(a);
            assertThat(once.corrupt).containsExactly(h.objectPath());
        }
    }

    @Test
    void refusesContentOfAnotherSizeThanTheCatalogPromises() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        SyntheticCatalog cat = new SyntheticCatalog(repo, 7);
        byte[] a = "twelve bytes".getBytes(StandardCharsets.UTF_8);
        ContentHash h = cat.store(a, HashAlgorithm.SHA1, true, ObjectType.FILE);
        cat.row("short", h.digest(), 20, 0100644, FILE, "", null);
        cat.row("long", h.digest(), 5, 0100644, FILE, "", null);
        try (Repository r = open(cat.write(tmp), transport(repo))) {
            assertThatThrownBy(() -> r.readAllBytes("/short")).isInstanceOf(IntegrityException.class);
            assertThatThrownBy(() -> r.readAllBytes("/long")).isInstanceOf(IntegrityException.class);
        }
    }

    @Test
    void refusesACorruptCatalogAndPathsOutsideTheRepository() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        SyntheticCatalog cat = new SyntheticCatalog(repo, 7);
        ContentHash root = cat.write(tmp);
        try (Repository r = open(root, transport(repo))) {
            assertThatThrownBy(() -> r.stat("/../etc/passwd")).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> r.stat("relative")).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> r.stat("/missing")).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> r.open("/")).isInstanceOf(NotFoundException.class);
            assertThat(r.exists("/")).isTrue();
            assertThat(r.list("/")).isEmpty();
        }
        ContentHash notACatalog = cat.store("not sqlite".getBytes(), HashAlgorithm.SHA1, true, ObjectType.CATALOG);
        assertThatThrownBy(() -> open(notACatalog, transport(repo))).isInstanceOf(IntegrityException.class);
    }

    @Test
    void stopsSymlinkLoops() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        SyntheticCatalog cat = new SyntheticCatalog(repo, 7);
        cat.row("loop", null, 4, 0120777, 12, "loop", null);
        cat.row("up", null, 2, 0120777, 12, "..", null);
        try (Repository r = open(cat.write(tmp), transport(repo))) {
            assertThatThrownBy(() -> r.resolve("/loop")).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("too many levels");
            assertThatThrownBy(() -> r.list("/up")).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("outside of the repository");
            assertThat(r.readlink("/up")).isEqualTo("..");
        }
    }

    @Test
    void refusesImpossibleValues() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        SyntheticCatalog cat = new SyntheticCatalog(repo, 7);
        cat.row("future", null, 4096, 040755, Long.MAX_VALUE, 1, "", null);
        cat.row("negative", null, -1, 0100644, 1000L, FILE, "", null);
        cat.row("algorithm", null, 1, 0100644, 1000L, FILE | (5 << 8), "", null);
        try (Repository r = open(cat.write(tmp), transport(repo))) {
            assertThatThrownBy(() -> r.stat("/future")).isInstanceOf(IntegrityException.class).hasMessageContaining("mtime");
            assertThatThrownBy(() -> r.stat("/negative")).isInstanceOf(IntegrityException.class).hasMessageContaining("negative");
            assertThatThrownBy(() -> r.stat("/algorithm")).isInstanceOf(IntegrityException.class).hasMessageContaining("algorithm");
        }
    }
}
