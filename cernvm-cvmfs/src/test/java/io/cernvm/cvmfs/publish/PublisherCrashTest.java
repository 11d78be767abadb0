package io.cernvm.cvmfs.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cernvm.cvmfs.Repository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a publisher in a separate JVM at 20 random points of its run: every time the
 * repository reads back as a complete revision (the previous one, or the new one when the kill
 * came after the manifest), and the next publish succeeds.
 */
class PublisherCrashTest {
    private static final String FQRN = "crash.example.org";
    private static final long T0 = Instant.parse("2026-11-27T05:00:00Z").getEpochSecond();

    @TempDir
    Path dir;

    @Test
    void killedPublishesLeaveACompleteRevision() throws Exception {
        Clock clock0 = Clock.fixed(Instant.ofEpochSecond(T0), ZoneOffset.UTC);
        RepositoryKeys keys = RepositoryKeys.generate(FQRN, clock0);
        Path keyDir = dir.resolve("keys");
        keys.writeTo(keyDir);
        Path tree = dir.resolve("tree");
        PublisherRoundTripTest.sampleTree(tree);
        Path storage = dir.resolve("repo");
        Map<Long, Map<String, String>> published = new HashMap<>();
        Publisher.builder().keys(keys).storage(storage).clock(clock0).build().publish(tree);
        published.put(1L, TreeSnapshot.of(tree));

        Random random = new Random(42);
        long fullRun = runChild(storage, keyDir, tree, T0 + 1, -1);
        long revision = 2;
        published.put(revision, TreeSnapshot.of(tree));
        for (int i = 0; i < 20; i++) {
            TestTrees.file(tree.resolve("round-" + i + "/data.bin"), TestTrees.random(i, 50_000 + random.nextInt(100_000)),
                    "rw-r--r--", PublisherRoundTripTest.MTIME);
            TestTrees.file(tree.resolve("README.txt"), ("round " + i).getBytes(StandardCharsets.UTF_8), "rw-r--r--",
                    PublisherRoundTripTest.MTIME);
            Map<String, String> next = TreeSnapshot.of(tree);
            long now = T0 + 10 + i * 10L;
            runChild(storage, keyDir, tree, now, random.nextInt((int) Math.max(1, fullRun)));
            Clock clock = Clock.fixed(Instant.ofEpochSecond(now + 5), ZoneOffset.UTC);
            try (Repository repo = PublishedRepository.open(storage, keyDir, FQRN, clock, dir.resolve("w" + i))) {
                if (repo.revision() == revision + 1) {
                    revision++;
                    published.put(revision, next);
                }
                assertThat(repo.revision()).as("round %d", i).isEqualTo(revision);
                assertThat(TreeSnapshot.of(repo)).as("round %d", i).isEqualTo(published.get(revision));
            }
        }
        Clock end = Clock.fixed(Instant.ofEpochSecond(T0 + 1000), ZoneOffset.UTC);
        PublishResult last = Publisher.builder().keys(keys).storage(storage).clock(end).build().publish(tree);
        assertThat(last.revision()).isEqualTo(revision + 1);
        try (Repository repo = PublishedRepository.open(storage, keyDir, FQRN, end, dir.resolve("w-end"))) {
            assertThat(TreeSnapshot.of(repo)).isEqualTo(TreeSnapshot.of(tree));
        }
    }

    /** Runs a publisher JVM; kills it after {@code killAfterMillis} (negative: let it finish). @return its run time */
    private static long runChild(Path storage, Path keyDir, Path tree, long now, long killAfterMillis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingPublisherMain.class.getName(), storage.toString(), keyDir.toString(), FQRN, tree.toString(),
                Long.toString(now)).redirectErrorStream(true);
        Path log = storage.resolveSibling("child-" + now + ".log");
        pb.redirectOutput(log.toFile());
        long start = System.nanoTime();
        Process p = pb.start();
        if (killAfterMillis < 0) {
            int rc = p.waitFor();
            assertThat(rc).as(Files.readString(log)).isZero();
        } else {
            if (!p.waitFor(killAfterMillis, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly(); // SIGKILL
            }
            p.waitFor();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
