package io.cernvm.cvmfs;

import io.cernvm.api.ConfigurationException;
import io.cernvm.api.FaultLocation;
import io.cernvm.cvmfs.cache.DiskCache;
import io.cernvm.cvmfs.config.ClientConfiguration;
import io.cernvm.cvmfs.download.DownloadListener;
import io.cernvm.cvmfs.download.DownloadSettings;
import io.cernvm.cvmfs.internal.cache.ObjectCache;
import io.cernvm.cvmfs.internal.download.ClientUuid;
import io.cernvm.cvmfs.internal.download.HttpTransport;
import io.cernvm.cvmfs.internal.transport.DirectoryTransport;
import io.cernvm.cvmfs.internal.transport.RepositoryTransport;
import io.cernvm.cvmfs.internal.trust.BreadcrumbStore;
import io.cernvm.cvmfs.internal.trust.InMemoryBreadcrumbStore;
import io.cernvm.cvmfs.internal.trust.MasterKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Opens CernVM-FS repositories: verifies the trust chain (master key, whitelist, certificate,
 * manifest), then reads catalogs and content through a transport, each object verified against
 * its hash before use. Immutable and thread-safe; make one with {@link #builder()}.
 *
 * <pre>{@code
 * CvmfsClient client = CvmfsClient.builder()
 *         .localRepository(Path.of("/srv/cvmfs/test.cern.ch"))
 *         .publicKeys(List.of(Path.of("/etc/cvmfs/keys/cern.ch")))
 *         .build();
 * try (Repository repo = client.open("test.cern.ch")) {
 *     repo.list("/");
 * }
 * }</pre>
 *
 * <p>Or from upstream's client configuration, with HTTP downloads, the disk cache and the
 * revision it names:
 *
 * <pre>{@code
 * ClientConfiguration cfg = ClientConfiguration.load("atlas.cern.ch");
 * try (Repository repo = CvmfsClient.fromConfiguration(cfg).open(cfg.fqrn())) {
 *     repo.readAllBytes("/README");
 * }
 * }</pre>
 */
public final class CvmfsClient {

    private final Builder settings;

    private CvmfsClient(Builder b) {
        this.settings = b.copy();
    }

    /** @return a builder with the defaults: system UTC clock, no keys, empty symlink environment */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client as upstream's configuration describes it; see {@link Builder#configuration}.
     *
     * @param configuration the configuration of one repository
     * @return the client; open {@code configuration.fqrn()} with it
     * @throws ConfigurationException when a parameter is missing or unusable
     */
    public static CvmfsClient fromConfiguration(ClientConfiguration configuration) {
        return builder().configuration(configuration).build();
    }

    /** @return a builder holding this client's settings */
    public Builder toBuilder() {
        return settings.copy();
    }

    /**
     * Opens a repository at the revision the builder pinned (by default the newest).
     *
     * @param repository the repository name (FQRN), e.g. {@code test.cern.ch}
     * @return the repository; close it
     */
    public Repository open(String repository) {
        return open(repository, settings.pin);
    }

    /**
     * @param repository the repository name (FQRN)
     * @param pin        which revision
     * @return the repository; close it
     */
    public Repository open(String repository, RevisionPin pin) {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(pin, "pin");
        if (settings.configuredFor != null && !settings.configuredFor.equals(repository)) {
            throw new ConfigurationException("this client is configured for " + settings.configuredFor + ", not for " + repository,
                    FaultLocation.atKey("CVMFS_SERVER_URL", null, null));
        }
        if (settings.transports == null && settings.downloadSettings == null) {
            throw new ConfigurationException("no transport configured for " + repository, FaultLocation.atKey("CVMFS_SERVER_URL", null, null));
        }
        MasterKeys keys = settings.keys;
        if (keys == null && !settings.keyPaths.isEmpty()) {
            keys = MasterKeys.load(settings.keyPaths);
        }
        RepositoryTransport transport;
        if (settings.downloadSettings != null) {
            HttpTransport.Builder http = HttpTransport.builder().settings(settings.downloadSettings).listener(settings.downloadListener)
                    .clock(settings.clock);
            if (settings.cacheDirectory != null) {
                ClientUuid.read(settings.cacheDirectory).ifPresent(http::clientUuid); // the Geo API's name for a client without proxy
            }
            transport = http.build();
        } else {
            transport = settings.transports.apply(repository);
        }
        RepositoryTransport external = null;
        if (settings.externalDownloadSettings != null) {
            try {
                // a second download manager, as mountpoint.cc clones one for external data
                external = HttpTransport.builder().settings(settings.externalDownloadSettings)
                        .listener(settings.downloadListener).clock(settings.clock).build();
            } catch (RuntimeException e) {
                if (settings.ownsTransports) {
                    transport.close();
                }
                throw e;
            }
        }
        RepositorySession session = new RepositorySession(repository, transport, settings.ownsTransports, keys, settings.clock,
                settings.breadcrumbs, settings.cache, settings.symlinkEnvironment, settings.listener, settings.workDirectory,
                settings.mountDirectory + "/" + repository, external);
        session.acquire();
        try {
            return RealRepository.open(session, pin);
        } finally {
            session.release();
        }
    }

    /** Settings of a {@link CvmfsClient}. Not thread-safe. */
    public static final class Builder {
        private Function<String, RepositoryTransport> transports;
        private boolean ownsTransports;
        private List<Path> keyPaths = List.of();
        private MasterKeys keys;
        private Clock clock = Clock.systemUTC();
        private Map<String, String> symlinkEnvironment = Map.of();
        private BreadcrumbStore breadcrumbs = new InMemoryBreadcrumbStore();
        private RepositoryListener listener = RepositoryListener.NONE;
        private Path workDirectory = Path.of(System.getProperty("java.io.tmpdir"), "cernvm-cvmfs-" + ProcessHandle.current().pid());
        private RevisionPin pin = RevisionPin.HEAD;
        private String mountDirectory = "/cvmfs";
        private boolean breadcrumbsSet;
        private Path cacheDirectory;
        private long cacheQuotaBytes = ObjectCache.UNLIMITED;
        private ObjectCache cache;
        private DownloadListener downloadListener = DownloadListener.NONE;
        private String configuredFor;
        private DownloadSettings downloadSettings;
        private DownloadSettings externalDownloadSettings;

        private Builder() {
        }

        private Builder copy() {
            Builder b = new Builder();
            b.transports = transports;
            b.ownsTransports = ownsTransports;
            b.keyPaths = keyPaths;
            b.keys = keys;
            b.clock = clock;
            b.symlinkEnvironment = symlinkEnvironment;
            b.breadcrumbs = breadcrumbs;
            b.listener = listener;
            b.workDirectory = workDirectory;
            b.pin = pin;
            b.mountDirectory = mountDirectory;
            b.breadcrumbsSet = breadcrumbsSet;
            b.cacheDirectory = cacheDirectory;
            b.cacheQuotaBytes = cacheQuotaBytes;
            b.cache = cache;
            b.downloadListener = downloadListener;
            b.configuredFor = configuredFor;
            b.downloadSettings = downloadSettings;
            b.externalDownloadSettings = externalDownloadSettings;
            return b;
        }

        /**
         * Takes every setting upstream's client configuration gives: HTTP downloads from
         * {@code CVMFS_SERVER_URL} through {@code CVMFS_HTTP_PROXY} with its timeouts, retries
         * and resets ({@link ClientConfiguration#downloadSettings()}); the master keys of
         * {@code CVMFS_PUBLIC_KEY}, else every {@code *.pub} in {@code CVMFS_KEYS_DIR}; the
         * revision of {@code CVMFS_ROOT_HASH} / {@code CVMFS_REPOSITORY_TAG} /
         * {@code CVMFS_REPOSITORY_DATE}; the disk cache {@link DiskCache#directoryOf} with
         * {@code CVMFS_QUOTA_LIMIT}; {@code CVMFS_MOUNT_DIR}. The client then opens only
         * {@code configuration.fqrn()}. Set a {@link #downloadListener} before or after.
         *
         * @param configuration the configuration of one repository
         * @return this
         * @throws ConfigurationException when {@code CVMFS_SERVER_URL} is unset or a value unusable
         */
        public Builder configuration(ClientConfiguration configuration) {
            Objects.requireNonNull(configuration, "configuration");
            downloads(configuration.downloadSettings());
            this.externalDownloadSettings = configuration.externalDownloadSettings().orElse(null);
            List<Path> keyFiles = configuration.publicKeys();
            if (keyFiles.isEmpty() && Files.isDirectory(configuration.keysDir())) {
                keyFiles = List.of(configuration.keysDir());
            }
            if (!keyFiles.isEmpty()) {
                publicKeys(keyFiles);
            }
            revision(new RevisionPin(configuration.rootHash().filter(h -> !h.isBlank()).orElse(null),
                    configuration.repositoryTag().orElse(null), configuration.repositoryDate().orElse(null)));
            diskCache(DiskCache.directoryOf(configuration), DiskCache.quotaBytesOf(configuration));
            configuration.get("CVMFS_MOUNT_DIR").filter(d -> d.startsWith("/")).ifPresent(this::mountDirectory);
            this.configuredFor = configuration.fqrn();
            return this;
        }

        /**
         * Downloads over HTTP through the proxy and host chains of the settings, with failover;
         * every event goes to the {@link #downloadListener}.
         *
         * @param downloads the download settings
         * @return this
         */
        public Builder downloads(DownloadSettings downloads) {
            Objects.requireNonNull(downloads, "downloads");
            this.downloadSettings = downloads;
            this.transports = null;
            this.ownsTransports = true;
            return this;
        }

        /**
         * Where files whose catalog row has the external flag come from: a second HTTP
         * transport over {@code CVMFS_EXTERNAL_URL} + the file's repository path
         * ({@link ClientConfiguration#externalDownloadSettings()}), with its own failover and
         * the same {@link #downloadListener}; independent of how the repository itself is
         * reached. Without it, opening an external file is a {@link ConfigurationException}.
         *
         * @param downloads the external download settings, or {@code null} for none
         * @return this
         */
        public Builder externalDownloads(DownloadSettings downloads) {
            this.externalDownloadSettings = downloads;
            return this;
        }

        /**
         * @param listener receives every download event (proxy and host switches, retries,
         *                 backoffs, failures, successes) of the HTTP downloads
         * @return this
         */
        public Builder downloadListener(DownloadListener listener) {
            this.downloadListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * A disk cache in upstream's layout: objects are read from it first and stored in it
         * after verification, loaded catalogs are pinned, breadcrumbs persist there (unless
         * {@link #breadcrumbs} chose a store), and when no mirror answers for the manifest the
         * revision last read — or the tag or date pinned, resolved in the last history database
         * received — is served from it (offline mode, reported as a {@link RepositoryWarning}).
         * Processes of one machine may share it: a missing object is downloaded under a
         * machine-wide lock, so processes missing it at once fetch it once.
         *
         * @param directory  the cache directory (created when needed)
         * @param quotaBytes the quota in bytes, or -1 for an unmanaged cache
         * @return this
         */
        public Builder diskCache(Path directory, long quotaBytes) {
            this.cacheDirectory = Objects.requireNonNull(directory, "directory");
            this.cacheQuotaBytes = quotaBytes;
            this.cache = null;
            return this;
        }

        /**
         * Where each repository's files come from (module-internal type: the HTTP transport
         * and the disk cache implement it).
         *
         * @param factory repository name to a new transport; the repository closes it
         * @return this
         */
        @SuppressWarnings("exports") // the module-internal seam, for the HTTP transport and the disk cache
        public Builder transportFactory(Function<String, RepositoryTransport> factory) {
            this.transports = Objects.requireNonNull(factory, "factory");
            this.downloadSettings = null;
            this.ownsTransports = true;
            return this;
        }

        /**
         * @param transport the one transport for every repository opened; the caller closes it
         * @return this
         */
        @SuppressWarnings("exports") // the module-internal seam, for the HTTP transport and the disk cache
        public Builder transport(RepositoryTransport transport) {
            Objects.requireNonNull(transport, "transport");
            this.transports = name -> transport;
            this.downloadSettings = null;
            this.ownsTransports = false;
            return this;
        }

        /**
         * Reads a repository from a directory laid out as a Stratum 0 serves it.
         *
         * @param directory the repository directory (holding {@code .cvmfspublished})
         * @return this
         */
        public Builder localRepository(Path directory) {
            Objects.requireNonNull(directory, "directory");
            this.transports = name -> new DirectoryTransport(directory);
            this.downloadSettings = null;
            this.ownsTransports = true;
            return this;
        }

        /**
         * Master public keys, as {@code CVMFS_PUBLIC_KEY} / {@code CVMFS_KEYS_DIR}: each path a
         * PEM key file or a directory whose {@code *.pub} files are all used.
         *
         * @param paths key files and directories
         * @return this
         */
        public Builder publicKeys(List<Path> paths) {
            this.keyPaths = List.copyOf(paths);
            this.keys = null;
            return this;
        }

        /**
         * @param masterKeys master public keys already loaded
         * @return this
         */
        public Builder publicKeys(PublicKey... masterKeys) {
            List<PublicKey> list = List.of(masterKeys);
            List<String> sources = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                sources.add("key #" + (i + 1));
            }
            this.keys = new MasterKeys(list, sources);
            this.keyPaths = List.of();
            return this;
        }

        /**
         * @param clock the time source for the whitelist expiry
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param environment variables for {@code $(VAR)} in symlink targets; an unset variable
         *                    expands to its default or to nothing, as libcvmfs
         * @return this
         */
        public Builder symlinkEnvironment(Map<String, String> environment) {
            this.symlinkEnvironment = Map.copyOf(environment);
            return this;
        }

        /**
         * Where the newest accepted manifest per repository is kept (module-internal type: the
         * disk cache persists it); by default in memory for the client's life.
         *
         * @param store the breadcrumb store
         * @return this
         */
        @SuppressWarnings("exports") // the module-internal seam, for the HTTP transport and the disk cache
        public Builder breadcrumbs(BreadcrumbStore store) {
            this.breadcrumbs = Objects.requireNonNull(store, "store");
            this.breadcrumbsSet = true;
            return this;
        }

        /**
         * @param listener observer of warnings and opened revisions
         * @return this
         */
        public Builder listener(RepositoryListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @param directory where decompressed catalogs live while open (removed on close)
         * @return this
         */
        public Builder workDirectory(Path directory) {
            this.workDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Where repositories are mounted ({@code CVMFS_MOUNT_DIR}): an absolute symlink target
         * below {@code <directory>/<name>} is resolved inside the repository, any other absolute
         * target is outside it.
         *
         * @param directory an absolute path, by default {@code /cvmfs}
         * @return this
         */
        public Builder mountDirectory(String directory) {
            Objects.requireNonNull(directory, "directory");
            if (!directory.startsWith("/")) {
                throw new IllegalArgumentException("the mount directory is an absolute path: " + directory);
            }
            this.mountDirectory = directory.replaceAll("/+$", "");
            return this;
        }

        /**
         * @param revision the revision {@link CvmfsClient#open(String)} opens
         * @return this
         */
        public Builder revision(RevisionPin revision) {
            this.pin = Objects.requireNonNull(revision, "revision");
            return this;
        }

        /** @return the client */
        public CvmfsClient build() {
            if (transports == null && downloadSettings == null) {
                throw new IllegalStateException("set a transport, a transport factory, downloads, a configuration or a local repository");
            }
            if (cacheDirectory != null && cache == null) {
                cache = ObjectCache.open(cacheDirectory, cacheQuotaBytes, clock);
            }
            if (cache != null && !breadcrumbsSet) {
                breadcrumbs = cache;
            }
            return new CvmfsClient(this);
        }
    }
}
