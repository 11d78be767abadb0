package io.cernvm.cvmfs.internal.trust;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import io.cernvm.api.TrustException;
import io.cernvm.cvmfs.internal.object.ObjectCompression;
import io.cernvm.cvmfs.internal.object.ObjectFetcher;
import io.cernvm.cvmfs.internal.transport.RepositoryTransport;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Objects;

/**
 * Verifies a repository's manifest the way {@code manifest_fetch.cc} does: fetch the manifest,
 * check its name, root path hash and age against the breadcrumb, fetch the certificate object
 * and check the manifest's signature with it, fetch the whitelist, check it with the master
 * keys, its expiry and name, and that it lists the certificate. X.509 validity dates are not
 * checked, as upstream ("validity range is unused", {@code signature.cc}).
 */
public final class TrustChain {

    private static final long MAX_CERTIFICATE_BYTES = 1 << 20;

    private final String repository;
    private final MasterKeys keys;
    private final Clock clock;
    private final BreadcrumbStore breadcrumbs;

    /**
     * @param repository  the repository name ({@code N} of manifest and whitelist)
     * @param keys        the master keys
     * @param clock       the time source for the whitelist expiry
     * @param breadcrumbs the newest manifests seen
     */
    public TrustChain(String repository, MasterKeys keys, Clock clock, BreadcrumbStore breadcrumbs) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.breadcrumbs = Objects.requireNonNull(breadcrumbs, "breadcrumbs");
    }

    /**
     * Fetches and verifies the current manifest; a refusal other than an unlisted certificate is
     * retried once with fresh copies after reporting the bad file, as upstream switches host once.
     *
     * @param transport where the files come from
     * @param objects   fetches the certificate object
     * @return the verified manifest; its breadcrumb is stored
     * @throws TrustException on any refusal, naming file, URL and reason
     */
    public VerifiedManifest verify(RepositoryTransport transport, ObjectFetcher objects) {
        try {
            return verifyOnce(transport, objects, false);
        } catch (TrustException first) {
            if (first instanceof UnlistedCertificateException) {
                throw first;
            }
            transport.reportCorrupt(ManifestFile.FILE);
            transport.reportCorrupt(Whitelist.FILE);
            VerifiedManifest second = verifyOnce(transport, objects, true);
            return second;
        }
    }

    private VerifiedManifest verifyOnce(RepositoryTransport transport, ObjectFetcher objects, boolean noCache) {
        FaultLocation mAt = transport.locate(ManifestFile.FILE);
        ManifestFile manifest = ManifestFile.parse(transport.fetch(ManifestFile.FILE, noCache), mAt);
        manifest.checkName(repository, mAt);
        manifest.checkHashLine(mAt);
        breadcrumbs.load(repository).ifPresent(crumb -> {
            if (manifest.publishedEpochSeconds() < crumb.publishedEpochSeconds()) {
                throw new TrustException("manifest published at " + manifest.publishedEpochSeconds()
                        + " is older than one already accepted (" + crumb.publishedEpochSeconds() + ")", mAt);
            }
        });
        if (manifest.certificate() == null) {
            throw new TrustException("manifest names no certificate (X)", mAt);
        }
        X509Certificate certificate = certificate(objects, manifest, transport);
        manifest.verify(repository, certificate, mAt);

        FaultLocation wAt = transport.locate(Whitelist.FILE);
        Whitelist whitelist = Whitelist.parse(transport.fetch(Whitelist.FILE, noCache), wAt);
        whitelist.verify(repository, keys, clock, wAt);
        if (!whitelist.lists(certificate)) {
            throw new UnlistedCertificateException("the repository certificate " + manifest.certificate()
                    + " is not on the whitelist", wAt);
        }
        breadcrumbs.store(repository, new Breadcrumb(manifest.rootCatalog(), manifest.publishedEpochSeconds(), manifest.revision()));
        return new VerifiedManifest(manifest, whitelist, certificate);
    }

    private static X509Certificate certificate(ObjectFetcher objects, ManifestFile manifest, RepositoryTransport t) {
        FaultLocation at = t.locate(manifest.certificate().objectPath());
        byte[] pem;
        try {
            pem = objects.fetch(manifest.certificate(), ObjectCompression.ZLIB, MAX_CERTIFICATE_BYTES);
        } catch (IntegrityException e) {
            throw new TrustException("certificate object is corrupt: " + e.reason(), at, e);
        }
        return parseCertificate(pem, at);
    }

    /**
     * @param pemOrDer the certificate, PEM or DER
     * @param location where it came from
     * @return the certificate
     * @throws TrustException when it is not an X.509 certificate
     */
    public static X509Certificate parseCertificate(byte[] pemOrDer, FaultLocation location) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pemOrDer));
        } catch (CertificateException | RuntimeException e) {
            throw new TrustException("not an X.509 certificate: " + e.getMessage(), location, e);
        }
    }

    /** A certificate the whitelist does not list: not retried, as upstream. */
    static final class UnlistedCertificateException extends TrustException {
        private static final long serialVersionUID = 1L;

        UnlistedCertificateException(String message, FaultLocation location) {
            super(message, location);
        }
    }
}
