package io.cernvm.cvmfs.internal.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a catalog's rows live in its SQLite file, as SQLite's own schema says: the root pages of
 * the {@code catalog} table and of its primary-key index on {@code (md5path_1, md5path_2)}, and
 * for each selected column its position in a stored record (or its default, for rows written
 * before an {@code ALTER TABLE ADD COLUMN}).
 *
 * @param tableRoot the table's root page
 * @param indexRoot the primary-key index's root page
 * @param positions for each selected column, its position in a record
 * @param defaults  for each selected column, the value of a record too short to hold it
 *                  ({@link #UNKNOWN_DEFAULT} when the default is not a plain literal)
 */
record CatalogPageLayout(int tableRoot, int indexRoot, int[] positions, Object[] defaults) {

    /** A default this reader does not evaluate: a short record then goes to SQLite. */
    static final Object UNKNOWN_DEFAULT = new Object();

    /**
     * @param db     the open catalog
     * @param fields the selected column names, in order
     * @return the layout, or empty when the schema is not the one expected (SQLite then answers)
     */
    static Optional<CatalogPageLayout> of(Connection db, List<String> fields) {
        try (Statement s = db.createStatement()) {
            Map<String, Integer> cids = new HashMap<>();
            Map<String, Object> defaults = new HashMap<>();
            try (ResultSet r = s.executeQuery("PRAGMA table_info(catalog)")) {
                while (r.next()) {
                    String name = r.getString("name");
                    cids.put(name, r.getInt("cid"));
                    defaults.put(name, literal(r.getString("dflt_value")));
                }
            }
            String pk = null;
            try (ResultSet r = s.executeQuery("PRAGMA index_list(catalog)")) {
                while (r.next()) {
                    if ("pk".equals(r.getString("origin"))) {
                        pk = r.getString("name");
                    }
                }
            }
            if (pk == null) {
                return Optional.empty();
            }
            List<String> keyColumns = new ArrayList<>();
            try (ResultSet r = s.executeQuery("PRAGMA index_info(\"" + pk.replace("\"", "\"\"") + "\")")) {
                while (r.next()) {
                    keyColumns.add(r.getString("name"));
                }
            }
            if (!keyColumns.equals(List.of("md5path_1", "md5path_2"))) {
                return Optional.empty();
            }
            int tableRoot = 0;
            int indexRoot = 0;
            try (ResultSet r = s.executeQuery("SELECT type, name, rootpage, sql FROM sqlite_master WHERE tbl_name = 'catalog'")) {
                while (r.next()) {
                    String type = r.getString(1);
                    String name = r.getString(2);
                    if ("table".equals(type) && "catalog".equals(name)) {
                        String sql = r.getString(4);
                        if (sql == null || sql.toUpperCase(Locale.ROOT).contains("WITHOUT ROWID")) {
                            return Optional.empty();
                        }
                        tableRoot = r.getInt(3);
                    } else if ("index".equals(type) && pk.equals(name)) {
                        indexRoot = r.getInt(3);
                    }
                }
            }
            if (tableRoot <= 0 || indexRoot <= 0) {
                return Optional.empty();
            }
            int[] positions = new int[fields.size()];
            Object[] fieldDefaults = new Object[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                Integer cid = cids.get(fields.get(i));
                if (cid == null) {
                    return Optional.empty();
                }
                positions[i] = cid;
                fieldDefaults[i] = defaults.get(fields.get(i));
            }
            return Optional.of(new CatalogPageLayout(tableRoot, indexRoot, positions, fieldDefaults));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** A column default as stored in the schema: NULL or an integer literal; anything else is not evaluated here. */
    private static Object literal(String sql) {
        if (sql == null || sql.equalsIgnoreCase("NULL")) {
            return null;
        }
        try {
            return Long.parseLong(sql.strip());
        } catch (NumberFormatException e) {
            return UNKNOWN_DEFAULT;
        }
    }

    /**
     * @param record a decoded table record
     * @return the selected columns of it
     */
    CatalogFields fields(Object[] record) {
        Object[] selected = new Object[positions.length];
        for (int i = 0; i < positions.length; i++) {
            int p = positions[i];
            if (p < record.length) {
                selected[i] = record[p];
            } else if (defaults[i] == UNKNOWN_DEFAULT) {
                throw new CatalogPageReader.Unreadable("record without column " + p + ", whose default is an expression");
            } else {
                selected[i] = defaults[i];
            }
        }
        return CatalogFields.of(selected);
    }
}
