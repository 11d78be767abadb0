package io.cernvm.examples.cvmfs.publish;

import io.cernvm.examples.CliRun;
import java.util.stream.Stream;

/** Runs {@code cernvm cvmfs <args>} in-process. */
final class PublishCli {
    private PublishCli() {
    }

    static CliRun of(String... args) {
        return CliRun.of(Stream.concat(Stream.of("cvmfs"), Stream.of(args)).toArray(String[]::new));
    }
}
