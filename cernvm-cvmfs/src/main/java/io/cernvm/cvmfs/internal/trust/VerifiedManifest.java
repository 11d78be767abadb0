package io.cernvm.cvmfs.internal.trust;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A manifest whose whole trust chain held: master key → whitelist → certificate → manifest.
 *
 * @param manifest    the manifest
 * @param whitelist   the whitelist that listed the certificate
 * @param certificate the certificate that signed the manifest
 */
public record VerifiedManifest(ManifestFile manifest, Whitelist whitelist, X509Certificate certificate) {

    /** Checks that every part is present. */
    public VerifiedManifest {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(whitelist, "whitelist");
        Objects.requireNonNull(certificate, "certificate");
    }
}
