package io.cernvm.cvmfs.publish;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads table layouts and key/value tables of SQLite files in tests. */
final class SqliteSchema {
    private SqliteSchema() {
    }

    /** @return table name → column names in order, plus index names as {@code index:<name>} */
    static Map<String, List<String>> tables(Path db) throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            List<String[]> objects = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")) {
                while (r.next()) {
                    objects.add(new String[] {r.getString(1), r.getString(2)});
                }
            }
            for (String[] o : objects) {
                if (o[0].equals("index")) {
                    out.put("index:" + o[1], List.of());
                    continue;
                }
                List<String> cols = new ArrayList<>();
                try (ResultSet r = s.executeQuery("PRAGMA table_info(" + o[1] + ")")) {
                    while (r.next()) {
                        cols.add(r.getString("name") + " " + r.getString("type"));
                    }
                }
                out.put(o[1], cols);
            }
        }
        return out;
    }

    /** @return the rows of a two-column key/value query, in order */
    static Map<String, String> keyValues(Path db, String sql) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.put(r.getString(1), r.getString(2));
            }
        }
        return out;
    }
}
