package io.cernvm.cvmfs.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.cernvm.cvmfs.Repository;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * Generated trees — names with spaces and non-ASCII letters, nesting, nested catalogs, small and
 * empty files, files crossing KiB-sized chunk boundaries, raw and variant symlinks, hard links —
 * published and read back by the client are identical, and after a second publish of a changed
 * tree the new revision reads as the changed tree while the first tag still reads as the first.
 */
class PublisherRoundTripPropertyTest {
    private static final String FQRN = "prop.example.org";
    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");
    private static final long MTIME = 1_790_000_000L;
    private static RepositoryKeys keys;

    @TempDir
    static Path dir;
    private final AtomicInteger example = new AtomicInteger();

    @BeforeAll
    static void keys() {
        keys = RepositoryKeys.generate(FQRN, Clock.fixed(NOW, ZoneOffset.UTC));
        keys.writeTo(dir.resolve("keys"));
    }

    private static Gen<TreeOp> ops(int kinds) {
        return integers().between(0, kinds - 1).zip(integers().between(0, 999), integers().between(0, 12_000), TreeOp::new);
    }

    @Test
    void publishedTreesReadBackIdenticallyAcrossTwoRevisions() {
        qt().withExamples(30).withShrinkCycles(60)
                .forAll(lists().of(ops(5)).ofSizeBetween(0, 30), lists().of(ops(7)).ofSizeBetween(0, 12))
                .checkAssert(this::roundTrip);
    }

    private void roundTrip(List<TreeOp> first, List<TreeOp> changes) {
        Path base = dir.resolve("ex" + example.incrementAndGet());
        try {
            Path v1 = base.resolve("v1");
            TreeOp.applyAll(first, v1, MTIME);
            Path v2 = base.resolve("v2");
            TestTrees.copy(v1, v2);
            TreeOp.applyAll(changes, v2, MTIME + 1);
            Path storage = base.resolve("repo");
            ChunkingSettings kib = ChunkingSettings.ofSizes(1024, 2048, 4096);
            Clock c1 = Clock.fixed(NOW, ZoneOffset.UTC);
            Clock c2 = Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC);
            Publisher.builder().keys(keys).storage(storage).clock(c1).chunking(kib).build().publish(v1, "one", null);
            Publisher.builder().keys(keys).storage(storage).clock(c2).chunking(kib).build().publish(v2, "two", null);
            try (Repository head = PublishedRepository.open(storage, dir.resolve("keys"), FQRN, c2, base.resolve("w"))) {
                assertThat(TreeSnapshot.of(head)).isEqualTo(TreeSnapshot.of(v2));
                try (Repository old = head.atTag("one")) {
                    assertThat(TreeSnapshot.of(old)).isEqualTo(TreeSnapshot.of(v1));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            try {
                TestTrees.deleteRecursively(base);
            } catch (java.io.IOException e) {
                // left for @TempDir to remove
            }
        }
    }

    @Test
    void generatorReachesChunkedFilesNestedCatalogsAndHardLinks() throws Exception {
        // A fixed example shows the generated vocabulary covers the interesting cases.
        Path v = dir.resolve("vocabulary");
        TreeOp.applyAll(List.of(new TreeOp(0, 0, 0), new TreeOp(1, 7, 9000), new TreeOp(3, 29, 0),
                new TreeOp(4, 1, 0), new TreeOp(2, 14, 0)), v, MTIME);
        Path storage = dir.resolve("vocabulary-repo");
        Clock c = Clock.fixed(NOW, ZoneOffset.UTC);
        Publisher.builder().keys(keys).storage(storage).clock(c).chunking(ChunkingSettings.ofSizes(1024, 2048, 4096))
                .build().publish(v);
        try (Repository r = PublishedRepository.open(storage, dir.resolve("keys"), FQRN, c, dir.resolve("vw"))) {
            assertThat(TreeSnapshot.of(r)).isEqualTo(TreeSnapshot.of(v));
            assertThat(r.stat("/a").nestedCatalogMountpoint()).isTrue();
            assertThat(r.stat("/a/b c").chunks()).isGreaterThan(1);
            assertThat(r.stat("/a/x.txt").nlink()).isEqualTo(2);
            assertThat(r.stat("/ünïcödé").rawTarget()).isEqualTo("$(V:-def)/x");
        }
    }
}
