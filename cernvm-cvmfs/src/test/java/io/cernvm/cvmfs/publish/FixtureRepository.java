package io.cernvm.cvmfs.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Unpacks the server-2.12.0 fixture repository into a test directory. */
final class FixtureRepository {
    private FixtureRepository() {
    }

    /** @return the unpacked {@code cvmfs/test.cern.ch} directory, below {@code into/fixture} */
    static Path unpack(Path into) throws IOException {
        return io.cernvm.cvmfs.FixtureRepository.unpack("server-2.12.0", Files.createDirectories(into.resolve("fixture")));
    }
}
