package io.cernvm.cvmfs.internal.catalog;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The selected columns of one catalog row, by 1-based position, whether SQLite returned them
 * or {@link CatalogPageReader} decoded them; conversions follow sqlite-jdbc's, so a row reads
 * the same either way.
 */
interface CatalogFields {

    /** @return the integer value (0 for NULL, as {@code ResultSet.getLong}) */
    long getLong(int i) throws SQLException;

    /** @return the integer value, or {@code null} for NULL */
    Long getNullableLong(int i) throws SQLException;

    /** @return the value as an int */
    default int getInt(int i) throws SQLException {
        return (int) getLong(i);
    }

    /** @return the text value, or {@code null} */
    String getString(int i) throws SQLException;

    /** @return the blob value, or {@code null} */
    byte[] getBytes(int i) throws SQLException;

    /** @return the current row of a result set */
    static CatalogFields of(ResultSet r) {
        return new CatalogFields() {
            @Override
            public long getLong(int i) throws SQLException {
                return r.getLong(i);
            }

            @Override
            public Long getNullableLong(int i) throws SQLException {
                long v = r.getLong(i);
                return r.wasNull() ? null : v;
            }

            @Override
            public String getString(int i) throws SQLException {
                return r.getString(i);
            }

            @Override
            public byte[] getBytes(int i) throws SQLException {
                return r.getBytes(i);
            }
        };
    }

    /** @return decoded values, {@code values[i - 1]} for column {@code i} */
    static CatalogFields of(Object[] values) {
        return new CatalogFields() {
            @Override
            public long getLong(int i) {
                Long v = getNullableLong(i);
                return v == null ? 0 : v;
            }

            @Override
            public Long getNullableLong(int i) {
                Object v = values[i - 1];
                if (v == null) {
                    return null;
                }
                if (v instanceof Long l) {
                    return l;
                }
                if (v instanceof Double d) {
                    return d.longValue();
                }
                throw new CatalogPageReader.Unreadable("column " + i + " is not a number"); // SQLite's conversion rules apply
            }

            @Override
            public String getString(int i) {
                Object v = values[i - 1];
                if (v == null || v instanceof String) {
                    return (String) v;
                }
                if (v instanceof byte[] b) {
                    return new String(b, StandardCharsets.UTF_8);
                }
                throw new CatalogPageReader.Unreadable("column " + i + " is not text");
            }

            @Override
            public byte[] getBytes(int i) {
                Object v = values[i - 1];
                if (v == null || v instanceof byte[]) {
                    return (byte[]) v;
                }
                if (v instanceof String s) {
                    return s.getBytes(StandardCharsets.UTF_8);
                }
                throw new CatalogPageReader.Unreadable("column " + i + " is not a blob");
            }
        };
    }
}
