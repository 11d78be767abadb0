package io.cernvm.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cernvm.context.Inspection;
import io.cernvm.context.UserDataInspector;
import io.cernvm.context.mime.IncludeFetcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * One warm JVM inspecting the whole cloud-init fixture corpus (every agent, one pass each), the
 * counterpart of {@code benchmarks/userdata/cloudinit_driver.py}. One operation is the whole
 * corpus; files per second = ops/s × the file count printed at setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UserDataCorpusBenchmark {

    private UserDataInspector inspector;
    private List<byte[]> corpus;

    @Setup
    public void load() throws IOException {
        Path dir = Fixtures.shared().resolve("userdata/cloud-init");
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> !p.getFileName().toString().equals("SOURCES.md"))
                    .filter(p -> !p.getFileName().toString().equals("include-map.json"))
                    .sorted().toList();
        }
        corpus = new ArrayList<>();
        for (Path f : files) {
            corpus.add(Files.readAllBytes(f));
        }
        inspector = UserDataInspector.builder()
                .includeFetcher(includeMap(dir))
                .instanceData(Map.of("v1", Map.of("cloud_name", "bench", "instance_id", "i-bench", "local_hostname", "bench")))
                .build();
        System.out.println("# corpus files: " + corpus.size());
    }

    @Benchmark
    public void inspectCorpus(Blackhole bh) {
        for (byte[] raw : corpus) {
            Inspection inspection = inspector.inspect(raw);
            bh.consume(inspection);
        }
    }

    private static IncludeFetcher includeMap(Path dir) throws IOException {
        // read from disk on every include, as the Python driver's offline read_file_or_url does
        Map<String, Path> answers = new LinkedHashMap<>();
        new ObjectMapper().readTree(dir.resolve("include-map.json").toFile()).fields()
                .forEachRemaining(e -> answers.put(e.getKey(), dir.resolve(e.getValue().asText())));
        return url -> Optional.ofNullable(answers.get(url)).map(p -> {
            try {
                return Files.readAllBytes(p);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }
}
