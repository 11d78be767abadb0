package io.cernvm.cvmfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One repository used by many threads at once gives every thread the same answers. */
class ConcurrentReadTest {

    @TempDir
    Path tmp;

    @Test
    void threadsShareOneRepository() throws Exception {
        Path repo = FixtureRepository.unpack("server-2.12.0", tmp.resolve("repo"));
        try (Repository r = CvmfsClient.builder().localRepository(repo)
                .publicKeys(List.of(FixtureRepository.publicKey("server-2.12.0")))
                .clock(Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC))
                .workDirectory(tmp.resolve("work")).build().open("test.cern.ch")) {
            Map<String, FileAttributes> expected = FixtureListingTest.walk(r);
            List<String> files = expected.values().stream().filter(FileAttributes::isRegularFile)
                    .filter(a -> a.size() < 100_000).map(FileAttributes::path).toList();
            Map<String, String> sums = new java.util.HashMap<>();
            for (String f : files) {
                sums.put(f, FixtureListingTest.sha1(r, f));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    results.add(pool.submit(() -> {
                        for (String f : files) {
                            if (!FixtureListingTest.sha1(r, f).equals(sums.get(f))) {
                                return false;
                            }
                        }
                        return FixtureListingTest.walk(r).equals(expected);
                    }));
                }
                for (Future<Boolean> f : results) {
                    assertThat(f.get()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
