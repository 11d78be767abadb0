package io.cernvm.cvmfs.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Unpacks the server-2.12.0 fixture repository into a test directory. */
final class FixtureRepository {
    private FixtureRepository() {
    }

    /** @return the unpacked {@code cvmfs/test.cern.ch} directory */
    static Path unpack(Path into) throws IOException, InterruptedException {
        Path archive = RepositoryKeysTest.fixtureDir().resolve("repository.tar.gz");
        Path target = into.resolve("fixture");
        Files.createDirectories(target);
        Process p = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", target.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError("tar failed: " + out);
        }
        return target.resolve("cvmfs").resolve("test.cern.ch");
    }
}
