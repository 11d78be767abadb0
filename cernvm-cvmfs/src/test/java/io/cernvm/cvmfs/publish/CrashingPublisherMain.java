package io.cernvm.cvmfs.publish;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** A publisher in its own JVM, for the crash test to kill: {@code storage keyDir fqrn tree epochSeconds}. */
public final class CrashingPublisherMain {
    private CrashingPublisherMain() {
    }

    /** @param args storage, key directory, fqrn, tree, clock (Unix seconds) */
    public static void main(String[] args) {
        RepositoryKeys keys = RepositoryKeys.load(Path.of(args[1]), args[2]);
        Clock clock = Clock.fixed(Instant.ofEpochSecond(Long.parseLong(args[4])), ZoneOffset.UTC);
        Publisher.builder().keys(keys).storage(Path.of(args[0])).clock(clock)
                .chunking(ChunkingSettings.ofSizes(4096, 8192, 16384)).build().publish(Path.of(args[3]));
        System.out.println("published");
    }
}
