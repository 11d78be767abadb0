package io.cernvm.cvmfs.internal.history;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import io.cernvm.cvmfs.Tag;
import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.ObjectType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sqlite.SQLiteConfig;

/**
 * The history (tag) database, schema 1.0 ({@code history_sql.cc}): read whole when opened;
 * columns {@code size} and {@code branch} are used only where the table has them, as the
 * client picks columns by revision.
 */
public final class HistoryDatabase {

    private final List<Tag> tags;

    private HistoryDatabase(List<Tag> tags) {
        this.tags = List.copyOf(tags);
    }

    /**
     * @param file     the decompressed SQLite file
     * @param location where it came from
     * @return the tags it holds
     * @throws IntegrityException when it is not a history database
     */
    public static HistoryDatabase read(Path file, FaultLocation location) {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setReadOnly(true);
        try (Connection c = org.sqlite.JDBC.createConnection("jdbc:sqlite:" + file.toAbsolutePath(), cfg.toProperties());
             Statement s = c.createStatement()) {
            Set<String> columns = new HashSet<>();
            try (ResultSet r = s.executeQuery("PRAGMA table_info(tags)")) {
                while (r.next()) {
                    columns.add(r.getString("name"));
                }
            }
            boolean withSize = columns.contains("size");
            boolean withBranch = columns.contains("branch");
            List<Tag> tags = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT name, hash, revision, timestamp, channel, description"
                    + (withSize ? ", size" : ", -1") + (withBranch ? ", branch" : ", ''")
                    + " FROM tags ORDER BY revision, timestamp, name")) {
                while (r.next()) {
                    String name = r.getString(1);
                    String hash = r.getString(2);
                    if (name == null || ContentHash.tryParse(hash, ObjectType.CATALOG).isEmpty()) {
                        throw new IntegrityException("tag '" + name + "' has no valid root hash", location);
                    }
                    String description = r.getString(6);
                    String branch = r.getString(8);
                    long size = r.getLong(7);
                    tags.add(new Tag(name, hash, r.getLong(3), Instant.ofEpochSecond(r.getLong(4)), r.getInt(5),
                            description == null ? "" : description, r.wasNull() ? -1 : size, branch == null ? "" : branch));
                }
            }
            return new HistoryDatabase(tags);
        } catch (SQLException | RuntimeException e) {
            if (e instanceof IntegrityException ie) {
                throw ie;
            }
            throw new IntegrityException("not a readable history database: " + e.getMessage(), location, e);
        }
    }

    /** @return every tag, by revision */
    public List<Tag> tags() {
        return tags;
    }

    /**
     * @param name a tag name
     * @return the tag
     */
    public Optional<Tag> byName(String name) {
        return tags.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * The newest state at or before a date, as {@code history_sql.cc} asks: on the main branch,
     * {@code timestamp <= date}, highest revision.
     *
     * @param date the date
     * @return the tag
     */
    public Optional<Tag> atOrBefore(Instant date) {
        Tag best = null;
        for (Tag t : tags) {
            if (t.branch().isEmpty() && !t.timestamp().isAfter(date)
                    && (best == null || t.revision() > best.revision())) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }
}
