package io.cernvm.cvmfs.internal.publish;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The reflog {@code .cvmfsreflog} (schema 1.0 revision 0, as {@code reflog_sql.cc}): every root
 * catalog, certificate, history and meta-info object a manifest ever named, for garbage collection.
 */
public final class ReflogDatabase implements AutoCloseable {
    /** {@code refs.type} of a catalog. */
    public static final int CATALOG = 0;
    /** {@code refs.type} of a certificate. */
    public static final int CERTIFICATE = 1;
    /** {@code refs.type} of a history database. */
    public static final int HISTORY = 2;
    /** {@code refs.type} of a meta-info object. */
    public static final int METAINFO = 3;

    private final Connection db;

    private ReflogDatabase(Connection db) {
        this.db = db;
    }

    /** Opens {@code file}, creating the schema when it is new. */
    public static ReflogDatabase openOrCreate(Path file, boolean create, String fqrn) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=OFF");
            if (create) {
                s.execute("CREATE TABLE properties (key TEXT, value TEXT, CONSTRAINT pk_properties PRIMARY KEY (key))");
                s.execute("CREATE TABLE refs (hash TEXT, type INTEGER, timestamp INTEGER, "
                        + "CONSTRAINT pk_refs PRIMARY KEY (hash))");
            }
        }
        ReflogDatabase r = new ReflogDatabase(c);
        if (create) {
            r.property("schema", "1.0");
            r.property("schema_revision", "0");
            r.property("fqrn", fqrn);
        }
        return r;
    }

    private void property(String key, String value) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO properties (key, value) VALUES (?,?)")) {
            p.setString(1, key);
            p.setString(2, value);
            p.executeUpdate();
        }
    }

    /** Records a reference (a repeated hash gets the newer timestamp). */
    public void add(String hash, int type, long timestamp) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO refs (hash, type, timestamp) VALUES (?,?,?)")) {
            p.setString(1, hash);
            p.setInt(2, type);
            p.setLong(3, timestamp);
            p.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
