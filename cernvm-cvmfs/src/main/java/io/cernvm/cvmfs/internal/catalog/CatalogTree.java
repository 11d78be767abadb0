package io.cernvm.cvmfs.internal.catalog;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import io.cernvm.api.NotFoundException;
import io.cernvm.cvmfs.internal.object.PathHash;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A root catalog and the nested catalogs below it, mounted lazily at their transition points
 * as {@code catalog_mgr_impl.h} does: for a path, descend into the nested catalog whose
 * mountpoint is a proper prefix of it (on a {@code /} boundary), then look the full path's MD5
 * up. The transition-point directory itself is answered from the parent catalog; its children
 * from the nested one. Thread-safe.
 */
public final class CatalogTree implements AutoCloseable {

    /** How many lookups the tree remembers (about 1–2 MB of rows at most). */
    static final int RECENT_LOOKUPS = 4096;

    private final CatalogLoader loader;
    private final CatalogLoader.OpenedCatalog root;
    private final Map<String, CatalogLoader.OpenedCatalog> mounted = new LinkedHashMap<>();
    /**
     * The latest lookups, found or not, by path: a tree is one immutable revision, so an answer
     * never goes stale. Each stat resolves a path and then looks it up again, and callers stat
     * the same few paths over and over (as cvmfs2 keeps its inode/path/md5path caches in memory,
     * {@code lru_md.h}); bounded so an idle repository stays small.
     */
    private final Map<String, Optional<CatalogEntry>> recent = new LinkedHashMap<>(RECENT_LOOKUPS * 4 / 3 + 1, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<CatalogEntry>> eldest) {
            return size() > RECENT_LOOKUPS;
        }
    };
    private boolean closed;

    /**
     * @param loader loads nested catalogs
     * @param root   the root catalog
     */
    public CatalogTree(CatalogLoader loader, CatalogLoader.OpenedCatalog root) {
        this.loader = loader;
        this.root = root;
        if (root.catalog().lookup(PathHash.of("")).isEmpty()) {
            throw new IntegrityException("root catalog has no root entry", FaultLocation.atPath(root.catalog().hash().objectPath()));
        }
    }

    /** @return the root catalog */
    public Catalog root() {
        return root.catalog();
    }

    /**
     * @param path a canonical path
     * @return its entry, if it exists
     */
    public Optional<CatalogEntry> lookup(String path) {
        synchronized (recent) {
            Optional<CatalogEntry> hit = recent.get(path);
            if (hit != null) {
                return hit;
            }
        }
        Optional<CatalogEntry> found = query(path);
        synchronized (recent) {
            recent.put(path, found);
        }
        return found;
    }

    private Optional<CatalogEntry> query(String path) {
        Catalog c = catalogHolding(path, false);
        Optional<CatalogRow> row = c.lookup(PathHash.of(path));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (!row.get().name().equals(RepositoryPath.name(path))) {
            throw new IntegrityException("catalog row for " + RepositoryPath.display(path) + " is named '"
                    + row.get().name() + "'", FaultLocation.atPath(c.hash().objectPath()));
        }
        return Optional.of(new CatalogEntry(path, c, row.get()));
    }

    /**
     * @param directory a canonical directory path
     * @return its children (hidden entries left out)
     */
    public List<CatalogEntry> list(String directory) {
        Catalog c = catalogHolding(directory, true);
        List<CatalogEntry> out = new ArrayList<>();
        for (CatalogRow r : c.list(PathHash.of(directory))) {
            if (!r.has(CatalogRow.FLAG_HIDDEN)) {
                out.add(new CatalogEntry(RepositoryPath.child(directory, r.name()), c, r));
            }
        }
        // a listing is usually followed by a stat or open of its entries (ls -l, a walk): the
        // rows are the ones lookup would return, from the catalog holding the directory's
        // contents; a listing too big to keep leaves the cache alone
        if (out.size() <= RECENT_LOOKUPS / 2) {
            synchronized (recent) {
                for (CatalogEntry e : out) {
                    recent.put(e.path(), Optional.of(e));
                }
            }
        }
        return out;
    }

    /**
     * @param path      a canonical path
     * @param contents  whether the path's children are wanted (then a mountpoint's own catalog)
     * @return the catalog that answers for it, mounting nested catalogs on the way
     */
    public Catalog catalogHolding(String path, boolean contents) {
        Catalog current = root.catalog();
        // each catalog's mountpoints lie below its own; try the path's prefixes, shortest first
        int from = 1;
        while (true) {
            NestedCatalogRef next = null;
            if (!current.nested().isEmpty()) {
                int i = from;
                while (i <= path.length()) {
                    int slash = path.indexOf('/', i);
                    int end = slash < 0 ? path.length() : slash;
                    if (end == path.length() && !contents) {
                        break;
                    }
                    Optional<NestedCatalogRef> ref = current.nestedAt(path.substring(0, end));
                    if (ref.isPresent()) {
                        next = ref.get();
                        from = end + 1;
                        break;
                    }
                    i = end + 1;
                }
            }
            if (next == null) {
                return current;
            }
            current = mount(next);
        }
    }

    private synchronized Catalog mount(NestedCatalogRef ref) {
        if (closed) {
            throw new IllegalStateException("repository is closed");
        }
        CatalogLoader.OpenedCatalog c = mounted.get(ref.mountpoint());
        if (c == null) {
            c = loader.load(ref.hash(), ref.mountpoint());
            String prefix = c.catalog().properties().get("root_prefix");
            Optional<CatalogRow> rootRow = c.catalog().lookup(PathHash.of(ref.mountpoint()));
            if ((prefix != null && !prefix.equals(ref.mountpoint())) || rootRow.isEmpty()
                    || !rootRow.get().has(CatalogRow.FLAG_NESTED_ROOT)) {
                c.close();
                throw new IntegrityException("nested catalog does not belong at " + ref.mountpoint(),
                        FaultLocation.atPath(ref.hash().objectPath()));
            }
            mounted.put(ref.mountpoint(), c);
        }
        return c.catalog();
    }

    /** @return the mountpoints mounted so far */
    public synchronized List<String> mountedCatalogs() {
        return List.copyOf(mounted.keySet());
    }

    /**
     * @param path a canonical path
     * @return its entry
     * @throws NotFoundException when it does not exist
     */
    public CatalogEntry require(String path) {
        return lookup(path).orElseThrow(() -> new NotFoundException("no such file or directory",
                FaultLocation.atPath(RepositoryPath.display(path))));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (recent) {
            recent.clear();
        }
        mounted.values().forEach(CatalogLoader.OpenedCatalog::close);
        mounted.clear();
        root.close();
    }
}
