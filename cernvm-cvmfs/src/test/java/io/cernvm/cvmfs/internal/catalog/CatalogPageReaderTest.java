package io.cernvm.cvmfs.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.cernvm.api.FaultLocation;
import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.HashAlgorithm;
import io.cernvm.cvmfs.internal.object.ObjectType;
import io.cernvm.cvmfs.internal.object.PathHash;
import io.cernvm.cvmfs.internal.object.ZlibCodec;
import io.cernvm.cvmfs.internal.publish.CatalogDatabase;
import io.cernvm.cvmfs.internal.publish.CatalogInsert;
import io.cernvm.cvmfs.FixtureRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;

/**
 * Lookups read from the catalog file's pages answer exactly as SQLite does: every row of the
 * fixtures' catalogs written by CernVM-FS 2.2.0 and 2.12.0, generated catalogs with rows that
 * overflow their pages and keys across the whole 64-bit range, and rows older than an
 * {@code ALTER TABLE ADD COLUMN}.
 */
class CatalogPageReaderTest {

    @TempDir
    Path tmp;

    private static final ContentHash SOME_HASH = ContentHash.parse("0000000000000000000000000000000000000000", ObjectType.CATALOG);

    private Catalog open(Path file) {
        return Catalog.open(file, "", SOME_HASH, FaultLocation.atPath(file.toString()));
    }

    /** Every key in the file: each looked up both ways, plus keys next to them that are absent. */
    private static void assertBothWaysAgree(Catalog c, Path file) throws Exception {
        assertThat(c.readsPages()).as("the page reader is in use").isTrue();
        List<PathHash> keys = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT md5path_1, md5path_2 FROM catalog")) {
            while (r.next()) {
                keys.add(new PathHash(r.getLong(1), r.getLong(2)));
            }
        }
        assertThat(keys).isNotEmpty();
        for (PathHash k : keys) {
            Optional<CatalogRow> paged = c.lookupFromPages(k); // no fallback to SQLite here
            assertThat(paged).as("row " + k).isPresent();
            assertThat(paged).usingRecursiveComparison().isEqualTo(c.lookupWithSqlite(k));
            for (PathHash absent : List.of(new PathHash(k.first(), k.second() + 1), new PathHash(k.first() - 1, k.second()))) {
                if (!keys.contains(absent)) {
                    assertThat(c.lookupFromPages(absent)).as("absent " + absent).isEmpty();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"server-2.2.0", "server-2.12.0"})
    void everyRowOfTheFixturesCatalogsReadsAsSqliteReadsIt(String fixture) throws Exception {
        Path repo = FixtureRepository.unpack(fixture, tmp.resolve("repo"));
        List<Path> catalogs;
        try (Stream<Path> s = Files.walk(repo.resolve("data"))) {
            catalogs = s.filter(p -> p.getFileName().toString().endsWith("C")).toList();
        }
        assertThat(catalogs).hasSizeGreaterThanOrEqualTo(3);
        for (Path object : catalogs) {
            Path db = tmp.resolve(object.getFileName() + ".db");
            Files.write(db, ZlibCodec.inflate(Files.readAllBytes(object), 1L << 30, FaultLocation.atPath(object.toString())));
            try (Catalog c = open(db)) {
                assertBothWaysAgree(c, db);
            }
        }
    }

    /** A generated row: its key, and how long its symlink and xattr are (long ones overflow the page). */
    record Row(long first, long second, int symlinkLength, int xattrLength) {
    }

    private static final Gen<Row> ROWS = longs().all().zip(longs().all(), integers().between(0, 9000),
            integers().between(-1, 6000), Row::new);

    @Test
    void propertyGeneratedCatalogsReadAsSqliteReadsThem() {
        qt().withExamples(15).withShrinkCycles(20).forAll(lists().of(ROWS).ofSizeBetween(1, 300)).checkAssert(rows -> {
            try {
                Path file = Files.createTempFile(tmp, "generated-", ".db");
                Files.delete(file);
                Random random = new Random(rows.size());
                try (CatalogDatabase db = new CatalogDatabase(file)) {
                    db.setProperties(Map.of("schema", "2.5", "schema_revision", "7", "revision", "1"));
                    java.util.Set<List<Long>> seen = new java.util.HashSet<>();
                    for (Row r : rows) {
                        if (!seen.add(List.of(r.first(), r.second()))) {
                            continue; // the primary key is unique
                        }
                        byte[] hash = new byte[20];
                        random.nextBytes(hash);
                        byte[] xattr = r.xattrLength() < 0 ? null : new byte[r.xattrLength()];
                        if (xattr != null) {
                            random.nextBytes(xattr);
                        }
                        db.add(new CatalogInsert(new PathHash(r.first(), r.second()), new PathHash(r.second(), r.first()), 1,
                                hash, r.symlinkLength(), 0100644, random.nextInt(), random.nextBoolean() ? null : 5,
                                CatalogInsert.FLAG_FILE, "name-" + Long.toHexString(r.first()) + "-ü",
                                "t".repeat(r.symlinkLength()), random.nextInt(70000), random.nextInt(70000), xattr));
                    }
                }
                try (Catalog c = open(file)) {
                    assertBothWaysAgree(c, file);
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 65536})
    void rowsWrittenBeforeAColumnWasAddedReadWithItsDefault(int pageSize) throws Exception {
        Path file = tmp.resolve("upgraded-" + pageSize + ".db");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = db.createStatement()) {
            s.execute("PRAGMA page_size=" + pageSize);
            s.execute("CREATE TABLE properties (key TEXT, value TEXT, CONSTRAINT pk_properties PRIMARY KEY (key))");
            s.execute("INSERT INTO properties VALUES ('schema', '2.5'), ('schema_revision', '7')");
            s.execute("CREATE TABLE catalog (md5path_1 INTEGER, md5path_2 INTEGER, parent_1 INTEGER, parent_2 INTEGER, "
                    + "hardlinks INTEGER, hash BLOB, size INTEGER, mode INTEGER, mtime INTEGER, flags INTEGER, name TEXT, "
                    + "symlink TEXT, uid INTEGER, gid INTEGER, CONSTRAINT pk_catalog PRIMARY KEY (md5path_1, md5path_2))");
            s.execute("CREATE TABLE nested_catalogs (path TEXT, sha1 TEXT, CONSTRAINT pk_nested_catalogs PRIMARY KEY (path))");
            s.execute("CREATE TABLE chunks (md5path_1 INTEGER, md5path_2 INTEGER, offset INTEGER, size INTEGER, hash BLOB, "
                    + "CONSTRAINT pk_chunks PRIMARY KEY (md5path_1, md5path_2, offset, size))");
            try (PreparedStatement p = db.prepareStatement("INSERT INTO catalog VALUES (?, ?, 0, 0, 1, NULL, 3, 33188, 1000, 4, ?, '', 0, 0)")) {
                for (int i = 0; i < 300; i++) {
                    p.setLong(1, i * 7919L - 1000);
                    p.setLong(2, -i);
                    p.setString(3, "old-" + i + "x".repeat(i * 3));
                    p.executeUpdate();
                }
            }
            s.execute("ALTER TABLE catalog ADD COLUMN xattr BLOB");
            s.execute("ALTER TABLE catalog ADD COLUMN mtimens INTEGER DEFAULT 7");
            s.execute("INSERT INTO catalog VALUES (99999, 1, 0, 0, 1, NULL, 3, 33188, 1000, 4, 'new', '', 0, 0, X'00', 8)");
        }
        try (Catalog c = open(file)) {
            assertBothWaysAgree(c, file);
            assertThat(c.lookup(new PathHash(-1000, 0))).hasValueSatisfying(r -> assertThat(r.mtimeNanos()).isEqualTo(7));
            assertThat(c.lookup(new PathHash(99999, 1))).hasValueSatisfying(r -> assertThat(r.mtimeNanos()).isEqualTo(8));
        }
    }
}
