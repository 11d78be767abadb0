package io.cernvm.cvmfs.internal.catalog;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.HashAlgorithm;
import io.cernvm.cvmfs.internal.object.ObjectCompression;
import io.cernvm.cvmfs.internal.object.ObjectType;
import io.cernvm.cvmfs.internal.object.PathHash;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sqlite.SQLiteConfig;

/**
 * One file catalog, opened read-only from its decompressed SQLite file. Columns are selected by
 * name and gated on {@code schema_revision} as {@code catalog_sql.cc} does ({@code xattr} from
 * revision 2, {@code mtimens} from 7), because upgraded catalogs have them in another order.
 * Access is serialised: one JDBC connection is not safe for concurrent use.
 */
public final class Catalog implements AutoCloseable {

    private static final PathHash ROOT = PathHash.of("");
    private static final long MIN_EPOCH_SECOND = java.time.Instant.MIN.getEpochSecond();
    private static final long MAX_EPOCH_SECOND = java.time.Instant.MAX.getEpochSecond();

    private final Connection db;
    private final String mountpoint;
    private final ContentHash hash;
    private final FaultLocation location;
    private final Map<String, String> properties;
    private final int schemaRevision;
    private final List<NestedCatalogRef> nested;
    private final Map<String, NestedCatalogRef> nestedByMountpoint;
    private final PreparedStatement lookup;
    private final PreparedStatement listing;
    private final PreparedStatement chunks;
    private final boolean withXattr;
    private final boolean withMtimens;
    /** Lookups straight from the file's pages, when the file is one the page reader knows. */
    private final Optional<PagedLookup> pages;

    private record PagedLookup(CatalogPageReader reader, CatalogPageLayout layout) {
    }

    private Catalog(Connection db, Path file, String mountpoint, ContentHash hash, FaultLocation location) throws SQLException {
        this.db = db;
        this.mountpoint = mountpoint;
        this.hash = hash;
        this.location = location;
        this.properties = readProperties(db);
        String schema = properties.getOrDefault("schema", "");
        if (!schema.equals("2.5") && !schema.equals("2.4")) {
            throw new IntegrityException("unsupported catalog schema '" + schema + "' (this reader knows 2.4 and 2.5)", location);
        }
        this.schemaRevision = parseInt(properties.getOrDefault("schema_revision", "0"));
        Set<String> columns = columns(db, "catalog");
        this.withXattr = schemaRevision >= 2 && columns.contains("xattr");
        this.withMtimens = schemaRevision >= 7 && columns.contains("mtimens");
        List<String> fieldNames = new ArrayList<>(List.of("md5path_1", "md5path_2", "parent_1", "parent_2", "hardlinks", "hash",
                "size", "mode", "mtime", "flags", "name", "symlink", "uid", "gid"));
        if (withXattr) {
            fieldNames.add("xattr");
        }
        if (withMtimens) {
            fieldNames.add("mtimens");
        }
        String fields = String.join(", ", fieldNames);
        this.pages = CatalogPageLayout.of(db, fieldNames).flatMap(l -> CatalogPageReader.open(file, l.tableRoot(), l.indexRoot())
                .map(r -> new PagedLookup(r, l)));
        this.lookup = db.prepareStatement("SELECT " + fields + " FROM catalog WHERE md5path_1 = ? AND md5path_2 = ?");
        this.listing = db.prepareStatement("SELECT " + fields + " FROM catalog WHERE parent_1 = ? AND parent_2 = ?");
        this.chunks = db.prepareStatement(
                "SELECT offset, size, hash FROM chunks WHERE md5path_1 = ? AND md5path_2 = ? ORDER BY offset");
        this.nested = readNested(db);
        Map<String, NestedCatalogRef> byMountpoint = new HashMap<>();
        nested.forEach(n -> byMountpoint.put(n.mountpoint(), n));
        this.nestedByMountpoint = Map.copyOf(byMountpoint);
    }

    /**
     * Opens a decompressed catalog file read-only.
     *
     * @param file       the SQLite file
     * @param mountpoint where it is mounted ({@code ""} for the root catalog)
     * @param hash       its object, for messages and identity
     * @param location   where it came from
     * @return the catalog
     * @throws IntegrityException when it is not a catalog this reader understands
     */
    public static Catalog open(Path file, String mountpoint, ContentHash hash, FaultLocation location) {
        Connection c = null;
        try {
            SQLiteConfig cfg = new SQLiteConfig();
            cfg.setReadOnly(true);
            // the file is this process's private copy: hold the lock, so sqlite keeps its page
            // cache between statements instead of re-validating it on every query
            cfg.setLockingMode(SQLiteConfig.LockingMode.EXCLUSIVE);
            c = org.sqlite.JDBC.createConnection("jdbc:sqlite:" + file.toAbsolutePath(), cfg.toProperties());
            return new Catalog(c, file, mountpoint, hash, location);
        } catch (SQLException | RuntimeException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // already failing
                }
            }
            if (e instanceof IntegrityException ie) {
                throw ie;
            }
            throw new IntegrityException("not a readable catalog: " + e.getMessage(), location, e);
        }
    }

    private static Map<String, String> readProperties(Connection db) throws SQLException {
        Map<String, String> p = new HashMap<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT key, value FROM properties")) {
            while (r.next()) {
                p.put(String.valueOf(r.getString(1)), String.valueOf(r.getString(2)));
            }
        }
        return Map.copyOf(p);
    }

    private static Set<String> columns(Connection db, String table) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (r.next()) {
                names.add(r.getString("name"));
            }
        }
        return names;
    }

    private List<NestedCatalogRef> readNested(Connection db) throws SQLException {
        boolean withSize = columns(db, "nested_catalogs").contains("size");
        List<NestedCatalogRef> out = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT path, sha1" + (withSize ? ", size" : "") + " FROM nested_catalogs")) {
            while (r.next()) {
                String path = r.getString(1);
                String sha1 = r.getString(2);
                long size = withSize ? r.getLong(3) : 0;
                if (path == null || !path.startsWith(mountpoint + "/") || !canonical(path)) {
                    throw new IntegrityException("nested catalog mountpoint '" + path + "' is not below " + RepositoryPath.display(mountpoint), location);
                }
                ContentHash h = ContentHash.tryParse(sha1, ObjectType.CATALOG).orElseThrow(
                        () -> new IntegrityException("nested catalog " + path + " has no valid hash", location));
                out.add(new NestedCatalogRef(path, h, Math.max(0, size)));
            }
        }
        return List.copyOf(out);
    }

    private static boolean canonical(String path) {
        try {
            return RepositoryPath.canonical(path).equals(path) && !path.isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** @return the mountpoint ({@code ""} for the root catalog) */
    public String mountpoint() {
        return mountpoint;
    }

    /** @return the catalog's object */
    public ContentHash hash() {
        return hash;
    }

    /** @return the {@code properties} table */
    public Map<String, String> properties() {
        return properties;
    }

    /** @return {@code schema_revision} */
    public int schemaRevision() {
        return schemaRevision;
    }

    /** @return the {@code revision} property, or -1 */
    public long revision() {
        try {
            return Long.parseLong(properties.getOrDefault("revision", "-1").trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** @return the nested catalogs mounted directly below this one */
    public List<NestedCatalogRef> nested() {
        return nested;
    }

    /**
     * @param mountpoint a canonical path
     * @return the nested catalog mounted exactly there, if any
     */
    public Optional<NestedCatalogRef> nestedAt(String mountpoint) {
        return Optional.ofNullable(nestedByMountpoint.get(mountpoint));
    }

    /**
     * @param path a row key
     * @return the row, if this catalog has it
     */
    public synchronized Optional<CatalogRow> lookup(PathHash path) {
        if (pages.isPresent()) {
            try {
                return lookupFromPages(path);
            } catch (CatalogPageReader.Unreadable e) {
                // not a layout the page reader decodes: SQLite answers
            }
        }
        return lookupWithSqlite(path);
    }

    /** The lookup from the file's pages alone; {@link CatalogPageReader.Unreadable} when they cannot answer. */
    synchronized Optional<CatalogRow> lookupFromPages(PathHash path) {
        Optional<Object[]> values = pages.orElseThrow(() -> new CatalogPageReader.Unreadable("no page reader"))
                .reader().lookup(path.first(), path.second());
        if (values.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(row(pages.get().layout().fields(values.get())));
        } catch (SQLException e) {
            throw new CatalogPageReader.Unreadable(e.getMessage()); // not thrown by decoded fields
        }
    }

    /** @return whether lookups are read from the file's pages (else every one asks SQLite) */
    boolean readsPages() {
        return pages.isPresent();
    }

    /** The lookup through SQLite alone. */
    synchronized Optional<CatalogRow> lookupWithSqlite(PathHash path) {
        try {
            lookup.setLong(1, path.first());
            lookup.setLong(2, path.second());
            try (ResultSet r = lookup.executeQuery()) {
                return r.next() ? Optional.of(row(CatalogFields.of(r))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IntegrityException("catalog lookup failed: " + e.getMessage(), location, e);
        }
    }

    /**
     * @param parent a directory's key
     * @return its children's rows, in catalog order
     */
    public synchronized List<CatalogRow> list(PathHash parent) {
        try {
            listing.setLong(1, parent.first());
            listing.setLong(2, parent.second());
            List<CatalogRow> out = new ArrayList<>();
            try (ResultSet r = listing.executeQuery()) {
                while (r.next()) {
                    CatalogRow row = row(CatalogFields.of(r));
                    if (!row.path().equals(ROOT)) {
                        out.add(row);
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IntegrityException("catalog listing failed: " + e.getMessage(), location, e);
        }
    }

    /**
     * @param path      a chunked file's key
     * @param algorithm the file's hash algorithm
     * @return its chunks by offset
     */
    public synchronized List<ChunkRow> chunks(PathHash path, HashAlgorithm algorithm) {
        try {
            chunks.setLong(1, path.first());
            chunks.setLong(2, path.second());
            List<ChunkRow> out = new ArrayList<>();
            try (ResultSet r = chunks.executeQuery()) {
                while (r.next()) {
                    long offset = r.getLong(1);
                    long size = r.getLong(2);
                    byte[] h = r.getBytes(3);
                    if (offset < 0 || size < 0 || h == null || h.length != algorithm.digestLength()) {
                        throw new IntegrityException("malformed chunk row", location);
                    }
                    out.add(new ChunkRow(offset, size, new ContentHash(algorithm, h, ObjectType.PARTIAL)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IntegrityException("chunk lookup failed: " + e.getMessage(), location, e);
        }
    }

    private CatalogRow row(CatalogFields r) throws SQLException {
        PathHash path = new PathHash(r.getLong(1), r.getLong(2));
        PathHash parent = new PathHash(r.getLong(3), r.getLong(4));
        long flags = r.getLong(10);
        String storedName = r.getString(11);
        String name = storedName == null ? "" : storedName;
        boolean isRoot = path.equals(ROOT);
        if (isRoot ? !name.isEmpty() : !RepositoryPath.isValidName(name)) {
            throw new IntegrityException("catalog entry has an invalid name '" + name.replace("\0", "\\0") + "'", location);
        }
        HashAlgorithm algorithm = HashAlgorithm.fromCatalogFlags(flags).orElseThrow(
                () -> new IntegrityException("catalog entry '" + printable(name) + "' has an unknown hash algorithm", location));
        ObjectCompression compression = ObjectCompression.fromCatalogFlags(flags);
        if (compression == null) {
            throw new IntegrityException("catalog entry '" + printable(name) + "' has an unknown compression", location);
        }
        byte[] blob = r.getBytes(6);
        ContentHash hash = null;
        if (blob != null && blob.length > 0) {
            if (blob.length != algorithm.digestLength()) {
                throw new IntegrityException("catalog entry '" + printable(name) + "' has a hash of the wrong length", location);
            }
            hash = new ContentHash(algorithm, blob, ObjectType.FILE);
        }
        long size = r.getLong(7);
        if (size < 0) {
            throw new IntegrityException("catalog entry '" + printable(name) + "' has a negative size", location);
        }
        long mtime = r.getLong(9);
        if (mtime < MIN_EPOCH_SECOND || mtime > MAX_EPOCH_SECOND) {
            throw new IntegrityException("catalog entry '" + printable(name) + "' has an impossible mtime", location);
        }
        String symlink = r.getString(12);
        byte[] xattr = withXattr ? r.getBytes(15) : null;
        long nanos = -1;
        if (withMtimens) {
            Long n = r.getNullableLong(withXattr ? 16 : 15);
            nanos = n == null || n < 0 || n > 999_999_999 ? -1 : n;
        }
        return new CatalogRow(path, parent, r.getLong(5), hash, size, r.getInt(8), mtime, nanos, flags, name,
                symlink == null ? "" : symlink, r.getLong(13), r.getLong(14), xattr, compression);
    }

    private static String printable(String s) {
        return s.replace("\0", "\\0");
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // nothing to do: the file is about to be deleted
        }
    }
}
