package io.cernvm.cvmfs.publish;

import io.cernvm.cvmfs.CvmfsClient;
import io.cernvm.cvmfs.Repository;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Opens a repository this publisher wrote with the cvmfs-core client, verified by its master key. */
final class PublishedRepository {
    private PublishedRepository() {
    }

    static Repository open(Path storage, Path keyDir, String fqrn, Clock clock, Path work) {
        return CvmfsClient.builder().localRepository(storage)
                .publicKeys(List.of(keyDir.resolve(fqrn + ".pub")))
                .clock(clock).workDirectory(work).build().open(fqrn);
    }
}
