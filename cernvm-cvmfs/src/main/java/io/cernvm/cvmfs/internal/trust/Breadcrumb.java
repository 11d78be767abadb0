package io.cernvm.cvmfs.internal.trust;

import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.ObjectType;
import java.util.Objects;
import java.util.Optional;

/**
 * The newest manifest a client has accepted for a repository, in upstream's cache form
 * {@code <roothash>T<publish_ts>R<revision>} ({@code manifest.cc}); a manifest older than it is
 * refused.
 *
 * @param rootCatalog           the root catalog hash
 * @param publishedEpochSeconds the manifest's {@code T}
 * @param revision              the manifest's {@code S}
 */
public record Breadcrumb(ContentHash rootCatalog, long publishedEpochSeconds, long revision) {

    /** Checks the hash. */
    public Breadcrumb {
        Objects.requireNonNull(rootCatalog, "rootCatalog");
    }

    /**
     * @param text the persisted form
     * @return the breadcrumb, or empty when the text is not one
     */
    public static Optional<Breadcrumb> parse(String text) {
        String t = text.strip();
        int ti = t.lastIndexOf('T');
        int ri = t.lastIndexOf('R');
        if (ti < 0 || ri < ti) {
            return Optional.empty();
        }
        try {
            Optional<ContentHash> h = ContentHash.tryParse(t.substring(0, ti), ObjectType.CATALOG);
            long ts = Long.parseLong(t.substring(ti + 1, ri));
            long rev = Long.parseLong(t.substring(ri + 1));
            return h.map(hash -> new Breadcrumb(hash, ts, rev));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** @return the persisted form */
    @Override
    public String toString() {
        return rootCatalog + "T" + publishedEpochSeconds + "R" + revision;
    }
}
