package io.cernvm.cvmfs.internal.publish;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The history (tag) database, schema 1.0 revision 3, with the tables upstream's
 * {@code HistoryWriter::CreateEmptyDatabase} creates ({@code history_sql.cc}): {@code tags},
 * {@code branches} (holding the main line {@code ('', NULL, 0)}), an empty {@code recycle_bin}
 * and {@code properties} with {@code fqrn} and {@code previous_revision}.
 */
public final class HistoryWriter implements AutoCloseable {
    /** The tag that always names the newest revision. */
    public static final String TRUNK = "trunk";
    /** The tag that names the revision before it. */
    public static final String TRUNK_PREVIOUS = "trunk-previous";
    /** The description upstream gives {@link #TRUNK}. */
    public static final String TRUNK_DESCRIPTION = "current HEAD";
    /** The description upstream gives {@link #TRUNK_PREVIOUS}. */
    public static final String TRUNK_PREVIOUS_DESCRIPTION = "default undo target";

    private final Connection db;

    private HistoryWriter(Connection db) {
        this.db = db;
    }

    /** Creates an empty history database for {@code fqrn}. */
    public static HistoryWriter create(Path file, String fqrn) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=OFF");
            s.execute("CREATE TABLE properties (key TEXT, value TEXT, CONSTRAINT pk_properties PRIMARY KEY (key))");
            s.execute("CREATE TABLE branches (branch TEXT, parent TEXT, initial_revision INTEGER,  "
                    + "CONSTRAINT pk_branch PRIMARY KEY (branch),   FOREIGN KEY (parent) REFERENCES branches (branch),   "
                    + "CHECK ((branch <> '') OR (parent IS NULL)),   CHECK ((branch = '') OR (parent IS NOT NULL)))");
            s.execute("CREATE TABLE tags (name TEXT, hash TEXT, revision INTEGER,   timestamp INTEGER, channel INTEGER, "
                    + "description TEXT, size INTEGER,   branch TEXT, CONSTRAINT pk_tags PRIMARY KEY (name),   "
                    + "FOREIGN KEY (branch) REFERENCES branches (branch))");
            s.execute("CREATE TABLE recycle_bin (hash TEXT, flags INTEGER,   CONSTRAINT pk_hash PRIMARY KEY (hash))");
            s.execute("INSERT INTO branches (branch, parent, initial_revision) VALUES ('', NULL, 0)");
        }
        HistoryWriter h = new HistoryWriter(c);
        h.setProperty("schema", "1.0");
        h.setProperty("schema_revision", "3");
        h.setProperty("fqrn", fqrn);
        return h;
    }

    /** Opens an existing history database (a decompressed copy). */
    public static HistoryWriter open(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=OFF");
        }
        return new HistoryWriter(c);
    }

    /** Sets a property. */
    public void setProperty(String key, String value) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO properties (key, value) VALUES (?,?)")) {
            p.setString(1, key);
            p.setString(2, value);
            p.executeUpdate();
        }
    }

    /** @return a property */
    public Optional<String> property(String key) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT value FROM properties WHERE key = ?")) {
            p.setString(1, key);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** Inserts or replaces a tag on the main branch. */
    public void put(HistoryRow t) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO tags "
                + "(name, hash, revision, timestamp, channel, description, size, branch) VALUES (?,?,?,?,0,?,?,'')")) {
            p.setString(1, t.name());
            p.setString(2, t.hash());
            p.setLong(3, t.revision());
            p.setLong(4, t.timestamp());
            p.setString(5, t.description());
            p.setLong(6, t.size());
            p.executeUpdate();
        }
    }

    /** @return whether a tag was removed */
    public boolean remove(String name) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("DELETE FROM tags WHERE name = ?")) {
            p.setString(1, name);
            return p.executeUpdate() > 0;
        }
    }

    /** @return the tag of that name */
    public Optional<HistoryRow> find(String name) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(
                "SELECT name, hash, revision, timestamp, description, size FROM tags WHERE name = ?")) {
            p.setString(1, name);
            return first(p);
        }
    }

    /** @return some tag naming that revision (its root hash and size are what matter) */
    public Optional<HistoryRow> findRevision(long revision) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT name, hash, revision, timestamp, description, size "
                + "FROM tags WHERE revision = ? ORDER BY timestamp DESC, name LIMIT 1")) {
            p.setLong(1, revision);
            return first(p);
        }
    }

    /** @return all tags, newest revision first, then by name */
    public List<HistoryRow> list() throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT name, hash, revision, timestamp, description, size "
                + "FROM tags ORDER BY revision DESC, name")) {
            List<HistoryRow> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(row(r));
                }
            }
            return out;
        }
    }

    private static Optional<HistoryRow> first(PreparedStatement p) throws SQLException {
        try (ResultSet r = p.executeQuery()) {
            return r.next() ? Optional.of(row(r)) : Optional.empty();
        }
    }

    private static HistoryRow row(ResultSet r) throws SQLException {
        return new HistoryRow(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4), r.getString(5), r.getLong(6));
    }

    @Override
    public void close() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("VACUUM");
        } finally {
            db.close();
        }
    }
}
