package io.cernvm.cvmfs;

import java.time.Instant;

/**
 * Which revision to open, in the terms of upstream's settings: {@code CVMFS_ROOT_HASH},
 * {@code CVMFS_REPOSITORY_TAG}, {@code CVMFS_REPOSITORY_DATE}. Any combination may be set;
 * precedence is upstream's ({@code mountpoint.cc}): root hash over tag over date, and every
 * losing setting is reported as a {@link RepositoryWarning}. None set means the newest revision.
 *
 * @param rootHash a root catalog hash (hex with algorithm id, optional suffix {@code C}), or {@code null}
 * @param tag      a tag name, or {@code null}
 * @param date     a date: the newest tag at or before it, or {@code null}
 */
public record RevisionPin(String rootHash, String tag, Instant date) {

    /** The newest revision, as the manifest names it. */
    public static final RevisionPin HEAD = new RevisionPin(null, null, null);

    /** Checks that strings, when given, are not blank. */
    public RevisionPin {
        if (rootHash != null && rootHash.isBlank()) {
            throw new IllegalArgumentException("blank root hash");
        }
        if (tag != null && tag.isBlank()) {
            throw new IllegalArgumentException("blank tag");
        }
    }

    /**
     * @param tag a tag name
     * @return a pin to that tag
     */
    public static RevisionPin tag(String tag) {
        return new RevisionPin(null, java.util.Objects.requireNonNull(tag, "tag"), null);
    }

    /**
     * @param date a date
     * @return a pin to the newest tag at or before it
     */
    public static RevisionPin date(Instant date) {
        return new RevisionPin(null, null, java.util.Objects.requireNonNull(date, "date"));
    }

    /**
     * @param rootHash a root catalog hash
     * @return a pin to it; no manifest, whitelist or signature is consulted, as upstream
     */
    public static RevisionPin rootHash(String rootHash) {
        return new RevisionPin(java.util.Objects.requireNonNull(rootHash, "rootHash"), null, null);
    }

    /** @return whether nothing is pinned */
    public boolean isHead() {
        return rootHash == null && tag == null && date == null;
    }
}
