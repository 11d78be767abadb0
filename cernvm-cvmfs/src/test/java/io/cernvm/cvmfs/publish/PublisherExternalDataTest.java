package io.cernvm.cvmfs.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code externalData(true)}: rows flagged external and uncompressed, plain-byte hashes, nothing in {@code data/}. */
class PublisherExternalDataTest {
    static final String FQRN = "external.example.org";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T07:00:00Z"), ZoneOffset.UTC);
    static final long MTIME = 1_790_000_000L;

    @TempDir
    Path dir;

    /** The external test tree: small files, a space and UTF-8 name, a file cut into several chunks. */
    static Path externalTree(Path root) throws Exception {
        TestTrees.file(root.resolve("hello.txt"), "Hello World\n".getBytes(StandardCharsets.UTF_8), "rw-r--r--", MTIME);
        TestTrees.file(root.resolve("dir with space/ünïcödé file.txt"), "ü and more\n".getBytes(StandardCharsets.UTF_8),
                "rw-r--r--", MTIME);
        TestTrees.file(root.resolve("data/empty"), new byte[0], "rw-r--r--", MTIME);
        TestTrees.file(root.resolve("data/big.bin"), TestTrees.random(7, 300_000), "rw-r--r--", MTIME);
        TestTrees.symlink(root.resolve("link"), "hello.txt", MTIME);
        TestTrees.fixDirectoryTimes(root, MTIME);
        return root;
    }

    static final ChunkingSettings SMALL_CHUNKS = ChunkingSettings.ofSizes(16 * 1024, 32 * 1024, 64 * 1024);

    static Publisher publisher(RepositoryKeys keys, Path storage) {
        return Publisher.builder().keys(keys).storage(storage).clock(CLOCK).chunking(SMALL_CHUNKS)
                .externalData(true).build();
    }

    private static String sha1(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
    }

    @Test
    void rowsAreExternalUncompressedHashedOverPlainBytesAndNotStored() throws Exception {
        RepositoryKeys keys = RepositoryKeys.generate(FQRN, CLOCK);
        Path tree = externalTree(dir.resolve("tree"));
        Path storage = dir.resolve("repo");
        PublishResult r = publisher(keys, storage).publish(tree, "v1", "");
        Path catalog = dir.resolve("root.db");
        Files.write(catalog, FixtureTree.inflate(storage, r.rootHash(), "C"));

        byte[] big = Files.readAllBytes(tree.resolve("data/big.bin"));
        List<String> stored = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + catalog); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT name, flags, hex(hash), size FROM catalog WHERE (flags & 4) = 4")) {
                int files = 0;
                while (rs.next()) {
                    String name = rs.getString(1);
                    long flags = rs.getLong(2);
                    if ((flags & 8) != 0) {
                        assertThat(flags & 128).as("symlink %s", name).isZero();
                        continue;
                    }
                    files++;
                    assertThat(flags & 128).as("external flag of %s", name).isEqualTo(128);
                    assertThat((flags >>> 11) & 7).as("compression of %s", name).isEqualTo(1);
                    String hash = rs.getString(3) == null ? "" : rs.getString(3).toLowerCase();
                    switch (name) {
                        case "hello.txt" -> assertThat(hash).isEqualTo(sha1("Hello World\n".getBytes(StandardCharsets.UTF_8)));
                        case "ünïcödé file.txt" -> assertThat(hash).isEqualTo(sha1("ü and more\n".getBytes(StandardCharsets.UTF_8)));
                        case "empty" -> assertThat(hash).isEqualTo(sha1(new byte[0]));
                        case "big.bin" -> assertThat(flags & 64).as("chunked").isEqualTo(64);
                        default -> throw new AssertionError(name);
                    }
                    if (!hash.isEmpty()) {
                        stored.add(hash);
                    }
                }
                assertThat(files).isEqualTo(4);
            }
            try (ResultSet rs = s.executeQuery("SELECT offset, size, hex(hash) FROM chunks ORDER BY offset")) {
                long expected = 0;
                int chunks = 0;
                while (rs.next()) {
                    long off = rs.getLong(1);
                    int size = rs.getInt(2);
                    assertThat(off).isEqualTo(expected);
                    byte[] piece = java.util.Arrays.copyOfRange(big, (int) off, (int) off + size);
                    assertThat(rs.getString(3).toLowerCase()).isEqualTo(sha1(piece));
                    stored.add(rs.getString(3).toLowerCase());
                    expected += size;
                    chunks++;
                }
                assertThat(expected).isEqualTo(big.length);
                assertThat(chunks).isGreaterThan(2);
            }
        }
        for (String h : stored) {
            Path shard = storage.resolve("data").resolve(h.substring(0, 2));
            try (var files = Files.list(shard)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .as("no object for external content %s", h).noneMatch(n -> n.startsWith(h.substring(2)));
            }
        }
        Map<String, String> stats = SqliteSchema.keyValues(catalog, "SELECT counter, value FROM statistics");
        long total = "Hello World\n".getBytes(StandardCharsets.UTF_8).length
                + "ü and more\n".getBytes(StandardCharsets.UTF_8).length + big.length;
        assertThat(stats).containsEntry("self_external", "4").containsEntry("self_external_file_size", Long.toString(total))
                .containsEntry("self_regular", "4").containsEntry("self_chunked", "1");
    }

    @Test
    void withoutExternalDataNothingIsExternal() throws Exception {
        RepositoryKeys keys = RepositoryKeys.generate(FQRN, CLOCK);
        Path storage = dir.resolve("repo");
        PublishResult r = Publisher.builder().keys(keys).storage(storage).clock(CLOCK).chunking(SMALL_CHUNKS).build()
                .publish(externalTree(dir.resolve("tree")), "v1", "");
        Path catalog = dir.resolve("root.db");
        Files.write(catalog, FixtureTree.inflate(storage, r.rootHash(), "C"));
        assertThat(SqliteSchema.keyValues(catalog, "SELECT name, flags & 128 FROM catalog").values()).containsOnly("0");
        assertThat(SqliteSchema.keyValues(catalog, "SELECT counter, value FROM statistics"))
                .containsEntry("self_external", "0").containsEntry("self_external_file_size", "0");
    }
}
