package io.cernvm.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * A warm 4 KiB {@code open}+{@code read}: through an open repository after a first read, and
 * the same bytes from a local file (page cache). Goal: the repository at most 2× the local
 * read, with zero HTTP requests (printed per iteration, counted at the server).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WarmReadBenchmark extends ServedRepositoryBenchmark {

    private Path local;
    private final ByteBuffer buffer = ByteBuffer.allocate(4096);

    @Setup
    public void open() throws Exception {
        work = Files.createTempDirectory("bench-warm-");
        served = new ServedRepository(BenchRepositories.publish(work), BenchRepositories.FQRN,
                BenchRepositories.publishedPublicKey(work), work);
        repository = served.open();
        local = BenchRepositories.localCopy(work, BenchRepositories.FILE_4K);
        repository.readAllBytes(BenchRepositories.FILE_4K); // warms whatever the client caches
    }

    @Benchmark
    public int repository() throws IOException {
        buffer.clear();
        try (SeekableByteChannel ch = repository.open(BenchRepositories.FILE_4K)) {
            return fill(ch);
        }
    }

    @Benchmark
    public int localDisk() throws IOException {
        buffer.clear();
        try (SeekableByteChannel ch = Files.newByteChannel(local, StandardOpenOption.READ)) {
            return fill(ch);
        }
    }

    private int fill(SeekableByteChannel ch) throws IOException {
        int n = 0;
        while (buffer.hasRemaining()) {
            int r = ch.read(buffer);
            if (r < 0) {
                break;
            }
            n += r;
        }
        if (n != 4096) {
            throw new IllegalStateException("read " + n + " bytes");
        }
        return n;
    }
}
