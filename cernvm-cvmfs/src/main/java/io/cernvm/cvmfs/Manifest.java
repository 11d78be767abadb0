package io.cernvm.cvmfs;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The verified manifest ({@code .cvmfspublished}) of a repository. Hashes are hex with the
 * algorithm id and without type suffix; optional ones are {@code null} when absent.
 *
 * @param repository        {@code N}, the repository name
 * @param rootHash          {@code C}, the root catalog
 * @param rootCatalogSize   {@code B}, -1 when absent
 * @param ttlSeconds        {@code D}
 * @param revision          {@code S}
 * @param certificateHash   {@code X}
 * @param historyHash       {@code H}, or {@code null}
 * @param metainfoHash      {@code M}, or {@code null}
 * @param published         {@code T}, or {@code null} when absent
 * @param garbageCollectable {@code G=yes}
 * @param fields            every field by key letter as written, unknown ones included
 */
public record Manifest(String repository, String rootHash, long rootCatalogSize, long ttlSeconds, long revision,
                       String certificateHash, String historyHash, String metainfoHash, Instant published,
                       boolean garbageCollectable, Map<String, String> fields) {

    /** Copies the fields. */
    public Manifest {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(rootHash, "rootHash");
        fields = Map.copyOf(fields);
    }

    /** @return the history database hash, if any */
    public Optional<String> history() {
        return Optional.ofNullable(historyHash);
    }
}
