package io.cernvm.benchmarks;

import io.cernvm.cvmfs.publish.Publisher;
import io.cernvm.cvmfs.publish.RepositoryKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The repositories the cvmfs benchmarks read: the shared 2.12.0 fixture unpacked, and one
 * published here with the shapes the goals name (1,000 small files, a 4 KiB file, a 20 MiB
 * chunked file of random bytes).
 */
final class BenchRepositories {

    static final String FQRN = "bench.cern.ch";
    static final String SMALL_DIR = "/small";
    static final int SMALL_FILES = 1000;
    static final String FILE_4K = "/warm/4k.bin";
    static final String FILE_20M = "/large/random-20MiB.bin";

    private BenchRepositories() {
    }

    /** Unpacks the 2.12.0 fixture into {@code dir}; @return the repository directory (test.cern.ch). */
    static Path unpackFixture(Path dir) throws IOException, InterruptedException {
        Path archive = Fixtures.shared().resolve("cvmfs/server-2.12.0/repository.tar.gz");
        Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", dir.toString()).inheritIO().start();
        if (tar.waitFor() != 0) {
            throw new IOException("tar failed on " + archive);
        }
        return dir.resolve("cvmfs/test.cern.ch");
    }

    static Path fixturePublicKey() {
        return Fixtures.shared().resolve("cvmfs/server-2.12.0/test.cern.ch.pub");
    }

    /** Every path of the fixture's head listing, as the official client library printed it. */
    static List<String> fixturePaths() throws IOException {
        List<String> paths = new ArrayList<>();
        for (String line : Files.readAllLines(Fixtures.shared().resolve("cvmfs/server-2.12.0/libcvmfs-listing-head.txt"),
                StandardCharsets.UTF_8)) {
            int ino = line.indexOf(" ino=");
            if (ino < 0) {
                continue;
            }
            int start = line.indexOf(' ', ino + 1) + 1;
            int arrow = line.lastIndexOf(" -> ");
            paths.add(line.substring(start, arrow));
        }
        return paths;
    }

    /** Publishes the benchmark tree under {@code dir}; @return the storage (served) directory. */
    static Path publish(Path dir) throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Random random = new Random(42);
        Path small = Files.createDirectories(tree.resolve(SMALL_DIR.substring(1)));
        for (int i = 0; i < SMALL_FILES; i++) {
            byte[] b = new byte[512 + random.nextInt(1024)];
            random.nextBytes(b);
            Files.write(small.resolve(String.format("f%04d.bin", i)), b);
        }
        byte[] four = new byte[4096];
        random.nextBytes(four);
        Files.write(Files.createDirectories(tree.resolve("warm")).resolve("4k.bin"), four);
        byte[] big = new byte[20 << 20];
        random.nextBytes(big);
        Files.write(Files.createDirectories(tree.resolve("large")).resolve("random-20MiB.bin"), big);
        Clock clock = Clock.systemUTC();
        RepositoryKeys keys = RepositoryKeys.generate(FQRN, clock);
        keys.writeTo(Files.createDirectories(dir.resolve("keys")));
        Path storage = dir.resolve("storage");
        Publisher.builder().keys(keys).storage(storage).clock(clock).build().publish(tree);
        return storage;
    }

    static Path publishedPublicKey(Path dir) {
        return dir.resolve("keys").resolve(FQRN + ".pub");
    }

    static Path localCopy(Path dir, String path) {
        return dir.resolve("tree").resolve(path.substring(1));
    }
}
