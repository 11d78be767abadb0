package io.cernvm.cvmfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cernvm.cvmfs.cache.DiskCache;
import io.cernvm.cvmfs.cache.FsckReport;
import io.cernvm.testkit.Fault;
import io.cernvm.testkit.RepositoryServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Separate JVMs ({@link CacheReaderMain}) sharing one disk cache: the second finds what the
 * first fetched, two reading at the same moment fetch each object once, and {@code kill -9} at random moments never leaves a bad object behind.
 */
class SharedCacheProcessTest {

    private static final String FIXTURE = "server-2.12.0";

    @TempDir
    static Path shared;
    static Path repo;
    static LibcvmfsListing listing;

    @TempDir
    Path tmp;

    @BeforeAll
    static void unpack() throws IOException {
        repo = FixtureRepository.unpack(FIXTURE, shared.resolve("repo"));
        listing = LibcvmfsListing.read(FixtureRepository.dir(FIXTURE).resolve("libcvmfs-listing-head.txt"));
    }

    private static List<String> files() {
        return listing.entries().values().stream().filter(l -> l.type() == 'f').map(LibcvmfsListing.Line::path).toList();
    }

    private Process start(RepositoryServer server, Path cache, long quota, String mode, List<String> paths) throws IOException {
        return start(server, cache, quota, mode, mode, paths);
    }

    private Process start(RepositoryServer server, Path cache, long quota, String mode, String logName, List<String> paths)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m",
                // quick start-up: the kill test starts 20 readers
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                CacheReaderMain.class.getName(), server.baseUri().toString(), FixtureRepository.publicKey(FIXTURE).toString(),
                cache.toString(), Long.toString(quota), tmp.resolve("work").toString(), mode));
        cmd.addAll(paths);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log(logName)).start();
    }

    private java.io.File log(String mode) {
        return tmp.resolve("reader-" + mode + ".log").toFile();
    }

    private String output(String mode) throws IOException {
        return java.nio.file.Files.readString(log(mode).toPath(), StandardCharsets.UTF_8);
    }

    /** Waits until a reader has opened the repository and read its first file (JVM start-up varies widely). */
    private void awaitFirstRead(Process p) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (output("loop").lines().anyMatch(l -> l.matches("[0-9a-f]{40} /.*"))) {
                return;
            }
            assertThat(p.isAlive()).as("reader died: " + output("loop")).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("reader did not start reading within 30 s: " + output("loop"));
    }

    private void assertReadsCorrectly(Process p, List<String> paths) throws Exception {
        assertReadsCorrectly(p, "once", paths);
    }

    private void assertReadsCorrectly(Process p, String logName, List<String> paths) throws Exception {
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = output(logName);
        assertThat(p.exitValue()).as(out).isZero();
        for (String path : paths) {
            assertThat(out).as(path).contains(listing.entries().get(path).sha1() + " " + path);
        }
    }

    @Test
    void twoJvmsSharingOneCacheFetchEachObjectOnce() throws Exception {
        List<String> paths = files();
        Path cache = tmp.resolve("cache");
        try (RepositoryServer server = RepositoryServer.builder().root(repo).build()) {
            assertReadsCorrectly(start(server, cache, -1, "once", paths), paths);
            assertReadsCorrectly(start(server, cache, -1, "once", paths), paths);
            Map<String, Integer> counts = server.requestCounts();
            assertThat(counts.keySet()).anyMatch(k -> k.startsWith("data/"));
            counts.forEach((path, n) -> {
                if (path.startsWith("data/")) {
                    assertThat(n).as(path + " fetched").isEqualTo(1);
                }
            });
            assertThat(counts.get(".cvmfspublished")).as("each process checks the manifest").isEqualTo(2);
        }
    }

    @Test
    void twoJvmsMissingTheSameObjectsAtOnceFetchEachOnce() throws Exception {
        List<String> paths = files();
        Path cache = tmp.resolve("cache");
        Path go = tmp.resolve("go");
        try (RepositoryServer server = RepositoryServer.builder().root(repo).build()) {
            // every object answers slowly, so the two readers are inside each other's downloads
            server.inject("data/**", new Fault.Latency(Duration.ofMillis(60)));
            Process a = start(server, cache, -1, "together:" + go, "a", paths);
            Process b = start(server, cache, -1, "together:" + go, "b", paths);
            for (String reader : List.of("a", "b")) {
                Process p = reader.equals("a") ? a : b;
                for (int i = 0; i < 600 && !output(reader).contains("ready"); i++) {
                    assertThat(p.isAlive()).as("reader died: " + output(reader)).isTrue();
                    Thread.sleep(50);
                }
                assertThat(output(reader)).contains("ready");
            }
            server.resetCounts(); // the two opens raced too; the data reads are what this test is about
            java.nio.file.Files.createFile(go);
            assertReadsCorrectly(a, "a", paths);
            assertReadsCorrectly(b, "b", paths);
            Map<String, Integer> counts = server.requestCounts();
            assertThat(counts.keySet()).anyMatch(k -> k.startsWith("data/"));
            counts.forEach((path, n) -> assertThat(n).as(path + " fetched").isEqualTo(1));
        }
    }

    @Test
    void killedReadersNeverLeaveABadObject() throws Exception {
        // a small quota keeps the readers evicting and writing, so kills land amid cache writes
        List<String> paths = files().stream().filter(p -> listing.entries().get(p).size() < 1 << 20).toList();
        Path cache = tmp.resolve("cache");
        long quota = 256 * 1024;
        Random random = new Random(20261127L);
        try (RepositoryServer server = RepositoryServer.builder().root(repo).build()) {
            for (int i = 0; i < 20; i++) {
                Process p = start(server, cache, quota, "loop", paths);
                awaitFirstRead(p);
                Thread.sleep(random.nextInt(800)); // a random moment among the reads, evictions and cache writes
                p.destroyForcibly(); // SIGKILL
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            FsckReport report = DiskCache.open(cache, quota, Clock.systemUTC()).fsck(false);
            assertThat(report.checked()).isPositive();
            assertThat(report.bad()).isEmpty();
            assertReadsCorrectly(start(server, cache, quota, "once", paths), paths);
        }
    }
}
