package io.cernvm.cvmfs;

import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.HashAlgorithm;
import io.cernvm.cvmfs.internal.object.ObjectType;
import io.cernvm.cvmfs.internal.object.PathHash;
import io.cernvm.cvmfs.internal.object.ZlibCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small catalogs and objects into a repository directory, for the cases the fixtures do
 * not hold (xattrs, other hash algorithms, uncompressed objects, hostile names). Opened by root
 * hash, so no signature is involved.
 */
final class SyntheticCatalog {

    private final Path repo;
    private final List<Object[]> rows = new ArrayList<>();
    private final int schemaRevision;

    /**
     * @param repo           the repository directory
     * @param schemaRevision 3 (no {@code mtimens}) or 7
     */
    public SyntheticCatalog(Path repo, int schemaRevision) {
        this.repo = repo;
        this.schemaRevision = schemaRevision;
        rows.add(new Object[] {"", null, 2L, null, 4096L, 040755, 1000L, 1L, "", "", null, 0});
    }

    /**
     * Stores an object.
     *
     * @param content    the plain bytes
     * @param algorithm  the hash algorithm
     * @param compressed whether to zlib it
     * @param type       its suffix
     * @return its hash
     * @throws Exception on a write failure
     */
    public ContentHash store(byte[] content, HashAlgorithm algorithm, boolean compressed, ObjectType type) throws Exception {
        byte[] object = compressed ? ZlibCodec.deflate(content) : content;
        ContentHash h = ContentHash.of(algorithm, object, type);
        Path p = repo.resolve(h.objectPath());
        Files.createDirectories(p.getParent());
        Files.write(p, object);
        return h;
    }

    /**
     * Adds a row below the root.
     *
     * @param name    the name as stored (hostile ones allowed)
     * @param hash    the content hash, or {@code null}
     * @param size    the size column
     * @param mode    the mode
     * @param flags   the flags
     * @param symlink the symlink target
     * @param xattr   the xattr blob or {@code null}
     * @return this
     */
    public SyntheticCatalog row(String name, byte[] hash, long size, int mode, long flags, String symlink, byte[] xattr) {
        return row(name, hash, size, mode, 1000L, flags, symlink, xattr);
    }

    /**
     * Adds a row below the root with a chosen mtime.
     *
     * @param name    the name
     * @param hash    the content hash, or {@code null}
     * @param size    the size column
     * @param mode    the mode
     * @param mtime   the mtime column
     * @param flags   the flags
     * @param symlink the symlink target
     * @param xattr   the xattr blob or {@code null}
     * @return this
     */
    public SyntheticCatalog row(String name, byte[] hash, long size, int mode, long mtime, long flags, String symlink,
                                byte[] xattr) {
        rows.add(new Object[] {"/" + name, hash, 1L, null, size, mode, mtime, flags, name, symlink, xattr, 0});
        return this;
    }

    /**
     * Writes the catalog as the root catalog object.
     *
     * @param work a scratch directory
     * @return the root hash
     * @throws Exception on a write failure
     */
    public ContentHash write(Path work) throws Exception {
        Path db = Files.createTempFile(work, "catalog", ".db");
        Files.delete(db);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE catalog (md5path_1 INTEGER, md5path_2 INTEGER, parent_1 INTEGER, parent_2 INTEGER,"
                        + " hardlinks INTEGER, hash BLOB, size INTEGER, mode INTEGER, mtime INTEGER, flags INTEGER,"
                        + " name TEXT, symlink TEXT, uid INTEGER, gid INTEGER, xattr BLOB"
                        + (schemaRevision >= 7 ? ", mtimens INTEGER" : "") + ")");
                s.execute("CREATE TABLE chunks (md5path_1 INTEGER, md5path_2 INTEGER, offset INTEGER, size INTEGER, hash BLOB)");
                s.execute("CREATE TABLE nested_catalogs (path TEXT, sha1 TEXT, size INTEGER)");
                s.execute("CREATE TABLE properties (key TEXT, value TEXT)");
                s.execute("INSERT INTO properties VALUES ('schema', '2.5'), ('schema_revision', '" + schemaRevision
                        + "'), ('revision', '7')");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO catalog (md5path_1, md5path_2, parent_1, parent_2,"
                    + " hardlinks, hash, size, mode, mtime, flags, name, symlink, uid, gid, xattr"
                    + (schemaRevision >= 7 ? ", mtimens" : "") + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?"
                    + (schemaRevision >= 7 ? ",?" : "") + ")")) {
                for (Object[] r : rows) {
                    String path = (String) r[0];
                    PathHash h = PathHash.of(path);
                    PathHash parent = path.isEmpty() ? PathHash.ROOT_PARENT : PathHash.of("");
                    p.setLong(1, h.first());
                    p.setLong(2, h.second());
                    p.setLong(3, parent.first());
                    p.setLong(4, parent.second());
                    p.setLong(5, (Long) r[2]);
                    p.setBytes(6, (byte[]) r[1]);
                    p.setLong(7, (Long) r[4]);
                    p.setInt(8, (Integer) r[5]);
                    p.setLong(9, (Long) r[6]);
                    p.setLong(10, (Long) r[7]);
                    p.setString(11, (String) r[8]);
                    p.setString(12, (String) r[9]);
                    p.setLong(13, 42);
                    p.setLong(14, 43);
                    p.setBytes(15, (byte[]) r[10]);
                    if (schemaRevision >= 7) {
                        p.setLong(16, 123_456_789L);
                    }
                    p.executeUpdate();
                }
            }
        }
        return store(Files.readAllBytes(db), HashAlgorithm.SHA1, true, ObjectType.CATALOG);
    }
}
