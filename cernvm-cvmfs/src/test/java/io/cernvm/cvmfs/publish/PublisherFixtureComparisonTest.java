package io.cernvm.cvmfs.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.ObjectType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishes the server-2.12.0 fixture's content with this publisher and compares what upstream's
 * 2.12.0 tools wrote: catalog tables and columns, property keys, statistics, history schema,
 * object suffixes, manifest fields, file and chunk objects; signatures checked by openssl.
 */
class PublisherFixtureComparisonTest {
    private static final Instant NOW = Instant.parse("2026-11-27T02:00:00Z");

    @TempDir
    static Path dir;
    static Path fixture;
    static Path ours;
    static Path keyDir;
    static PublishResult first;
    static PublishResult second;

    @BeforeAll
    static void publish() throws Exception {
        fixture = FixtureRepository.unpack(dir);
        Path tree = FixtureTree.rebuild(fixture, dir);
        keyDir = dir.resolve("keys");
        RepositoryKeys keys = RepositoryKeys.generate("test.cern.ch", Clock.fixed(NOW, ZoneOffset.UTC));
        keys.writeTo(keyDir);
        ours = dir.resolve("ours");
        Publisher p = Publisher.builder().keys(keys).storage(ours).owner(0, 0)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        first = p.publish(tree, "v1.0", "first_content_release");
        Publisher later = Publisher.builder().keys(keys).storage(ours).owner(0, 0)
                .clock(Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC)).build();
        second = later.publish(tree, "v2.0", null);
    }

    private static Path catalogFile(Path repo, String hash, String name) throws Exception {
        Path f = dir.resolve(name + ".db");
        Files.write(f, FixtureTree.inflate(repo, hash, "C"));
        return f;
    }

    private static Map<Character, String> manifest(Path repo) throws Exception {
        byte[] b = Files.readAllBytes(repo.resolve(".cvmfspublished"));
        String text = new String(b, StandardCharsets.ISO_8859_1);
        text = text.substring(0, text.indexOf("\n--\n") + 1);
        Map<Character, String> out = new java.util.LinkedHashMap<>();
        for (String l : text.split("\n")) {
            out.put(l.charAt(0), l.substring(1));
        }
        return out;
    }

    @Test
    void revisionsAndTags() {
        assertThat(first.revision()).isEqualTo(1);
        assertThat(second.revision()).isEqualTo(2);
        assertThat(first.tag()).isEqualTo("v1.0");
        assertThat(second.objectsWritten()).isLessThan(first.objectsWritten());
    }

    @Test
    void manifestFieldsAreUpstreams() throws Exception {
        assertThat(manifest(ours).keySet()).containsExactlyElementsOf(manifest(fixture).keySet());
        assertThat(manifest(ours).get('S')).isEqualTo("2");
        assertThat(manifest(ours).get('R')).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }

    @Test
    void catalogSchemaPropertiesAndStatisticsEqualTheFixtures() throws Exception {
        Path theirRoot = catalogFile(fixture, manifest(fixture).get('C'), "their-root");
        Path ourRoot = catalogFile(ours, manifest(ours).get('C'), "our-root");
        assertThat(SqliteSchema.tables(ourRoot)).isEqualTo(SqliteSchema.tables(theirRoot));
        assertThat(SqliteSchema.keyValues(ourRoot, "SELECT key, value FROM properties").keySet())
                .containsExactlyInAnyOrderElementsOf(
                        SqliteSchema.keyValues(theirRoot, "SELECT key, value FROM properties").keySet());
        Map<String, String> ourStats = SqliteSchema.keyValues(ourRoot, "SELECT counter, value FROM statistics");
        Map<String, String> theirStats = SqliteSchema.keyValues(theirRoot, "SELECT counter, value FROM statistics");
        // Same content, so the very counts agree, not just the counter names.
        assertThat(ourStats).isEqualTo(theirStats);

        String theirNested = SqliteSchema.keyValues(theirRoot, "SELECT path, sha1 FROM nested_catalogs").get("/nested");
        String ourNested = SqliteSchema.keyValues(ourRoot, "SELECT path, sha1 FROM nested_catalogs").get("/nested");
        Path theirNestedDb = catalogFile(fixture, theirNested, "their-nested");
        Path ourNestedDb = catalogFile(ours, ourNested, "our-nested");
        assertThat(SqliteSchema.tables(ourNestedDb)).isEqualTo(SqliteSchema.tables(theirNestedDb));
        assertThat(SqliteSchema.keyValues(ourNestedDb, "SELECT key, value FROM properties").keySet())
                .containsExactlyInAnyOrderElementsOf(
                        SqliteSchema.keyValues(theirNestedDb, "SELECT key, value FROM properties").keySet());
        assertThat(SqliteSchema.keyValues(ourNestedDb, "SELECT counter, value FROM statistics"))
                .isEqualTo(SqliteSchema.keyValues(theirNestedDb, "SELECT counter, value FROM statistics"));
        assertThat(SqliteSchema.keyValues(ourNestedDb, "SELECT key, value FROM properties"))
                .containsEntry("root_prefix", "/nested").containsEntry("revision", "2");
    }

    @Test
    void catalogRowsMatchTheFixtureColumnForColumn() throws Exception {
        String query = "SELECT name, md5path_1 || ',' || md5path_2 || ',' || parent_1 || ',' || parent_2 || ',' "
                + "|| hardlinks || ',' || ifnull(hex(hash), 'NULL') || ',' || size || ',' || mode || ',' || mtime "
                + "|| ',' || ifnull(mtimens, 'NULL') || ',' || flags || ',' || symlink || ',' || uid || ',' || gid "
                + "|| ',' || ifnull(hex(xattr), 'NULL') FROM catalog WHERE size != 4096 OR mode & 61440 != 16384";
        Path theirRoot = catalogFile(fixture, manifest(fixture).get('C'), "their-root-rows");
        Path ourRoot = catalogFile(ours, manifest(ours).get('C'), "our-root-rows");
        assertThat(SqliteSchema.keyValues(ourRoot, query)).isEqualTo(SqliteSchema.keyValues(theirRoot, query));
        String chunks = "SELECT md5path_1 || ',' || offset, size || ',' || hex(hash) FROM chunks";
        assertThat(SqliteSchema.keyValues(ourRoot, chunks)).isEqualTo(SqliteSchema.keyValues(theirRoot, chunks));
    }

    @Test
    void historySchemaAndTagsAreUpstreams() throws Exception {
        Path theirs = dir.resolve("their-history.db");
        Files.write(theirs, FixtureTree.inflate(fixture, manifest(fixture).get('H'), "H"));
        Path mine = dir.resolve("our-history.db");
        Files.write(mine, FixtureTree.inflate(ours, manifest(ours).get('H'), "H"));
        assertThat(SqliteSchema.tables(mine)).isEqualTo(SqliteSchema.tables(theirs));
        assertThat(SqliteSchema.keyValues(mine, "SELECT key, value FROM properties").keySet())
                .containsExactlyInAnyOrderElementsOf(
                        SqliteSchema.keyValues(theirs, "SELECT key, value FROM properties").keySet());
        Map<String, String> tags = SqliteSchema.keyValues(mine,
                "SELECT name, revision || '|' || description || '|' || quote(branch) || '|' || channel FROM tags");
        assertThat(tags).containsEntry("v1.0", "1|first_content_release|''|0").containsEntry("v2.0", "2||''|0")
                .containsEntry("trunk", "2|current HEAD|''|0").containsEntry("trunk-previous", "1|default undo target|''|0")
                .hasSize(4);
        assertThat(SqliteSchema.keyValues(mine, "SELECT quote(branch), quote(parent) FROM branches"))
                .isEqualTo(Map.of("''", "NULL"));
    }

    @Test
    void objectSuffixesEqualTheFixturesAndFileObjectsAreByteIdentical() throws Exception {
        assertThat(suffixes(ours)).isEqualTo(suffixes(fixture));
        Set<String> ourContent = objects(ours).stream().filter(n -> Character.isLetterOrDigit(n.charAt(n.length() - 1))
                && !n.endsWith("C") && !n.endsWith("H") && !n.endsWith("X") && !n.endsWith("M")).collect(Collectors.toSet());
        // zlib at the default level gives the very bytes upstream wrote, so file and chunk
        // objects (and the cut points of chunked files) coincide with the fixture's.
        assertThat(objects(fixture)).containsAll(ourContent);
        for (String name : ourContent) {
            assertThat(ContentHash.parseWithSuffix(name.replace("/", "")).type()).isIn(ObjectType.FILE, ObjectType.PARTIAL);
        }
    }

    @Test
    void reflogListsRootCatalogsAndRootFiles() throws Exception {
        Path reflog = ours.resolve(".cvmfsreflog");
        assertThat(SqliteSchema.tables(reflog)).isEqualTo(SqliteSchema.tables(fixture.resolve(".cvmfsreflog")));
        Map<String, String> refs = SqliteSchema.keyValues(reflog, "SELECT hash, type FROM refs");
        assertThat(refs).containsEntry(manifest(ours).get('C'), "0").containsEntry(manifest(ours).get('X'), "1")
                .containsEntry(manifest(ours).get('H'), "2").containsEntry(manifest(ours).get('M'), "3");
        assertThat(io.cernvm.cvmfs.internal.publish.HashForms.hashStringOf(
                io.cernvm.cvmfs.internal.object.HashAlgorithm.SHA1, Files.readAllBytes(reflog)))
                .isEqualTo(manifest(ours).get('Y'));
    }

    @Test
    void signaturesVerifyWithOpenssl() throws Exception {
        SignedFileParts w = SignedFileParts.of(Files.readAllBytes(ours.resolve(".cvmfswhitelist")));
        Files.writeString(dir.resolve("w.hash"), w.hashLine());
        Files.write(dir.resolve("w.sig"), w.signature());
        assertThat(OpensslRunner.run(dir, "pkeyutl", "-verify", "-pubin", "-inkey", keyDir.resolve("test.cern.ch.pub").toString(),
                "-in", "w.hash", "-sigfile", "w.sig")).contains("Signature Verified Successfully");
        assertThat(w.textString()).startsWith("20261127020000\nE20261227020000\nNtest.cern.ch\n");

        SignedFileParts m = SignedFileParts.of(Files.readAllBytes(ours.resolve(".cvmfspublished")));
        Files.writeString(dir.resolve("m.hash"), m.hashLine());
        Files.write(dir.resolve("m.sig"), m.signature());
        // The certificate that verifies the manifest is the repository's own X object.
        Files.write(dir.resolve("cert.pem"), FixtureTree.inflate(ours, manifest(ours).get('X'), "X"));
        OpensslRunner.run(dir, "x509", "-in", "cert.pem", "-pubkey", "-noout", "-out", "cert.pub");
        assertThat(OpensslRunner.run(dir, "dgst", "-sha1", "-verify", "cert.pub", "-signature", "m.sig", "m.hash"))
                .contains("Verified OK");
        String fp = OpensslRunner.run(dir, "x509", "-in", "cert.pem", "-noout", "-fingerprint", "-sha1");
        assertThat(w.textString()).contains(fp.trim().substring(fp.indexOf('=') + 1) + "\n");
        assertThat(Duration.ofDays(30)).isEqualTo(RepositoryKeys.DEFAULT_WHITELIST_VALIDITY);
    }

    private static List<String> objects(Path repo) throws Exception {
        try (Stream<Path> s = Files.walk(repo.resolve("data"))) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getParent().getFileName().toString().equals("txn"))
                    .map(p -> p.getParent().getFileName() + "/" + p.getFileName()).toList();
        }
    }

    private static Set<String> suffixes(Path repo) throws Exception {
        Set<String> out = new TreeSet<>();
        for (String n : objects(repo)) {
            out.add(ContentHash.parseWithSuffix(n.replace("/", "")).type().suffix());
        }
        return out;
    }
}
