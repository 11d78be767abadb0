package io.cernvm.cvmfs;

import java.time.Instant;
import java.util.Objects;

/**
 * How a repository's manifest was trusted: the certificate that signed it and the whitelist
 * that listed it.
 *
 * @param certificateFingerprint the certificate's fingerprint as the whitelist writes it (hex
 *                               with algorithm id, lower case, no colons)
 * @param certificateSubject     the certificate's subject
 * @param whitelistExpires       the whitelist's expiry (only the hour counts)
 * @param masterKeys             where the master keys came from
 */
public record TrustStatus(String certificateFingerprint, String certificateSubject, Instant whitelistExpires,
                          java.util.List<String> masterKeys) {

    /** Checks and copies the parts. */
    public TrustStatus {
        Objects.requireNonNull(certificateFingerprint, "certificateFingerprint");
        Objects.requireNonNull(certificateSubject, "certificateSubject");
        Objects.requireNonNull(whitelistExpires, "whitelistExpires");
        masterKeys = java.util.List.copyOf(masterKeys);
    }
}
