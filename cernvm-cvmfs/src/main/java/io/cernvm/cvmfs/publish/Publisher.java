package io.cernvm.cvmfs.publish;

import io.cernvm.api.ConfigurationException;
import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import io.cernvm.api.TrustException;
import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.HashAlgorithm;
import io.cernvm.cvmfs.internal.object.ObjectType;
import io.cernvm.cvmfs.internal.publish.CatalogTreeWriter;
import io.cernvm.cvmfs.internal.publish.DirtabRules;
import io.cernvm.cvmfs.internal.publish.FileIngester;
import io.cernvm.cvmfs.internal.publish.HashForms;
import io.cernvm.cvmfs.internal.publish.HistoryWriter;
import io.cernvm.cvmfs.internal.publish.HistoryRow;
import io.cernvm.cvmfs.internal.publish.ManifestState;
import io.cernvm.cvmfs.internal.publish.ObjectStore;
import io.cernvm.cvmfs.internal.publish.ReflogDatabase;
import io.cernvm.cvmfs.internal.publish.RepositoryStorage;
import io.cernvm.cvmfs.internal.publish.StorageLock;
import io.cernvm.cvmfs.internal.publish.TreeNode;
import io.cernvm.cvmfs.internal.publish.TreeScanner;
import io.cernvm.cvmfs.internal.publish.WrittenCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Publishes directory trees as revisions of a signed CernVM-FS repository in a local directory
 * (the one a Stratum 0 web server serves as {@code /cvmfs/<fqrn>/}), as {@code cvmfs_server
 * mkfs} and {@code publish} do.
 *
 * <p>The first publish into an empty or absent directory creates the repository: the empty
 * revision-0 catalog, the whitelist, then revision 1. Each later publish reads the current
 * manifest (which must be signed by these keys) and writes the next revision from the complete
 * new tree: additions, changes, deletions and type changes all follow from comparing nothing but
 * the tree, and unchanged content is deduplicated by its hash.
 *
 * <p>Every input problem is reported before anything is written: an unreadable file or a name a
 * catalog cannot hold ({@link IntegrityException}, with the path), keys that do not match the
 * repository ({@link TrustException}), an existing or reserved tag name
 * ({@link ConfigurationException}). Objects are written first, the reflog next and the manifest
 * last, each by an atomic rename after fsync, so a reader never sees a manifest whose objects
 * are missing and a crash leaves the previous revision in place. One publisher at a time may
 * work on a directory (a lock in {@code data/txn} enforces it).
 *
 * <pre>{@code
 * RepositoryKeys keys = RepositoryKeys.generate("demo.example.org", Clock.systemUTC());
 * Publisher p = Publisher.builder().keys(keys).storage(Path.of("/srv/cvmfs/demo.example.org")).build();
 * PublishResult r = p.publish(Path.of("tree"), "v1.0", "first release");
 * }</pre>
 */
public final class Publisher {
    private static final Pattern TAG_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:+-]{0,254}");
    private static final DateTimeFormatter GENERIC =
            DateTimeFormatter.ofPattern("'generic-'yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERIC_MILLIS =
            DateTimeFormatter.ofPattern("'generic-'yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final RepositoryKeys keys;
    private final Path storage;
    private final Clock clock;
    private final ContentHashAlgorithm hashAlgorithm;
    private final ChunkingSettings chunking;
    private final Duration ttl;
    private final Duration whitelistValidity;
    private final String metaInfoJson;
    private final Integer uid;
    private final Integer gid;
    private final boolean nanosecondMtimes;
    private final boolean replicable;
    private final int ingestThreads;
    private final boolean externalData;

    private Publisher(Builder b) {
        this.keys = Objects.requireNonNull(b.keys, "keys");
        this.storage = Objects.requireNonNull(b.storage, "storage");
        this.clock = b.clock;
        this.hashAlgorithm = b.hashAlgorithm;
        this.chunking = b.chunking;
        this.ttl = b.ttl;
        this.whitelistValidity = b.whitelistValidity;
        this.metaInfoJson = b.metaInfoJson;
        this.uid = b.uid;
        this.gid = b.gid;
        this.nanosecondMtimes = b.nanosecondMtimes;
        this.replicable = b.replicable;
        this.ingestThreads = b.ingestThreads;
        this.externalData = b.externalData;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the repository name (the keys') */
    public String fqrn() {
        return keys.fqrn();
    }

    /** @return the repository directory */
    public Path storage() {
        return storage;
    }

    /** @return the current revision number, or empty when nothing has been published yet */
    public Optional<Long> currentRevision() {
        return repository().current(keys.certificate().getPublicKey()).map(ManifestState::revision);
    }

    /** @return an editor for this repository's tags */
    public TagEditor tags() {
        return new TagEditor(this);
    }

    /**
     * Publishes a tree as the next revision with an automatic {@code generic-<UTC time>} tag.
     *
     * @param tree the directory whose content becomes the repository's
     * @return what was published
     */
    public PublishResult publish(Path tree) {
        return publish(tree, null, "");
    }

    /**
     * Publishes a tree as the next revision with a named tag.
     *
     * @param tree        the directory whose content becomes the repository's
     * @param tagName     the tag, or {@code null} for an automatic {@code generic-…} tag
     * @param description the tag's description ({@code null} or {@code ""} for none)
     * @return what was published
     */
    public PublishResult publish(Path tree, String tagName, String description) {
        Objects.requireNonNull(tree, "tree");
        if (tagName != null) {
            checkTagName(tagName);
        }
        RepositoryStorage repo = repository();
        Optional<ManifestState> current = repo.current(keys.certificate().getPublicKey());
        boolean needWhitelist = whitelistNeeded(repo);
        if (tagName != null && current.isPresent() && tags().find(tagName).isPresent()) {
            throw new ConfigurationException("tag '" + tagName + "' already exists", FaultLocation.atKey(tagName, null, null));
        }
        TreeNode root = new TreeScanner(uid, gid).scan(tree);
        DirtabRules dirtab = DirtabRules.of(root);
        try (StorageLock lock = lock()) {
            HashAlgorithm algorithm = HashForms.of(hashAlgorithm);
            ObjectStore store = new ObjectStore(storage, algorithm);
            store.prepare();
            Instant now = clock.instant();
            long ts = Math.max(now.getEpochSecond(), current.map(ManifestState::timestamp).orElse(0L));
            return withHistory(repo, current, history -> {
                String tag = tagName != null ? tagName : genericName(now, history);
                if (tagName != null && history.find(tagName).isPresent()) {
                    throw new ConfigurationException("tag '" + tagName + "' already exists", FaultLocation.atKey(tagName, null, null));
                }
                List<RepositoryStorage.Ref> refs = new ArrayList<>();
                long revision;
                ContentHash previousRoot;
                Map<String, String> previousNested;
                FileIngester ingester = new FileIngester(store, chunking, externalData);
                if (current.isEmpty()) {
                    CatalogTreeWriter first = new CatalogTreeWriter(store, ingester, repo.workDir(),
                            new CatalogTreeWriter.Revision(0, ts, ttl.toSeconds(), nanosecondMtimes, null, Map.of()),
                            dirtab::matches, ingestThreads);
                    WrittenCatalog empty = first.writeEmptyRoot(root);
                    refs.add(new RepositoryStorage.Ref(empty.hash().toString(), ReflogDatabase.CATALOG));
                    revision = 1;
                    previousRoot = empty.hash();
                    previousNested = Map.of();
                } else {
                    revision = current.get().revision() + 1;
                    previousRoot = current.get().rootCatalog();
                    previousNested = repo.nestedCatalogs(previousRoot);
                }
                WrittenCatalog rootCatalog = new CatalogTreeWriter(store, ingester, repo.workDir(),
                        new CatalogTreeWriter.Revision(revision, ts, ttl.toSeconds(), nanosecondMtimes, previousRoot,
                                previousNested), dirtab::matches, ingestThreads).write(root);
                String rootHash = rootCatalog.hash().toString();
                history.put(new HistoryRow(tag, rootHash, revision, ts, description, rootCatalog.size()));
                moveTrunk(history, new HistoryRow(HistoryWriter.TRUNK, rootHash, revision, ts,
                        HistoryWriter.TRUNK_DESCRIPTION, rootCatalog.size()));
                refs.add(new RepositoryStorage.Ref(rootHash, ReflogDatabase.CATALOG));
                return new Commit(rootCatalog.hash(), rootCatalog.size(), revision, ts, refs, needWhitelist,
                        new PublishResult(revision, rootHash, rootCatalog.size(), tag, Instant.ofEpochSecond(ts), 0, 0),
                        store);
            });
        } catch (IOException e) {
            throw new IntegrityException("publishing failed: " + e.getMessage(), FaultLocation.atPath(storage.toString()), e);
        }
    }

    /**
     * Re-signs the whitelist with the master key, valid from now for {@code validity}, as
     * {@code cvmfs_server resign} does.
     *
     * @param validity how long the new whitelist stays valid
     */
    public void resignWhitelist(Duration validity) {
        try (StorageLock lock = lock()) {
            repository().writeWhitelist(keys.signWhitelist(clock.instant(), validity, hashAlgorithm));
        } catch (IOException e) {
            throw new IntegrityException("cannot write the whitelist: " + e.getMessage(),
                    FaultLocation.atPath(storage.toString()), e);
        }
    }

    // --- shared with TagEditor -------------------------------------------------------------

    /** What a history edit produces for the final, common commit steps. */
    record Commit(ContentHash root, long rootSize, long revision, long timestamp, List<RepositoryStorage.Ref> refs,
            boolean writeWhitelist, PublishResult result, ObjectStore store) {
    }

    /** An edit of the history database that yields the commit to write. */
    interface HistoryEdit {
        Commit apply(HistoryWriter history) throws IOException, SQLException;
    }

    RepositoryStorage repository() {
        return new RepositoryStorage(storage, keys.fqrn());
    }

    RepositoryKeys keys() {
        return keys;
    }

    Clock clock() {
        return clock;
    }

    ContentHashAlgorithm hashAlgorithm() {
        return hashAlgorithm;
    }

    StorageLock lock() throws IOException {
        return StorageLock.acquire(storage);
    }

    /**
     * Opens (a copy of) the current history, lets {@code edit} change it, then stores it and
     * commits: history object, certificate, meta-info, whitelist if needed, reflog, manifest.
     */
    PublishResult withHistory(RepositoryStorage repo, Optional<ManifestState> current, HistoryEdit edit)
            throws IOException {
        String fqrn = keys.fqrn();
        Path historyFile;
        HistoryWriter history;
        try {
            if (current.isPresent() && current.get().history() != null) {
                historyFile = repo.inflateToFile(current.get().history(), "history.db");
                history = HistoryWriter.open(historyFile);
            } else {
                historyFile = repo.workDir().resolve("publish-" + ProcessHandle.current().pid() + "-history.db");
                Files.deleteIfExists(historyFile);
                history = HistoryWriter.create(historyFile, fqrn);
            }
        } catch (SQLException e) {
            throw new IntegrityException("cannot open the history database: " + e.getMessage(),
                    FaultLocation.atPath(storage.toString()), e);
        }
        try {
            Commit c;
            try {
                c = edit.apply(history);
                current.ifPresent(m -> {
                    if (m.history() != null) {
                        try {
                            history.setProperty("previous_revision", m.history().toString());
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
            } finally {
                history.close();
            }
            ObjectStore store = c.store();
            ContentHash historyHash = store.put(Files.readAllBytes(historyFile), ObjectType.HISTORY);
            ContentHash certificate = store.put(keys.certificatePem(), ObjectType.CERTIFICATE);
            ContentHash metaInfo;
            if (metaInfoJson != null) {
                metaInfo = store.put(RepositoryStorage.metaInfoBytes(metaInfoJson), ObjectType.METAINFO);
            } else if (current.isPresent() && current.get().metaInfo() != null) {
                metaInfo = current.get().metaInfo();
            } else {
                metaInfo = store.put(RepositoryStorage.metaInfoBytes(RepositoryStorage.defaultMetaInfo(fqrn)),
                        ObjectType.METAINFO);
            }
            store.sync(); // every object durable before the reflog and manifest name them
            if (replicable) {
                repo.markReplicable();
            }
            if (c.writeWhitelist()) {
                repo.writeWhitelist(keys.signWhitelist(clock.instant(), whitelistValidity, hashAlgorithm));
            }
            List<RepositoryStorage.Ref> refs = new ArrayList<>(c.refs());
            refs.add(new RepositoryStorage.Ref(certificate.toString(), ReflogDatabase.CERTIFICATE));
            refs.add(new RepositoryStorage.Ref(historyHash.toString(), ReflogDatabase.HISTORY));
            refs.add(new RepositoryStorage.Ref(metaInfo.toString(), ReflogDatabase.METAINFO));
            String reflog = repo.updateReflog(refs, c.timestamp(), HashForms.of(hashAlgorithm));
            ManifestState manifest = new ManifestState(c.root(), c.rootSize(), ttl.toSeconds(), c.revision(), fqrn,
                    certificate, historyHash, c.timestamp(), metaInfo, reflog);
            repo.writeManifest(keys.signManifest(manifest.text(), hashAlgorithm));
            PublishResult r = c.result();
            return new PublishResult(r.revision(), r.rootHash(), r.rootCatalogSize(), r.tag(), r.timestamp(),
                    store.written(), store.deduplicated());
        } catch (SQLException e) {
            throw new IntegrityException("catalog or history database failure: " + e.getMessage(),
                    FaultLocation.atPath(storage.toString()), e);
        } finally {
            Files.deleteIfExists(historyFile);
        }
    }

    static void moveTrunk(HistoryWriter history, HistoryRow newTrunk) throws SQLException {
        Optional<HistoryRow> old = history.find(HistoryWriter.TRUNK);
        if (old.isPresent()) {
            HistoryRow t = old.get();
            history.put(new HistoryRow(HistoryWriter.TRUNK_PREVIOUS, t.hash(), t.revision(), t.timestamp(),
                    HistoryWriter.TRUNK_PREVIOUS_DESCRIPTION, t.size()));
        }
        history.put(newTrunk);
    }

    static void checkTagName(String name) {
        if (!TAG_NAME.matcher(name).matches()) {
            throw new ConfigurationException("tag name '" + name + "' is not allowed (letters, digits, . _ : + -)",
                    FaultLocation.atKey(name, null, null));
        }
        if (name.equals(HistoryWriter.TRUNK) || name.equals(HistoryWriter.TRUNK_PREVIOUS)) {
            throw new ConfigurationException("tag '" + name + "' is maintained automatically and cannot be set",
                    FaultLocation.atKey(name, null, null));
        }
    }

    private static String genericName(Instant now, HistoryWriter history) throws SQLException {
        String name = GENERIC.format(now);
        if (history.find(name).isPresent()) {
            // Upstream adds milliseconds when seconds are not enough (repository_tag.cc).
            name = GENERIC_MILLIS.format(now);
        }
        String base = name;
        for (int i = 2; history.find(name).isPresent(); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    /**
     * A whitelist must be written by the first publish, and one that does not list this
     * certificate means the keys are not the repository's.
     */
    private boolean whitelistNeeded(RepositoryStorage repo) {
        Optional<String> text;
        try {
            text = repo.whitelistText();
        } catch (IOException e) {
            throw new TrustException("cannot read the whitelist: " + e.getMessage(),
                    FaultLocation.atPath(repo.dir().resolve(RepositoryStorage.WHITELIST).toString()), e);
        }
        if (text.isEmpty()) {
            if (!keys.hasMasterKey()) {
                throw new TrustException("the repository has no whitelist and the master key is absent",
                        FaultLocation.atPath(storage.toString()));
            }
            return true;
        }
        for (ContentHashAlgorithm a : ContentHashAlgorithm.values()) {
            if (text.get().lines().anyMatch(l -> l.startsWith(keys.certificateFingerprint(a)))) {
                return false;
            }
        }
        throw new TrustException("the whitelist does not list this certificate (the keys do not match the repository)",
                FaultLocation.atPath(repo.dir().resolve(RepositoryStorage.WHITELIST).toString()));
    }

    /** Settings for a {@link Publisher}; keys and storage are required. */
    public static final class Builder {
        private RepositoryKeys keys;
        private Path storage;
        private Clock clock = Clock.systemUTC();
        private ContentHashAlgorithm hashAlgorithm = ContentHashAlgorithm.SHA1;
        private ChunkingSettings chunking = ChunkingSettings.DEFAULT;
        private Duration ttl = Duration.ofSeconds(240);
        private Duration whitelistValidity = RepositoryKeys.DEFAULT_WHITELIST_VALIDITY;
        private String metaInfoJson;
        private Integer uid;
        private Integer gid;
        private boolean nanosecondMtimes;
        private boolean replicable;
        private int ingestThreads = Runtime.getRuntime().availableProcessors();
        private boolean externalData;

        private Builder() {
        }

        /** @param keys the repository's keys (they name the repository); @return this */
        public Builder keys(RepositoryKeys keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** @param storage the repository directory (holding {@code .cvmfspublished} and {@code data/}); @return this */
        public Builder storage(Path storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /** @param clock the time source for timestamps, tags and the whitelist; @return this */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @param algorithm the content hash (default SHA-1); @return this */
        public Builder hashAlgorithm(ContentHashAlgorithm algorithm) {
            this.hashAlgorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /** @param chunking chunking settings (default on, 4/8/16 MiB); @return this */
        public Builder chunking(ChunkingSettings chunking) {
            this.chunking = Objects.requireNonNull(chunking, "chunking");
            return this;
        }

        /** @param ttl the catalog TTL (manifest {@code D}, default 240 s); @return this */
        public Builder ttl(Duration ttl) {
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("ttl must be positive");
            }
            this.ttl = ttl;
            return this;
        }

        /** @param validity validity of a whitelist the publisher writes (default 30 days); @return this */
        public Builder whitelistValidity(Duration validity) {
            if (validity.isNegative() || validity.isZero()) {
                throw new IllegalArgumentException("whitelist validity must be positive");
            }
            this.whitelistValidity = validity;
            return this;
        }

        /**
         * @param json the repository meta-info JSON object (manifest {@code M}); by default the
         *             previous revision's, or a template for a new repository
         * @return this
         */
        public Builder metaInfoJson(String json) {
            String t = Objects.requireNonNull(json, "json").strip();
            if (!t.startsWith("{") || !t.endsWith("}")) {
                throw new IllegalArgumentException("meta-info must be a JSON object");
            }
            this.metaInfoJson = json;
            return this;
        }

        /**
         * Publishes every entry with this owner instead of the tree's.
         *
         * @param uid the owner
         * @param gid the group
         * @return this
         */
        public Builder owner(int uid, int gid) {
            this.uid = uid;
            this.gid = gid;
            return this;
        }

        /**
         * @param enabled whether to fill the {@code mtimens} column (off by default, as upstream)
         * @return this
         */
        public Builder nanosecondMtimes(boolean enabled) {
            this.nanosecondMtimes = enabled;
            return this;
        }

        /**
         * @param enabled whether to write the empty {@code .cvmfs_master_replica} marker that lets
         *                Stratum 1s replicate the repository ({@code cvmfs_server mkfs -m})
         * @return this
         */
        public Builder replicable(boolean enabled) {
            this.replicable = enabled;
            return this;
        }

        /**
         * How many files are compressed, hashed and stored at once (default: the processors
         * available). The result does not depend on it: the same tree gives the same catalogs
         * and objects with one thread or many.
         *
         * @param threads at least 1
         * @return this
         */
        public Builder ingestThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("ingest threads must be at least 1");
            }
            this.ingestThreads = threads;
            return this;
        }

        /**
         * Makes every regular file external, as upstream's {@code CVMFS_EXTERNAL_DATA=true}
         * ({@code cvmfs_server mkfs -X -Z none}): its row carries the external flag and "no
         * compression", its content hash (and each chunk's) is over the plain bytes, and its
         * content is not written to {@code data/} — the operator serves the published tree
         * itself, laid out by repository path, at the clients' {@code CVMFS_EXTERNAL_URL}.
         *
         * @param enabled whether files are external (default {@code false})
         * @return this
         */
        public Builder externalData(boolean enabled) {
            this.externalData = enabled;
            return this;
        }

        /** @return the publisher */
        public Publisher build() {
            return new Publisher(this);
        }
    }
}
