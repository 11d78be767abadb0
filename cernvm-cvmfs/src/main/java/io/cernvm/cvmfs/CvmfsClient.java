package io.cernvm.cvmfs;

import io.cernvm.api.ConfigurationException;
import io.cernvm.api.FaultLocation;
import io.cernvm.cvmfs.internal.transport.DirectoryTransport;
import io.cernvm.cvmfs.internal.transport.RepositoryTransport;
import io.cernvm.cvmfs.internal.trust.BreadcrumbStore;
import io.cernvm.cvmfs.internal.trust.InMemoryBreadcrumbStore;
import io.cernvm.cvmfs.internal.trust.MasterKeys;
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
        if (settings.transports == null) {
            throw new ConfigurationException("no transport configured for " + repository, FaultLocation.atKey("CVMFS_SERVER_URL", null, null));
        }
        MasterKeys keys = settings.keys;
        if (keys == null && !settings.keyPaths.isEmpty()) {
            keys = MasterKeys.load(settings.keyPaths);
        }
        RepositoryTransport transport = settings.transports.apply(repository);
        RepositorySession session = new RepositorySession(repository, transport, settings.ownsTransports, keys, settings.clock,
                settings.breadcrumbs, settings.symlinkEnvironment, settings.listener, settings.workDirectory,
                settings.mountDirectory + "/" + repository);
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
            return b;
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
            if (transports == null) {
                throw new IllegalStateException("set a transport, a transport factory or a local repository");
            }
            return new CvmfsClient(this);
        }
    }
}
