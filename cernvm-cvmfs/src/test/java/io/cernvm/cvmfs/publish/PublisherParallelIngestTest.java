package io.cernvm.cvmfs.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cernvm.cvmfs.Repository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingesting files on several threads gives the repository a serial run gives, object for object. */
class PublisherParallelIngestTest {
    static RepositoryKeys keys;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() {
        keys = RepositoryKeys.generate(PublisherRoundTripTest.FQRN, PublisherRoundTripTest.CLOCK);
    }

    /** Many small files, half of them sharing content, chunked files, hard links and nested catalogs. */
    private Path tree() throws Exception {
        Path root = PublisherRoundTripTest.sampleTree(dir.resolve("tree"));
        long mtime = PublisherRoundTripTest.MTIME;
        for (int i = 0; i < 300; i++) {
            byte[] content = i % 2 == 0 ? ("same " + (i % 10) + "\n").getBytes(StandardCharsets.UTF_8)
                    : TestTrees.random(i, 1 + i * 37 % 5000);
            TestTrees.file(root.resolve("many/d" + (i % 7) + "/f" + i), content, "rw-r--r--", mtime);
        }
        for (int i = 0; i < 4; i++) {
            TestTrees.file(root.resolve("big/b" + i), TestTrees.random(100 + i % 2, 40_000), "rw-r--r--", mtime);
        }
        Files.createLink(root.resolve("big/link-to-b0"), root.resolve("big/b0"));
        TestTrees.file(root.resolve("many/d3/.cvmfscatalog"), new byte[0], "rw-r--r--", mtime);
        TestTrees.fixDirectoryTimes(root, mtime);
        return root;
    }

    private PublishResult publish(Path tree, Path storage, int threads) {
        return Publisher.builder().keys(keys).storage(storage).clock(PublisherRoundTripTest.CLOCK)
                .chunking(ChunkingSettings.ofSizes(1024, 4096, 8192)).ingestThreads(threads).build().publish(tree);
    }

    private static Map<String, Long> objects(Path storage) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(storage.resolve("data"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(storage.relativize(p).toString(), Files.size(p));
            }
        }
        return out;
    }

    @Test
    void oneThreadAndManyThreadsWriteTheSameRepository() throws Exception {
        Path tree = tree();
        PublishResult serial = publish(tree, dir.resolve("serial"), 1);
        PublishResult parallel = publish(tree, dir.resolve("parallel"), 8);
        assertThat(parallel).isEqualTo(serial);
        assertThat(objects(dir.resolve("parallel"))).isEqualTo(objects(dir.resolve("serial")));
        try (Stream<Path> txn = Files.list(dir.resolve("parallel/data/txn"))) {
            // no temporaries, and no mark of unsynced objects: everything was synced before the manifest
            assertThat(txn.map(f -> f.getFileName().toString())).allMatch(n -> !n.startsWith("publish-") && !n.equals("objects-unsynced"));
        }
        // identical content written by several threads at once is stored, and counted, once
        assertThat(parallel.objectsReused()).isPositive();
        assertThat(parallel.objectsWritten() + parallel.objectsReused())
                .isGreaterThan(objects(dir.resolve("parallel")).size());
        // and the result reads back through the client like the serial one
        Path keyDir = dir.resolve("keys");
        keys.writeTo(keyDir);
        try (Repository repo = PublishedRepository.open(dir.resolve("parallel"), keyDir, PublisherRoundTripTest.FQRN,
                PublisherRoundTripTest.CLOCK, dir.resolve("client"))) {
            assertThat(TreeSnapshot.of(repo)).isEqualTo(TreeSnapshot.of(tree));
            assertThat(repo.stat("/big/b3").chunks()).isGreaterThan(1);
        }
    }
}
