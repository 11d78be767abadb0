package io.cernvm.benchmarks;

import io.cernvm.cvmfs.publish.Publisher;
import io.cernvm.cvmfs.publish.RepositoryKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
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
 * Catalog path lookups on one thread when the working set is far larger than the client's
 * lookup cache (4,096 paths): {@code Repository.stat} over 32,768 paths (64 directories of 512
 * empty files) in a shuffled order, so most lookups go to SQLite. The root catalog is loaded
 * before measuring; no HTTP request is made during the measurement.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CatalogMissBenchmark extends ServedRepositoryBenchmark {

    private static final String FQRN = "lookups.cern.ch";
    private static final int DIRECTORIES = 64;
    private static final int FILES_PER_DIRECTORY = 512;

    private String[] paths;
    private int next;

    @Setup
    public void open() throws Exception {
        work = Files.createTempDirectory("bench-miss-");
        Path tree = Files.createDirectories(work.resolve("tree"));
        List<String> all = new ArrayList<>();
        for (int d = 0; d < DIRECTORIES; d++) {
            Path dir = Files.createDirectories(tree.resolve(String.format("dir%02d", d)));
            for (int f = 0; f < FILES_PER_DIRECTORY; f++) {
                String name = String.format("file-%04d.txt", f);
                Files.createFile(dir.resolve(name));
                all.add("/" + dir.getFileName() + "/" + name);
            }
        }
        RepositoryKeys keys = RepositoryKeys.generate(FQRN, Clock.systemUTC());
        keys.writeTo(Files.createDirectories(work.resolve("keys")));
        Path storage = work.resolve("storage");
        Publisher.builder().keys(keys).storage(storage).clock(Clock.systemUTC()).build().publish(tree);
        served = new ServedRepository(storage, FQRN, work.resolve("keys").resolve(FQRN + ".pub"), work);
        repository = served.open();
        Collections.shuffle(all, new Random(7));
        paths = all.toArray(String[]::new);
        for (String p : paths) {
            repository.stat(p);
        }
    }

    @Benchmark
    public Object stat() {
        String p = paths[next];
        next = next + 1 == paths.length ? 0 : next + 1;
        return repository.stat(p);
    }
}
