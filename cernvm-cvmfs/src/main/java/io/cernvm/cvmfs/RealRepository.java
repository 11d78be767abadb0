package io.cernvm.cvmfs;

import io.cernvm.api.AllMirrorsFailedException;
import io.cernvm.api.ConfigurationException;
import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import io.cernvm.api.NotFoundException;
import io.cernvm.cvmfs.internal.catalog.CatalogEntry;
import io.cernvm.cvmfs.internal.catalog.CatalogRow;
import io.cernvm.cvmfs.internal.catalog.CatalogTree;
import io.cernvm.cvmfs.internal.catalog.ChunkRow;
import io.cernvm.cvmfs.internal.catalog.RepositoryPath;
import io.cernvm.cvmfs.internal.catalog.SymlinkResolver;
import io.cernvm.cvmfs.internal.catalog.SymlinkTemplate;
import io.cernvm.cvmfs.internal.catalog.XattrBlob;
import io.cernvm.cvmfs.internal.history.HistoryDatabase;
import io.cernvm.cvmfs.internal.object.ContentChannel;
import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.HashAlgorithm;
import io.cernvm.cvmfs.internal.object.ObjectType;
import io.cernvm.cvmfs.internal.transport.ExternalPath;
import io.cernvm.cvmfs.internal.trust.Breadcrumb;
import io.cernvm.cvmfs.internal.trust.ManifestFile;
import io.cernvm.cvmfs.internal.trust.VerifiedManifest;
import io.cernvm.cvmfs.internal.trust.Whitelist;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Repository} over a catalog tree. */
final class RealRepository implements Repository {

    private static final Logger LOG = LoggerFactory.getLogger(RealRepository.class);

    private final RepositorySession session;
    private final CatalogTree tree;
    private final SymlinkResolver links;
    private final ContentHash root;
    private final VerifiedManifest verified;
    private final Tag tag;
    private final List<RepositoryWarning> warnings;
    private volatile boolean closed;

    private RealRepository(RepositorySession session, CatalogTree tree, ContentHash root, VerifiedManifest verified,
                           Tag tag, List<RepositoryWarning> warnings) {
        this.session = session;
        this.tree = tree;
        this.links = new SymlinkResolver(tree, session.symlinkEnvironment, session.mountPath);
        this.root = root;
        this.verified = verified;
        this.tag = tag;
        this.warnings = List.copyOf(warnings);
    }

    /** Opens a revision, applying upstream's precedence root hash > tag > date. */
    static RealRepository open(RepositorySession session, RevisionPin pin) {
        List<RepositoryWarning> warnings = new ArrayList<>();
        ContentHash root = null;
        VerifiedManifest verified = null;
        Tag tag = null;
        if (pin.rootHash() != null) {
            if (pin.tag() != null) {
                warnings.add(lost(session, "CVMFS_REPOSITORY_TAG", pin.tag(), "CVMFS_ROOT_HASH"));
            }
            if (pin.date() != null) {
                warnings.add(lost(session, "CVMFS_REPOSITORY_DATE", pin.date().toString(), "CVMFS_ROOT_HASH"));
            }
            try {
                root = ContentHash.parseWithSuffix(pin.rootHash()).withType(ObjectType.CATALOG);
            } catch (IntegrityException e) {
                throw new ConfigurationException("not a root catalog hash: " + pin.rootHash(),
                        FaultLocation.atKey("CVMFS_ROOT_HASH", null, null), e);
            }
        } else {
            if (pin.tag() != null && pin.date() != null) {
                warnings.add(lost(session, "CVMFS_REPOSITORY_DATE", pin.date().toString(), "CVMFS_REPOSITORY_TAG"));
            }
            try {
                verified = session.manifest();
            } catch (AllMirrorsFailedException e) {
                // offline mode, as the FUSE client keeps serving its cached revision when no mirror answers
                OfflineRevision offline = offlineRevision(session, pin).orElseThrow(() -> e);
                warnings.add(new RepositoryWarning(session.name, null, "offline: no mirror answered (" + e.getMessage()
                        + "); serving " + offline.description() + " from the disk cache"));
                root = offline.root();
                tag = offline.tag();
            }
            if (verified != null && pin.isHead()) {
                root = verified.manifest().rootCatalog();
            } else if (verified != null) {
                String key = pin.tag() != null ? "CVMFS_REPOSITORY_TAG" : "CVMFS_REPOSITORY_DATE";
                HistoryDatabase history = session.history();
                if (history == null) {
                    throw new NotFoundException("the repository has no history database, so " + key + " cannot be used",
                            FaultLocation.atKey(key, null, null));
                }
                tag = pinnedTag(history, pin).orElseThrow(() -> new NotFoundException(pin.tag() != null
                        ? "no tag named '" + pin.tag() + "'" : "no tag at or before " + pin.date(),
                        FaultLocation.atKey(key, null, null)));
                root = ContentHash.parse(tag.rootHash(), ObjectType.CATALOG);
            }
        }
        for (RepositoryWarning w : warnings) {
            LOG.warn("{}: {}", w.repository(), w.message());
            session.listener.warning(w);
        }
        var rootCatalog = session.catalogs.load(root, "");
        CatalogTree tree;
        try {
            tree = new CatalogTree(session.catalogs, rootCatalog);
        } catch (RuntimeException e) {
            rootCatalog.close();
            throw e;
        }
        session.acquire();
        RealRepository r = new RealRepository(session, tree, root, verified, tag, warnings);
        session.listener.opened(session.name, r.revision(), root.toString());
        return r;
    }

    /** The tag a tag or date pin names in a history database. */
    private static Optional<Tag> pinnedTag(HistoryDatabase history, RevisionPin pin) {
        return pin.tag() != null ? history.byName(pin.tag()) : history.atOrBefore(pin.date());
    }

    /** A revision offline mode can serve, with what the warning calls it. */
    private record OfflineRevision(ContentHash root, Tag tag, String description) {
    }

    /**
     * The pinned revision when its root catalog is in the disk cache: for the newest revision
     * the breadcrumb's, for a tag or date pin the tag in the last history database this cache
     * received. A tag missing from that history is not refused here: a mirror may know it, so
     * the caller reports every mirror failing.
     */
    private static Optional<OfflineRevision> offlineRevision(RepositorySession session, RevisionPin pin) {
        if (pin.isHead()) {
            return session.offlineRevision().map(b -> new OfflineRevision(b.rootCatalog(), null, "revision " + b.revision()));
        }
        return session.offlineHistory().flatMap(h -> pinnedTag(h, pin))
                .map(t -> new OfflineRevision(ContentHash.parse(t.rootHash(), ObjectType.CATALOG), t,
                        "tag " + t.name() + " (revision " + t.revision() + ")"))
                .filter(o -> session.cache.contains(o.root()));
    }

    private static RepositoryWarning lost(RepositorySession s, String key, String value, String winner) {
        return new RepositoryWarning(s.name, key, key + "=" + value + " is ignored: " + winner + " takes precedence");
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("repository " + session.name + " is closed");
        }
    }

    @Override
    public String name() {
        return session.name;
    }

    @Override
    public long revision() {
        return tree.root().revision();
    }

    @Override
    public String rootHash() {
        return root.toString();
    }

    @Override
    public Optional<Manifest> manifest() {
        if (verified == null) {
            return Optional.empty();
        }
        ManifestFile m = verified.manifest();
        Map<String, String> fields = new HashMap<>();
        m.fields().forEach((k, v) -> fields.put(String.valueOf(k), v));
        return Optional.of(new Manifest(m.repository(), m.rootCatalog().toString(), m.rootCatalogSize(), m.ttlSeconds(),
                m.revision(), m.certificate().toString(), str(m.history()), str(m.metainfo()),
                m.fields().containsKey('T') ? Instant.ofEpochSecond(m.publishedEpochSeconds()) : null,
                "yes".equals(m.fields().get('G')), fields));
    }

    private static String str(ContentHash h) {
        return h == null ? null : h.toString();
    }

    @Override
    public Optional<TrustStatus> trust() {
        if (verified == null) {
            return Optional.empty();
        }
        Whitelist w = verified.whitelist();
        HashAlgorithm a = w.fingerprints().stream().filter(f -> Whitelist.fingerprintOf(verified.certificate(), f.algorithm()).equals(f))
                .map(ContentHash::algorithm).findFirst().orElse(HashAlgorithm.SHA1);
        return Optional.of(new TrustStatus(Whitelist.fingerprintOf(verified.certificate(), a).toString(),
                verified.certificate().getSubjectX500Principal().getName(), w.expiryHour(), session.keys.sources()));
    }

    @Override
    public Optional<Tag> tag() {
        return Optional.ofNullable(tag);
    }

    @Override
    public List<RepositoryWarning> warnings() {
        return warnings;
    }

    @Override
    public FileAttributes stat(String path) {
        ensureOpen();
        return attributes(links.entry(path, false));
    }

    @Override
    public String resolve(String path) {
        ensureOpen();
        return RepositoryPath.display(links.resolve(path, true));
    }

    @Override
    public boolean exists(String path) {
        ensureOpen();
        try {
            return tree.lookup(links.resolve(path, false)).isPresent();
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Override
    public List<DirectoryEntry> list(String path) {
        ensureOpen();
        CatalogEntry e = links.entry(path, true);
        String dir = e.path();
        if (FileType.fromMode(e.row().mode()) != FileType.DIRECTORY) {
            throw new NotFoundException("not a directory", FaultLocation.atPath(RepositoryPath.display(dir)));
        }
        List<DirectoryEntry> out = new ArrayList<>();
        for (CatalogEntry child : tree.list(dir)) {
            out.add(new DirectoryEntry(child.row().name(), attributes(child)));
        }
        return List.copyOf(out);
    }

    @Override
    public SeekableByteChannel open(String path) {
        ensureOpen();
        CatalogEntry e = links.entry(path, true);
        String p = e.path();
        CatalogRow row = e.row();
        String shown = RepositoryPath.display(p);
        if (FileType.fromMode(row.mode()) != FileType.FILE) {
            throw new NotFoundException("not a regular file", FaultLocation.atPath(shown));
        }
        boolean external = row.has(CatalogRow.FLAG_EXTERNAL);
        if (external && session.externalObjects == null) {
            throw new ConfigurationException("'" + shown + "' is external data and CVMFS_EXTERNAL_URL is not set",
                    FaultLocation.atKey("CVMFS_EXTERNAL_URL", null, null).withPath(shown));
        }
        // external data: CVMFS_EXTERNAL_URL + the repository path, chunks by byte range (fetch.cc)
        String externalPath = external ? ExternalPath.encode(p) : null;
        List<ContentChannel.Segment> segments = new ArrayList<>();
        if (row.has(CatalogRow.FLAG_CHUNKED)) {
            for (ChunkRow c : chunks(e)) {
                segments.add(new ContentChannel.Segment(c.offset(), c.size(), c.hash(), row.compression(), externalPath,
                        external));
            }
            if (segments.isEmpty() && row.hash() == null) {
                throw new IntegrityException("chunked file has neither chunks nor a hash", FaultLocation.atPath(shown));
            }
        }
        if (segments.isEmpty()) {
            if (row.hash() == null) {
                throw new IntegrityException("regular file has no content hash", FaultLocation.atPath(shown));
            }
            segments.add(new ContentChannel.Segment(0, row.size(), row.hash(), row.compression(), externalPath, false));
        }
        return new ContentChannel(external ? session.externalObjects : session.objects, segments, row.size(), shown);
    }

    @Override
    public byte[] readAllBytes(String path) {
        try (SeekableByteChannel ch = open(path)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("file too large for one array: " + size);
            }
            ByteBuffer b = ByteBuffer.allocate((int) size);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // read until full
            }
            return b.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String readlink(String path) {
        ensureOpen();
        CatalogEntry e = links.entry(path, false);
        String p = e.path();
        CatalogRow row = e.row();
        if (FileType.fromMode(row.mode()) != FileType.SYMLINK) {
            throw new NotFoundException("not a symbolic link", FaultLocation.atPath(RepositoryPath.display(p)));
        }
        return SymlinkTemplate.expand(row.symlink(), session.symlinkEnvironment);
    }

    @Override
    public Map<String, byte[]> xattrs(String path) {
        ensureOpen();
        CatalogEntry e = links.entry(path, false);
        String p = e.path();
        Map<String, byte[]> parsed = XattrBlob.parse(e.row().xattr(), FaultLocation.atPath(RepositoryPath.display(p)));
        Map<String, byte[]> copy = new java.util.LinkedHashMap<>();
        parsed.forEach((k, v) -> copy.put(k, v.clone()));
        return java.util.Collections.unmodifiableMap(copy);
    }

    @Override
    public List<Tag> tags() {
        ensureOpen();
        HistoryDatabase h = session.history();
        return h == null ? List.of() : h.tags();
    }

    @Override
    public Repository at(RevisionPin pin) {
        ensureOpen();
        return open(session, pin);
    }

    private List<ChunkRow> chunks(CatalogEntry e) {
        return e.catalog().chunks(e.row().path(), e.row().hash() != null ? e.row().hash().algorithm()
                : io.cernvm.cvmfs.internal.object.HashAlgorithm.fromCatalogFlags(e.row().flags()).orElseThrow());
    }

    private FileAttributes attributes(CatalogEntry e) {
        CatalogRow row = e.row();
        FileType type = FileType.fromMode(row.mode());
        String raw = type == FileType.SYMLINK ? row.symlink() : null;
        String target = raw == null ? null : SymlinkTemplate.expand(raw, session.symlinkEnvironment);
        long size = switch (type) {
            case SYMLINK -> target.getBytes(StandardCharsets.UTF_8).length;
            case CHARACTER_DEVICE, BLOCK_DEVICE -> 0;
            default -> row.size();
        };
        int chunks = 0;
        String checksum = null;
        boolean external = type == FileType.FILE && row.has(CatalogRow.FLAG_EXTERNAL);
        if (type == FileType.FILE) {
            chunks = 1;
            checksum = row.hash() == null ? null : row.hash().toString();
            if (row.has(CatalogRow.FLAG_CHUNKED)) {
                List<ChunkRow> list = chunks(e);
                chunks = list.size();
                if (checksum == null) {
                    checksum = artificialHash(row, list);
                }
            }
        }
        String fileKey = e.catalog().hash() + (row.hardlinkGroup() > 0 ? "#g" + row.hardlinkGroup()
                : "#" + HexFormat.of().formatHex(row.path().toDigest()));
        return new FileAttributes(RepositoryPath.display(e.path()), type, row.mode(), Math.max(1, row.linkCount()),
                row.uid(), row.gid(), size, Instant.ofEpochSecond(row.mtime(), Math.max(0, row.mtimeNanos())), chunks,
                row.hash() == null ? null : row.hash().toString(), checksum, raw, target, row.hardlinkGroup(), fileKey,
                RepositoryPath.display(e.catalog().mountpoint()), row.has(CatalogRow.FLAG_NESTED_MOUNTPOINT), external,
                external ? externalUrl(e.path()) : null);
    }

    /** Upstream's {@code user.external_url}: the file on the external host now in use, when one is configured. */
    private String externalUrl(String path) {
        if (session.externalObjects == null) {
            return null;
        }
        try {
            return session.externalObjects.transport().locate(ExternalPath.encode(path)).urlIfAny().map(URI::toString)
                    .orElse(null);
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /** libcvmfs's hash of a bulk-less chunked file: over its chunks' raw digests ({@code file_chunk.cc}). */
    private static String artificialHash(CatalogRow row, List<ChunkRow> chunks) {
        HashAlgorithm a = HashAlgorithm.fromCatalogFlags(row.flags()).orElseThrow();
        HashAlgorithm.Hasher h = a.newHasher();
        chunks.forEach(c -> h.update(c.hash().digest()));
        return new ContentHash(a, h.finish(), ObjectType.FILE).toString();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        tree.close();
        session.release();
    }
}
