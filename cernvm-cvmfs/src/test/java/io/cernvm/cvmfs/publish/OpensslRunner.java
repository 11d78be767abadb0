package io.cernvm.cvmfs.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs the {@code openssl} command line in tests; its absence fails the test. */
final class OpensslRunner {
    private OpensslRunner() {
    }

    /** @return the process's combined output; fails when the exit status is not 0 */
    static String run(Path dir, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new java.util.ArrayList<>(List.of("openssl")));
        pb.command().addAll(List.of(args));
        pb.directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0) {
            throw new AssertionError("openssl " + String.join(" ", args) + " failed (" + rc + "): " + out);
        }
        return out;
    }
}
