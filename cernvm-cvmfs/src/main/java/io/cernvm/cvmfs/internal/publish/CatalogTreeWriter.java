package io.cernvm.cvmfs.internal.publish;

import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.ObjectType;
import io.cernvm.cvmfs.internal.object.PathHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Writes the catalogs of one revision from a scanned tree: file contents first, then each
 * nested catalog before the catalog that references it, the root catalog last. Rows, flags,
 * hard-link groups, nested-catalog transition points, properties and statistics follow
 * upstream's {@code catalog_sql.cc} and {@code catalog_rw.cc} as seen in a 2.12 repository.
 */
public final class CatalogTreeWriter {
    /** The marker file that makes its directory a nested catalog. */
    public static final String NESTED_MARKER = ".cvmfscatalog";

    /** Settings of one revision's catalogs. */
    public record Revision(long number, long timestamp, long ttlSeconds, boolean nanosecondMtimes,
            ContentHash previousRoot, Map<String, String> previousNested) {
        /** Copies the map. */
        public Revision {
            previousNested = Map.copyOf(previousNested);
        }
    }

    private final ObjectStore store;
    private final FileIngester ingester;
    private final Path workDir;
    private final Revision revision;
    private final Predicate<TreeNode> extraNestedRoots;
    private final int ingestThreads;
    private IngestQueue queue;
    private int tempCounter;

    /**
     * @param store            the object store
     * @param ingester         turns files into objects
     * @param workDir          where catalog files are built
     * @param revision         revision settings
     * @param extraNestedRoots directories that become nested catalogs without a marker ({@code .cvmfsdirtab})
     * @param ingestThreads    how many files are turned into objects at once
     */
    public CatalogTreeWriter(ObjectStore store, FileIngester ingester, Path workDir, Revision revision,
            Predicate<TreeNode> extraNestedRoots, int ingestThreads) {
        if (ingestThreads < 1) {
            throw new IllegalArgumentException("ingestThreads must be at least 1");
        }
        this.store = store;
        this.ingester = ingester;
        this.workDir = workDir;
        this.revision = revision;
        this.extraNestedRoots = extraNestedRoots;
        this.ingestThreads = ingestThreads;
    }

    /** @return whether a directory starts a nested catalog */
    public boolean isNestedRoot(TreeNode dir) {
        if (dir.kind() != TreeNode.Kind.DIRECTORY || dir.repoPath().isEmpty()) {
            return false;
        }
        TreeNode marker = dir.child(NESTED_MARKER);
        return (marker != null && marker.kind() == TreeNode.Kind.FILE) || extraNestedRoots.test(dir);
    }

    /**
     * Writes every catalog of the tree; returns the root catalog. File contents are ingested on
     * {@code ingestThreads} threads while the catalogs are filled in tree order.
     */
    public WrittenCatalog write(TreeNode root) throws IOException, SQLException {
        try (IngestQueue q = new IngestQueue(ingester, ingestThreads)) {
            queue = q;
            q.submitAll(root);
            return writeCatalog(root, true);
        } finally {
            queue = null;
        }
    }

    /**
     * Writes the empty revision-0 root catalog that {@code cvmfs_server mkfs} creates: the root
     * directory only, no TTL and no previous revision.
     */
    public WrittenCatalog writeEmptyRoot(TreeNode root) throws IOException, SQLException {
        Path file = newTempFile();
        CatalogCounters counters = new CatalogCounters();
        try (CatalogDatabase db = new CatalogDatabase(file)) {
            db.add(directoryRow(root, PathHash.ROOT_PARENT, CatalogInsert.FLAG_DIR, 0));
            counters.add("dir", 1);
            Map<String, String> p = new LinkedHashMap<>();
            p.put("schema", CatalogDatabase.SCHEMA);
            p.put("schema_revision", Integer.toString(CatalogDatabase.SCHEMA_REVISION));
            p.put("revision", "0");
            p.put("last_modified", Long.toString(revision.timestamp()));
            db.setProperties(p);
            db.setCounters(counters);
        }
        return store(file, counters);
    }

    private WrittenCatalog writeCatalog(TreeNode top, boolean repositoryRoot) throws IOException, SQLException {
        Path file = newTempFile();
        CatalogCounters counters = new CatalogCounters();
        try (CatalogDatabase db = new CatalogDatabase(file)) {
            PathHash parent = repositoryRoot ? PathHash.ROOT_PARENT : PathHash.of(parentPath(top.repoPath()));
            int flags = repositoryRoot ? CatalogInsert.FLAG_DIR : CatalogInsert.FLAG_DIR | CatalogInsert.FLAG_NESTED_ROOT;
            db.add(directoryRow(top, parent, flags, subdirectories(top)));
            count(counters, top);
            writeChildren(db, counters, top);
            Map<String, String> p = new LinkedHashMap<>();
            p.put("schema", CatalogDatabase.SCHEMA);
            p.put("schema_revision", Integer.toString(CatalogDatabase.SCHEMA_REVISION));
            if (repositoryRoot) {
                p.put("TTL", Long.toString(revision.ttlSeconds()));
            } else {
                p.put("root_prefix", top.repoPath());
            }
            p.put("last_modified", Long.toString(revision.timestamp()));
            p.put("revision", Long.toString(revision.number()));
            String previous = repositoryRoot
                    ? (revision.previousRoot() == null ? null : revision.previousRoot().toString())
                    : revision.previousNested().getOrDefault(top.repoPath(),
                            "0".repeat(2 * store.algorithm().digestLength()) + store.algorithm().id());
            if (previous != null) {
                p.put("previous_revision", previous);
            }
            db.setProperties(p);
            db.setCounters(counters);
        }
        return store(file, counters);
    }

    private WrittenCatalog store(Path file, CatalogCounters counters) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);
        return new WrittenCatalog(store.put(bytes, ObjectType.CATALOG), bytes.length, counters);
    }

    private Path newTempFile() {
        return workDir.resolve("publish-catalog-" + ProcessHandle.current().pid() + "-" + (++tempCounter) + ".db");
    }

    private void writeChildren(CatalogDatabase db, CatalogCounters counters, TreeNode dir)
            throws IOException, SQLException {
        PathHash parentKey = PathHash.of(dir.repoPath());
        Map<Object, Long> linkCount = new HashMap<>();
        for (TreeNode c : dir.children()) {
            if (c.kind() == TreeNode.Kind.FILE && c.inode() != null) {
                linkCount.merge(c.inode(), 1L, Long::sum);
            }
        }
        Map<Object, Long> groups = new HashMap<>();
        for (TreeNode c : dir.children()) {
            switch (c.kind()) {
                case DIRECTORY -> {
                    if (isNestedRoot(c)) {
                        WrittenCatalog nested = writeCatalog(c, false);
                        db.add(directoryRow(c, parentKey, CatalogInsert.FLAG_DIR | CatalogInsert.FLAG_NESTED_MOUNTPOINT,
                                subdirectories(c)));
                        db.addNested(c.repoPath(), nested.hash().toString(), nested.size());
                        count(counters, c);
                        counters.add("nested", 1);
                        counters.addNested(nested.counters());
                    } else {
                        db.add(directoryRow(c, parentKey, CatalogInsert.FLAG_DIR, subdirectories(c)));
                        count(counters, c);
                        writeChildren(db, counters, c);
                    }
                }
                case FILE -> {
                    long hardlinks = 1;
                    if (c.inode() != null && linkCount.get(c.inode()) > 1) {
                        // Groups are catalog-local and only within one directory, as upstream's sync.
                        long group = groups.computeIfAbsent(c.inode(), k -> nextGroup(counters));
                        hardlinks = (group << 32) | linkCount.get(c.inode());
                    }
                    IngestedFile f = queue.take(c);
                    int flags = CatalogInsert.FLAG_FILE | (f.chunked() ? CatalogInsert.FLAG_CHUNKED : 0)
                            | (f.external() ? CatalogInsert.FLAG_EXTERNAL | CatalogInsert.COMPRESSION_NONE : 0)
                            | (store.algorithm().catalogCode() << CatalogInsert.HASH_ALGORITHM_SHIFT);
                    CatalogInsert row = new CatalogInsert(PathHash.of(c.repoPath()), parentKey, hardlinks,
                            f.chunked() ? null : f.whole().digest(), f.size(), c.mode(), c.mtime(), nanos(c), flags,
                            c.name(), "", c.uid(), c.gid(), XattrBlobWriter.encode(c.xattrs()));
                    db.add(row);
                    for (FileChunk chunk : f.chunks()) {
                        db.addChunk(row, chunk);
                    }
                    count(counters, c);
                    counters.add("regular", 1);
                    counters.add("file_size", f.size());
                    if (f.chunked()) {
                        counters.add("chunked", 1);
                        counters.add("chunks", f.chunks().size());
                        counters.add("chunked_size", f.size());
                    }
                    if (f.external()) {
                        counters.add("external", 1);
                        counters.add("external_file_size", f.size());
                    }
                }
                case SYMLINK -> {
                    db.add(new CatalogInsert(PathHash.of(c.repoPath()), parentKey, 1, null, c.size(), c.mode(), c.mtime(),
                            nanos(c), CatalogInsert.FLAG_FILE | CatalogInsert.FLAG_LINK, c.name(), c.symlink(), c.uid(),
                            c.gid(), XattrBlobWriter.encode(c.xattrs())));
                    count(counters, c);
                    counters.add("symlink", 1);
                }
                case SPECIAL -> {
                    db.add(new CatalogInsert(PathHash.of(c.repoPath()), parentKey, 1, null, c.size(), c.mode(), c.mtime(),
                            nanos(c), CatalogInsert.FLAG_FILE | CatalogInsert.FLAG_SPECIAL, c.name(), "", c.uid(), c.gid(),
                            XattrBlobWriter.encode(c.xattrs())));
                    count(counters, c);
                    counters.add("special", 1);
                }
                default -> throw new IllegalStateException(c.kind().toString());
            }
        }
    }

    private final Map<CatalogCounters, long[]> groupCounters = new HashMap<>();

    private long nextGroup(CatalogCounters catalog) {
        long[] n = groupCounters.computeIfAbsent(catalog, k -> new long[1]);
        return ++n[0];
    }

    private static void count(CatalogCounters counters, TreeNode n) {
        if (n.kind() == TreeNode.Kind.DIRECTORY) {
            counters.add("dir", 1);
        }
        if (n.hasXattrs()) {
            counters.add("xattr", 1);
        }
    }

    private CatalogInsert directoryRow(TreeNode d, PathHash parent, int flags, long subdirectories) {
        return new CatalogInsert(PathHash.of(d.repoPath()), parent, 2 + subdirectories, null, d.size(), d.mode(), d.mtime(),
                nanos(d), flags, d.name(), "", d.uid(), d.gid(), XattrBlobWriter.encode(d.xattrs()));
    }

    private Integer nanos(TreeNode n) {
        return revision.nanosecondMtimes() ? n.mtimeNanos() : null;
    }

    private static long subdirectories(TreeNode d) {
        List<TreeNode> children = d.children();
        return children.stream().filter(c -> c.kind() == TreeNode.Kind.DIRECTORY).count();
    }

    private static String parentPath(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "" : path.substring(0, slash);
    }
}
