package io.cernvm.context.internal.cloudconfig;

import io.cernvm.context.cloudconfig.YamlBinary;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

/**
 * A YAML value used as a dictionary key or set member, compared the way Python compares dict
 * keys: {@code True == 1 == 1.0}, {@code False == 0}, an aware datetime equals another at the
 * same instant, a date never equals a datetime, a NaN equals only itself (by identity, as a
 * Python dict finds the very same float object).
 */
public final class PyKey {
    private final Object value;
    private final int hash;

    private PyKey(Object value) {
        this.value = value;
        this.hash = computeHash(value);
    }

    /**
     * @param value a hashable YAML value (string, number, boolean, null, binary, date or datetime)
     * @return its key
     * @throws IllegalArgumentException for values Python cannot hash (dicts, lists, sets)
     */
    public static PyKey of(Object value) {
        if (!isHashable(value)) {
            throw new IllegalArgumentException("unhashable " + PyTypes.name(value));
        }
        return new PyKey(value);
    }

    /** @return whether Python could use the value as a dict key */
    public static boolean isHashable(Object value) {
        if (value instanceof PyTuple t) {
            return t.stream().allMatch(PyKey::isHashable);
        }
        return value == null || value instanceof String || value instanceof Boolean
                || value instanceof Long || value instanceof BigInteger || value instanceof Double
                || value instanceof YamlBinary || value instanceof LocalDate
                || value instanceof LocalDateTime || value instanceof OffsetDateTime;
    }

    /** @return the original key object, as first inserted */
    public Object value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PyKey other)) {
            return false;
        }
        return pyEquals(value, other.value);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return PyRepr.str(value);
    }

    /** Python's {@code ==} for hashable YAML values. */
    static boolean pyEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Double da && da.isNaN() || b instanceof Double db && db.isNaN()) {
                return false;
            }
            if (a instanceof Double da && da.isInfinite() || b instanceof Double db && db.isInfinite()) {
                return toDouble(a) == toDouble(b);
            }
            return toDecimal(a).compareTo(toDecimal(b)) == 0;
        }
        if (a instanceof OffsetDateTime oa && b instanceof OffsetDateTime ob) {
            return oa.isEqual(ob);
        }
        if (a instanceof PyTuple ta && b instanceof PyTuple tb) {
            if (ta.size() != tb.size()) {
                return false;
            }
            for (int i = 0; i < ta.size(); i++) {
                if (!pyEquals(ta.get(i), tb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.getClass() == b.getClass() && a.equals(b);
    }

    private static int computeHash(Object v) {
        if (v == null) {
            return 0;
        }
        if (isNumber(v)) {
            if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
                return d.hashCode();
            }
            BigDecimal d = toDecimal(v).stripTrailingZeros();
            // integral values hash alike whatever their Python type (True, 1, 1.0)
            return d.scale() <= 0 ? d.toBigInteger().hashCode() : d.hashCode();
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant().hashCode();
        }
        if (v instanceof PyTuple t) {
            int h = 1;
            for (Object e : t) {
                h = 31 * h + computeHash(e);
            }
            return h;
        }
        return v.hashCode();
    }

    private static boolean isNumber(Object v) {
        return v instanceof Boolean || v instanceof Long || v instanceof BigInteger || v instanceof Double;
    }

    private static double toDouble(Object v) {
        return v instanceof Double d ? d : toDecimal(v).doubleValue();
    }

    private static BigDecimal toDecimal(Object v) {
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        return new BigDecimal((Double) v);
    }
}
