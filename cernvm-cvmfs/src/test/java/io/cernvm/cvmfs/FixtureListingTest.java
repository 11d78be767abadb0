package io.cernvm.cvmfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cernvm.api.NotFoundException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 2.12.0 fixture read through a directory reproduces what libcvmfs printed for it. */
class FixtureListingTest {

    private static final String FIXTURE = "server-2.12.0";

    @TempDir
    static Path tmp;
    private static Repository head;

    @BeforeAll
    static void open() throws IOException {
        Path repo = FixtureRepository.unpack(FIXTURE, tmp.resolve("repo"));
        head = CvmfsClient.builder().localRepository(repo)
                .publicKeys(List.of(FixtureRepository.publicKey(FIXTURE)))
                .clock(Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC))
                .workDirectory(tmp.resolve("work")).build()
                .open(FixtureRepository.FQRN);
    }

    @AfterAll
    static void close() {
        head.close();
    }

    static Map<String, FileAttributes> walk(Repository r) {
        Map<String, FileAttributes> out = new LinkedHashMap<>();
        List<String> dirs = new ArrayList<>(List.of("/"));
        while (!dirs.isEmpty()) {
            String d = dirs.remove(0);
            for (DirectoryEntry e : r.list(d)) {
                out.put(e.path(), e.attributes());
                if (e.attributes().isDirectory()) {
                    dirs.add(e.path());
                }
            }
        }
        return out;
    }

    static String sha1(Repository r, String path) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-1");
        try (SeekableByteChannel ch = r.open(path)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 20);
            while (ch.read(b) >= 0) {
                b.flip();
                md.update(b);
                b.clear();
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static void assertMatches(Repository r, LibcvmfsListing expected) throws Exception {
        assertThat(r.revision()).isEqualTo(expected.revision());
        Map<String, FileAttributes> actual = walk(r);
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.entries().keySet());
        for (LibcvmfsListing.Line want : expected.entries().values()) {
            FileAttributes got = actual.get(want.path());
            String at = want.path();
            char type = switch (got.type()) {
                case FILE -> 'f';
                case DIRECTORY -> 'd';
                case SYMLINK -> 'l';
                default -> '?';
            };
            assertThat(type).as(at + " type").isEqualTo(want.type());
            assertThat(got.permissions()).as(at + " mode").isEqualTo(want.permissions());
            assertThat(got.nlink()).as(at + " nlink").isEqualTo(want.nlink());
            assertThat(got.uid()).as(at + " uid").isEqualTo(want.uid());
            assertThat(got.gid()).as(at + " gid").isEqualTo(want.gid());
            assertThat(got.size()).as(at + " size").isEqualTo(want.size());
            assertThat(got.mtime().getEpochSecond()).as(at + " mtime").isEqualTo(want.mtime());
            assertThat(got.chunks()).as(at + " chunks").isEqualTo(want.chunks());
            if (got.isRegularFile()) {
                assertThat(got.checksum()).as(at + " cvmfs_hash").isEqualTo(want.cvmfsHash());
                if (got.chunks() == 1) {
                    assertThat(got.hash()).as(at + " hash").isEqualTo(want.cvmfsHash());
                } else {
                    assertThat(got.hash()).as(at + " hash of a bulk-less chunked file").isNull();
                }
                assertThat(sha1(r, at)).as(at + " content").isEqualTo(want.sha1());
            } else {
                assertThat(got.hash()).as(at + " hash").isNull();
                assertThat(want.sha1()).isEqualTo("-");
            }
            if (got.isSymbolicLink()) {
                assertThat(got.target()).as(at + " target").isEqualTo(want.target());
                assertThat(r.readlink(at)).isEqualTo(want.target());
            } else {
                assertThat(want.target()).isEmpty();
            }
        }
    }

    @Test
    void headMatchesTheLibcvmfsListing() throws Exception {
        assertMatches(head, LibcvmfsListing.read(FixtureRepository.dir(FIXTURE).resolve("libcvmfs-listing-head.txt")));
    }

    @Test
    void v10MatchesTheLibcvmfsListing() throws Exception {
        try (Repository v1 = head.atTag("v1.0")) {
            assertThat(v1.tag()).hasValueSatisfying(t -> assertThat(t.description()).isEqualTo("first_content_release"));
            assertMatches(v1, LibcvmfsListing.read(FixtureRepository.dir(FIXTURE).resolve("libcvmfs-listing-v1.0.txt")));
        }
    }

    @Test
    void hardLinksShareCountAndIdentity() {
        FileAttributes a = head.stat("/links/hardlink-1");
        FileAttributes b = head.stat("/links/hardlink-3");
        assertThat(a.nlink()).isEqualTo(3);
        assertThat(a.hardlinkGroup()).isPositive().isEqualTo(b.hardlinkGroup());
        assertThat(a.fileKey()).isEqualTo(b.fileKey());
        assertThat(head.stat("/small/a.txt").fileKey()).isNotEqualTo(a.fileKey());
    }

    @Test
    void variantSymlinksExpandFromTheSuppliedEnvironment() throws IOException {
        Path repo = tmp.resolve("repo").resolve("cvmfs").resolve(FixtureRepository.FQRN);
        try (Repository r = CvmfsClient.builder().localRepository(repo)
                .publicKeys(List.of(FixtureRepository.publicKey(FIXTURE)))
                .symlinkEnvironment(Map.of("TEST_VARIANT", "/opt/v2")).mountDirectory("/opt")
                .workDirectory(tmp.resolve("work2")).build().open(FixtureRepository.FQRN)) {
            FileAttributes link = r.stat("/links/variant-symlink");
            assertThat(link.rawTarget()).isEqualTo("$(TEST_VARIANT)/x");
            assertThat(link.target()).isEqualTo("/opt/v2/x");
            assertThat(link.size()).isEqualTo("/opt/v2/x".length());
            assertThatThrownBy(() -> r.resolve("/links/abs-symlink")).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("outside of the repository");
        }
    }

    @Test
    void readsAcrossChunkBoundariesAtAnyOffset() throws Exception {
        byte[] whole = head.readAllBytes("/large/random-20MiB.bin");
        long boundary = 4861048;
        try (SeekableByteChannel ch = head.open("/large/random-20MiB.bin")) {
            ByteBuffer b = ByteBuffer.allocate(100);
            ch.position(boundary - 50);
            while (b.hasRemaining()) {
                ch.read(b);
            }
            assertThat(b.array()).isEqualTo(java.util.Arrays.copyOfRange(whole, (int) boundary - 50, (int) boundary + 50));
            ch.position(whole.length - 3);
            ByteBuffer tail = ByteBuffer.allocate(10);
            assertThat(ch.read(tail)).isEqualTo(3);
            assertThat(ch.read(tail)).isEqualTo(-1);
        }
    }

    @Test
    void describesTheNestedCatalogs() {
        assertThat(head.stat("/nested").nestedCatalogMountpoint()).isTrue();
        assertThat(head.stat("/nested").catalog()).isEqualTo("/");
        assertThat(head.stat("/nested/inner/leaf.txt").catalog()).isEqualTo("/nested/inner");
        assertThat(head.stat("/").isDirectory()).isTrue();
        assertThat(head.manifest()).hasValueSatisfying(m -> assertThat(m.revision()).isEqualTo(3));
        assertThat(head.trust()).hasValueSatisfying(t -> assertThat(t.certificateFingerprint())
                .isEqualTo("01b115d4073089b9357e9882c28e2ecc7d416a2b"));
        assertThat(head.tags()).extracting(Tag::name).contains("v1.0", "v2.0", "trunk", "trunk-previous");
    }

    @Test
    void followsSymlinksAsLibcvmfsDoesWithoutLeavingTheRepository() {
        assertThat(head.resolve("/links/rel-symlink")).isEqualTo("/README.txt");
        assertThat(head.resolve("/links/abs-symlink")).isEqualTo("/small/a.txt");
        assertThat(head.resolve("/links/../small/./a.txt")).isEqualTo("/small/a.txt");
        assertThat(head.readAllBytes("/links/abs-symlink")).isEqualTo(head.readAllBytes("/small/a.txt"));
        assertThat(head.stat("/links/rel-symlink").isSymbolicLink()).isTrue();
        assertThatThrownBy(() -> head.resolve("/links/dangling-symlink")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("/links/does-not-exist");
        assertThatThrownBy(() -> head.resolve("/links/variant-symlink")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("outside of the repository");
        assertThatThrownBy(() -> head.resolve("/..")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> head.list("/small/a.txt/x")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> head.open("/links")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("not a regular file");
    }
}
