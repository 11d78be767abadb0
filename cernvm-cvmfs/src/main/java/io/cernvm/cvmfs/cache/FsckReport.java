package io.cernvm.cvmfs.cache;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a cache check found.
 *
 * @param directory       the cache directory
 * @param checked         how many objects were verified
 * @param bad             objects whose content does not match their name
 * @param foreign         files in the object folders that are no object name
 * @param txnLeftovers    temporary files in {@code txn/} (crashed or live writers)
 * @param quarantined     how many bad objects were moved to {@code quarantaine/}
 * @param removedLeftovers how many stale temporary files were removed
 */
public record FsckReport(Path directory, int checked, List<String> bad, List<String> foreign,
                         List<String> txnLeftovers, int quarantined, int removedLeftovers) {

    /** Copies the lists. */
    public FsckReport {
        Objects.requireNonNull(directory, "directory");
        bad = List.copyOf(bad);
        foreign = List.copyOf(foreign);
        txnLeftovers = List.copyOf(txnLeftovers);
    }

    /** @return whether every object verified */
    public boolean clean() {
        return bad.isEmpty();
    }
}
