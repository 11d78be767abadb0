package io.cernvm.cvmfs.publish;

import java.util.Objects;

/**
 * What one replication run did.
 *
 * @param revision       the revision the replica now serves
 * @param rootHash       its root catalog hash
 * @param objectsCopied  objects fetched, verified and stored in this run
 * @param objectsPresent objects (or whole catalog subtrees) found already in the replica
 */
public record ReplicationResult(long revision, String rootHash, long objectsCopied, long objectsPresent) {
    /** Validates. */
    public ReplicationResult {
        Objects.requireNonNull(rootHash, "rootHash");
    }
}
