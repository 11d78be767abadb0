package io.cernvm.cvmfs.internal.publish;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Map;
import java.util.Properties;

/**
 * A new file catalog in schema 2.5 revision 7, created with the statements of upstream's
 * {@code CatalogDatabase::CreateEmptyDatabase} ({@code catalog_sql.cc}) so its tables and
 * columns are those of a catalog the 2.12 server writes.
 */
public final class CatalogDatabase implements AutoCloseable {
    /** The catalog schema version written. */
    public static final String SCHEMA = "2.5";
    /** The schema revision written. */
    public static final int SCHEMA_REVISION = 7;

    private static final String[] CREATE = {
        "CREATE TABLE catalog (md5path_1 INTEGER, md5path_2 INTEGER, parent_1 INTEGER, parent_2 INTEGER, "
            + "hardlinks INTEGER, hash BLOB, size INTEGER, mode INTEGER, mtime INTEGER, mtimens INTEGER, "
            + "flags INTEGER, name TEXT, symlink TEXT, uid INTEGER, gid INTEGER, xattr BLOB,  "
            + "CONSTRAINT pk_catalog PRIMARY KEY (md5path_1, md5path_2))",
        "CREATE INDEX idx_catalog_parent ON catalog (parent_1, parent_2)",
        "CREATE TABLE chunks (md5path_1 INTEGER, md5path_2 INTEGER, offset INTEGER, size INTEGER,  hash BLOB,  "
            + "CONSTRAINT pk_chunks PRIMARY KEY (md5path_1, md5path_2, offset, size),  "
            + "FOREIGN KEY (md5path_1, md5path_2) REFERENCES    catalog(md5path_1, md5path_2))",
        "CREATE TABLE nested_catalogs (path TEXT, sha1 TEXT, size INTEGER, "
            + "CONSTRAINT pk_nested_catalogs PRIMARY KEY (path))",
        "CREATE TABLE bind_mountpoints (path TEXT, sha1 TEXT, size INTEGER, "
            + "CONSTRAINT pk_bind_mountpoints PRIMARY KEY (path))",
        "CREATE TABLE statistics (counter TEXT, value INTEGER, CONSTRAINT pk_statistics PRIMARY KEY (counter))",
    };

    private final Connection db;
    private final PreparedStatement insertRow;
    private final PreparedStatement insertChunk;

    /** Creates the schema in a new SQLite file. */
    public CatalogDatabase(Path file) throws SQLException {
        Properties options = new Properties();
        // sqlite-jdbc otherwise prepares and runs "SELECT last_insert_rowid()" after every
        // insert, which cost more than the insert itself for a catalog of small files
        options.setProperty("jdbc.get_generated_keys", "false");
        db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), options);
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA journal_mode=OFF");
            s.execute("PRAGMA synchronous=OFF");
            s.execute("CREATE TABLE properties (key TEXT, value TEXT, CONSTRAINT pk_properties PRIMARY KEY (key))");
            for (String c : CREATE) {
                s.execute(c);
            }
        }
        db.setAutoCommit(false);
        insertRow = db.prepareStatement("INSERT INTO catalog (md5path_1, md5path_2, parent_1, parent_2, hardlinks, "
                + "hash, size, mode, mtime, mtimens, flags, name, symlink, uid, gid, xattr) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        insertChunk = db.prepareStatement("INSERT INTO chunks (md5path_1, md5path_2, offset, size, hash) VALUES (?,?,?,?,?)");
    }

    /** Adds a row. */
    public void add(CatalogInsert r) throws SQLException {
        insertRow.setLong(1, r.path().first());
        insertRow.setLong(2, r.path().second());
        insertRow.setLong(3, r.parent().first());
        insertRow.setLong(4, r.parent().second());
        insertRow.setLong(5, r.hardlinks());
        if (r.hash() == null) {
            insertRow.setNull(6, Types.BLOB);
        } else {
            insertRow.setBytes(6, r.hash());
        }
        insertRow.setLong(7, r.size());
        insertRow.setInt(8, r.mode());
        insertRow.setLong(9, r.mtime());
        if (r.mtimeNs() == null) {
            insertRow.setNull(10, Types.INTEGER);
        } else {
            insertRow.setInt(10, r.mtimeNs());
        }
        insertRow.setInt(11, r.flags());
        insertRow.setString(12, r.name());
        insertRow.setString(13, r.symlink());
        insertRow.setInt(14, r.uid());
        insertRow.setInt(15, r.gid());
        if (r.xattr() == null) {
            insertRow.setNull(16, Types.BLOB);
        } else {
            insertRow.setBytes(16, r.xattr());
        }
        insertRow.executeUpdate();
    }

    /** Adds a chunk of the file at {@code row}. */
    public void addChunk(CatalogInsert row, FileChunk chunk) throws SQLException {
        insertChunk.setLong(1, row.path().first());
        insertChunk.setLong(2, row.path().second());
        insertChunk.setLong(3, chunk.offset());
        insertChunk.setLong(4, chunk.size());
        insertChunk.setBytes(5, chunk.hash().digest());
        insertChunk.executeUpdate();
    }

    /** Adds a nested catalog reference. */
    public void addNested(String path, String hash, long size) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO nested_catalogs (path, sha1, size) VALUES (?,?,?)")) {
            p.setString(1, path);
            p.setString(2, hash);
            p.setLong(3, size);
            p.executeUpdate();
        }
    }

    /** Sets the properties, in order. */
    public void setProperties(Map<String, String> properties) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO properties (key, value) VALUES (?,?)")) {
            for (Map.Entry<String, String> e : properties.entrySet()) {
                p.setString(1, e.getKey());
                p.setString(2, e.getValue());
                p.executeUpdate();
            }
        }
    }

    /** Writes the statistics counters. */
    public void setCounters(CatalogCounters counters) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO statistics (counter, value) VALUES (?,?)")) {
            for (Map.Entry<String, Long> e : counters.all().entrySet()) {
                p.setString(1, e.getKey());
                p.setLong(2, e.getValue());
                p.executeUpdate();
            }
        }
    }

    /** Commits, compacts and closes. */
    @Override
    public void close() throws SQLException {
        try {
            insertRow.close();
            insertChunk.close();
            db.commit();
            db.setAutoCommit(true);
            try (Statement s = db.createStatement()) {
                s.execute("VACUUM");
            }
        } finally {
            db.close();
        }
    }
}
