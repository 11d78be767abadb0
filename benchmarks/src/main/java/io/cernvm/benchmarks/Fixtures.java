package io.cernvm.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared fixtures are: the system property {@code cernvm.shared}, else {@code /work/shared}. */
final class Fixtures {

    private Fixtures() {
    }

    static Path shared() {
        Path dir = Path.of(System.getProperty("cernvm.shared", "/work/shared"));
        if (!Files.isDirectory(dir.resolve("fixtures"))) {
            throw new IllegalStateException("no fixtures under " + dir + " (set -Dcernvm.shared=...)");
        }
        return dir.resolve("fixtures");
    }
}
