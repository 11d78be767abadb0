package io.cernvm.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Catalog path lookups on one thread: {@code Repository.stat} cycling over every path of the
 * 2.12.0 fixture (three catalogs, symlinks, chunked files, hard links), the catalogs mounted
 * before measuring. Goal: at least 100,000 operations per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CatalogStatBenchmark extends ServedRepositoryBenchmark {

    private String[] paths;
    private int next;

    @Setup
    public void open() throws Exception {
        work = Files.createTempDirectory("bench-stat-");
        served = new ServedRepository(BenchRepositories.unpackFixture(work), "test.cern.ch",
                BenchRepositories.fixturePublicKey(), work);
        repository = served.open();
        List<String> all = BenchRepositories.fixturePaths();
        for (String p : all) {
            repository.stat(p); // mounts the nested catalogs
        }
        paths = all.toArray(String[]::new);
    }

    @Benchmark
    public Object stat() {
        String p = paths[next];
        next = next + 1 == paths.length ? 0 : next + 1;
        return repository.stat(p);
    }
}
