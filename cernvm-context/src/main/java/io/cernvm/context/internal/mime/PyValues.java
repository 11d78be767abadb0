package io.cernvm.context.internal.mime;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Python's view of values loaded from YAML: {@code str()}, {@code repr()}, truthiness and type names. */
final class PyValues {
    private PyValues() {
    }

    /** @return Python's {@code bool(value)} */
    static boolean truthy(Object v) {
        if (v == null || v instanceof Boolean b && !b) {
            return false;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0 || n instanceof BigInteger bi && bi.signum() != 0;
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (v instanceof byte[] b) {
            return b.length > 0;
        }
        return true;
    }

    /** @return the Python type name of a YAML value */
    static String typeName(Object v) {
        if (v == null) {
            return "NoneType";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
            return "int";
        }
        if (v instanceof Number) {
            return "float";
        }
        if (v instanceof byte[]) {
            return "bytes";
        }
        if (v instanceof List) {
            return "list";
        }
        if (v instanceof Set) {
            return "set";
        }
        if (v instanceof Map) {
            return "dict";
        }
        if (v instanceof Date) {
            return "datetime";
        }
        return v.getClass().getSimpleName();
    }

    /** @return Python's {@code str(value)} */
    static String str(Object v) {
        return v instanceof String s ? s : repr(v);
    }

    /** @return Python's {@code repr(value)} for YAML values (approximate for floats and dates) */
    static String repr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof String s) {
            return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double d) {
            return floatRepr(d);
        }
        if (v instanceof Number n) {
            return n.toString();
        }
        if (v instanceof byte[] b) {
            StringBuilder s = new StringBuilder("b'");
            for (byte x : b) {
                int c = x & 0xff;
                s.append(c >= 0x20 && c < 0x7f && c != '\'' && c != '\\' ? String.valueOf((char) c)
                        : String.format("\\x%02x", c));
            }
            return s.append('\'').toString();
        }
        if (v instanceof Date d) {
            return dateStr(d);
        }
        if (v instanceof List<?> l) {
            return join("[", l.iterator(), "]");
        }
        if (v instanceof Set<?> st) {
            return st.isEmpty() ? "set()" : join("{", st.iterator(), "}");
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder s = new StringBuilder("{");
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                s.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
                if (it.hasNext()) {
                    s.append(", ");
                }
            }
            return s.append('}').toString();
        }
        return v.toString();
    }

    /**
     * Python's {@code str()} of a YAML timestamp. SnakeYAML keeps only the instant (UTC), so a
     * midnight is taken for a date ({@code 2020-01-01}) and anything else for a naive datetime.
     */
    private static String dateStr(Date d) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofInstant(d.toInstant(), java.time.ZoneOffset.UTC);
        if (t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            return t.toLocalDate().toString();
        }
        String s = t.toLocalDate() + " " + String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        return t.getNano() == 0 ? s : s + String.format(".%06d", t.getNano() / 1000);
    }

    private static String join(String open, Iterator<?> it, String close) {
        StringBuilder s = new StringBuilder(open);
        while (it.hasNext()) {
            s.append(repr(it.next()));
            if (it.hasNext()) {
                s.append(", ");
            }
        }
        return s.append(close).toString();
    }

    private static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return String.valueOf((long) d) + ".0";
        }
        String s = Double.toString(d);
        if (s.contains("E")) {
            String[] p = s.split("E");
            int exp = Integer.parseInt(p[1]);
            String mant = p[0].endsWith(".0") ? p[0].substring(0, p[0].length() - 2) : p[0];
            return mant + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        }
        return s;
    }
}
