package io.cernvm.cvmfs.publish;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import io.cernvm.cvmfs.download.DownloadSettings;
import io.cernvm.cvmfs.internal.download.HttpTransport;
import io.cernvm.cvmfs.internal.object.ObjectFetcher;
import io.cernvm.cvmfs.internal.publish.ObjectStore;
import io.cernvm.cvmfs.internal.publish.ReplicaCopier;
import io.cernvm.cvmfs.internal.publish.StorageLock;
import io.cernvm.cvmfs.internal.transport.DirectoryTransport;
import io.cernvm.cvmfs.internal.transport.RepositoryTransport;
import io.cernvm.cvmfs.internal.trust.Breadcrumb;
import io.cernvm.cvmfs.internal.trust.InMemoryBreadcrumbStore;
import io.cernvm.cvmfs.internal.trust.ManifestFile;
import io.cernvm.cvmfs.internal.trust.MasterKeys;
import io.cernvm.cvmfs.internal.trust.TrustChain;
import io.cernvm.cvmfs.internal.trust.Whitelist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes and refreshes a Stratum 1 copy of a repository, as {@code cvmfs_server snapshot} does:
 * the source's manifest and whitelist are verified with the master public keys (and must not be
 * older than the replica's), every reachable object of the current and of every tagged revision
 * is verified against its hash and stored, and the replica's whitelist and manifest are replaced
 * last, so the replica always serves a complete revision. Later runs copy only what is new; an
 * interrupted run is resumed by running again.
 */
public final class Replicator {
    private static final DateTimeFormatter SNAPSHOT_TIME =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss 'UTC' yyyy", java.util.Locale.ROOT).withZone(ZoneOffset.UTC);

    private final String fqrn;
    private final RepositoryTransport source;
    private final MasterKeys keys;
    private final Path target;
    private final Clock clock;

    private Replicator(Builder b) {
        this.fqrn = RepositoryKeys.checkFqrn(b.fqrn);
        this.source = Objects.requireNonNull(b.source, "source");
        if (b.keys.isEmpty()) {
            throw new IllegalStateException("no master public key");
        }
        this.keys = new MasterKeys(b.keys, b.keySources);
        this.target = Objects.requireNonNull(b.target, "target");
        this.clock = b.clock;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Brings the replica up to the source's current revision.
     *
     * @return what was done
     * @throws io.cernvm.api.TrustException     when the source's manifest or whitelist is not trusted
     * @throws IntegrityException               when an object does not match its hash
     */
    public ReplicationResult replicate() {
        byte[] manifestBytes = source.fetch(ManifestFile.FILE, false);
        byte[] whitelistBytes = source.fetch(Whitelist.FILE, false);
        InMemoryBreadcrumbStore breadcrumbs = new InMemoryBreadcrumbStore();
        Path replicaManifest = target.resolve(ManifestFile.FILE);
        try {
            if (Files.exists(replicaManifest)) {
                ManifestFile mine = ManifestFile.parse(Files.readAllBytes(replicaManifest),
                        FaultLocation.atPath(replicaManifest.toString()));
                breadcrumbs.store(fqrn, new Breadcrumb(mine.rootCatalog(), mine.publishedEpochSeconds(), mine.revision()));
            }
            RepositoryTransport pinned = new PinnedTransport(source, manifestBytes, whitelistBytes);
            ManifestFile manifest = new TrustChain(fqrn, keys, clock, breadcrumbs)
                    .verify(pinned, new ObjectFetcher(pinned)).manifest();
            try (StorageLock lock = StorageLock.acquire(target)) {
                ObjectStore store = new ObjectStore(target, manifest.rootCatalog().algorithm());
                store.prepare();
                ReplicaCopier copier = new ReplicaCopier(source, store);
                copier.copy(manifestBytes, whitelistBytes, manifest, SNAPSHOT_TIME.format(clock.instant()));
                return new ReplicationResult(manifest.revision(), manifest.rootCatalog().toString(), copier.copied(),
                        copier.present());
            }
        } catch (IOException | SQLException e) {
            throw new IntegrityException("replication failed: " + e.getMessage(), FaultLocation.atPath(target.toString()), e);
        }
    }

    /** Serves the already fetched manifest and whitelist, so what is verified is what is stored. */
    private static final class PinnedTransport implements RepositoryTransport {
        private final RepositoryTransport inner;
        private final byte[] manifest;
        private final byte[] whitelist;

        PinnedTransport(RepositoryTransport inner, byte[] manifest, byte[] whitelist) {
            this.inner = inner;
            this.manifest = manifest.clone();
            this.whitelist = whitelist.clone();
        }

        @Override
        public byte[] fetch(String relativePath, boolean noCache) {
            if (relativePath.equals(ManifestFile.FILE)) {
                return manifest.clone();
            }
            if (relativePath.equals(Whitelist.FILE)) {
                return whitelist.clone();
            }
            return inner.fetch(relativePath, noCache);
        }

        @Override
        public void reportCorrupt(String relativePath) {
            inner.reportCorrupt(relativePath);
        }

        @Override
        public String describe() {
            return inner.describe();
        }
    }

    /** Settings for a {@link Replicator}; name, source, keys and target are required. */
    public static final class Builder {
        private String fqrn;
        private RepositoryTransport source;
        private final List<PublicKey> keys = new ArrayList<>();
        private final List<String> keySources = new ArrayList<>();
        private Path target;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** @param fqrn the repository name; @return this */
        public Builder fqrn(String fqrn) {
            this.fqrn = fqrn;
            return this;
        }

        /** @param directory a repository directory as a Stratum 0 serves it; @return this */
        public Builder sourceDirectory(Path directory) {
            this.source = new DirectoryTransport(directory);
            return this;
        }

        /**
         * Reads the source over HTTP, through the host and proxy chains of {@code settings}
         * (for example a Stratum 0 or another Stratum 1 at {@code http://host/cvmfs/<fqrn>}).
         *
         * @param settings the download settings; their servers are the source's base URLs
         * @return this
         */
        public Builder sourceSettings(DownloadSettings settings) {
            this.source = HttpTransport.builder().settings(Objects.requireNonNull(settings, "settings")).build();
            return this;
        }

        /** Any transport; the module-internal seam for tests and caches. */
        Builder source(RepositoryTransport transport) {
            this.source = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** @param key a master public key that may sign the whitelist; @return this */
        public Builder masterKey(PublicKey key) {
            keys.add(Objects.requireNonNull(key, "key"));
            keySources.add("key " + keys.size());
            return this;
        }

        /** @param pemFiles master public key files ({@code *.pub}); @return this */
        public Builder masterKeyFiles(List<Path> pemFiles) {
            MasterKeys loaded = MasterKeys.load(pemFiles);
            keys.addAll(loaded.keys());
            keySources.addAll(loaded.sources());
            return this;
        }

        /** @param directory the replica's directory; @return this */
        public Builder target(Path directory) {
            this.target = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** @param clock time source for whitelist expiry and the snapshot time; @return this */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @return the replicator */
        public Replicator build() {
            return new Replicator(this);
        }
    }
}
