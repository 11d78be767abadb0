package io.cernvm.context.internal.cloudconfig;

import io.cernvm.context.cloudconfig.YamlBinary;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** How Python prints YAML values: {@code str()}, float {@code repr()} and {@code isoformat()}. */
public final class PyRepr {
    private PyRepr() {
    }

    /** @return what Python's {@code str(value)} prints for a loaded YAML scalar */
    public static String str(Object v) {
        if (v == null) {
            return "None";
        } else if (v instanceof String s) {
            return s;
        } else if (v instanceof Boolean b) {
            return b ? "True" : "False";
        } else if (v instanceof Double d) {
            return floatRepr(d);
        } else if (v instanceof YamlBinary b) {
            return bytesRepr(b);
        } else if (v instanceof LocalDate d) {
            return isoformat(d);
        } else if (v instanceof LocalDateTime || v instanceof OffsetDateTime) {
            return isoformat(v, ' ');
        }
        return v.toString();
    }

    /**
     * @return Python's {@code repr()} of a JSON-like value (string, number, boolean, null, map,
     *         list), used to order set members as the expectation recorder does
     */
    public static String repr(Object v) {
        if (v instanceof String s) {
            return stringRepr(s);
        } else if (v instanceof java.util.Map<?, ?> m) {
            java.util.StringJoiner j = new java.util.StringJoiner(", ", "{", "}");
            m.forEach((k, x) -> j.add(repr(k) + ": " + repr(x)));
            return j.toString();
        } else if (v instanceof java.util.Collection<?> c) {
            java.util.StringJoiner j = new java.util.StringJoiner(", ", "[", "]");
            c.forEach(x -> j.add(repr(x)));
            return j.toString();
        }
        return str(v);
    }

    /** @return Python's {@code repr(str)}: single quotes unless only double quotes avoid escaping */
    public static String stringRepr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(quote);
        s.codePoints().forEach(cp -> {
            if (cp == quote || cp == '\\') {
                sb.append('\\').appendCodePoint(cp);
            } else if (cp == '\t') {
                sb.append("\\t");
            } else if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '\r') {
                sb.append("\\r");
            } else if (cp < 0x20 || cp == 0x7f) {
                sb.append(String.format("\\x%02x", cp));
            } else if (cp < 0x7f || isPrintable(cp)) {
                sb.appendCodePoint(cp);
            } else if (cp <= 0xff) {
                sb.append(String.format("\\x%02x", cp));
            } else if (cp <= 0xffff) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.append(String.format("\\U%08x", cp));
            }
        });
        return sb.append(quote).toString();
    }

    private static boolean isPrintable(int cp) {
        int t = Character.getType(cp);
        return !(t == Character.CONTROL || t == Character.FORMAT || t == Character.SURROGATE
                || t == Character.PRIVATE_USE || t == Character.UNASSIGNED || t == Character.LINE_SEPARATOR
                || t == Character.PARAGRAPH_SEPARATOR || t == Character.SPACE_SEPARATOR);
    }

    /** @return Python's {@code repr(float)}: the shortest digits that read back, {@code 1e+16}, {@code 1e-05} */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        String sign = (Double.doubleToRawLongBits(d) < 0) ? "-" : "";
        if (d == 0) {
            return sign + "0.0";
        }
        BigDecimal dec = shortest(Math.abs(d));
        String digits = dec.unscaledValue().toString();
        int decpt = digits.length() - dec.scale();
        int exp = decpt - 1;
        if (exp < -4 || exp >= 16) {
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        }
        if (decpt <= 0) {
            return sign + "0." + "0".repeat(-decpt) + digits;
        }
        if (decpt >= digits.length()) {
            return sign + digits + "0".repeat(decpt - digits.length()) + ".0";
        }
        return sign + digits.substring(0, decpt) + "." + digits.substring(decpt);
    }

    /** The fewest significant digits that read back as {@code d}, nearest to its exact value (as Python's repr). */
    private static BigDecimal shortest(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int p = 1; p < 17; p++) {
            BigDecimal r = exact.round(new java.math.MathContext(p, java.math.RoundingMode.HALF_EVEN));
            if (Double.parseDouble(r.toString()) == d) {
                return r.stripTrailingZeros();
            }
        }
        return exact.round(new java.math.MathContext(17, java.math.RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /** @return Python's {@code repr(bytes)}, e.g. {@code b'ab\x00'} */
    public static String bytesRepr(YamlBinary b) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (int i = 0; i < b.length(); i++) {
            hasSingle |= b.unsignedAt(i) == '\'';
            hasDouble |= b.unsignedAt(i) == '"';
        }
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder sb = new StringBuilder("b").append(quote);
        for (int i = 0; i < b.length(); i++) {
            int c = b.unsignedAt(i);
            if (c == quote || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.append(quote).toString();
    }

    /** @return Python's {@code date.isoformat()} */
    public static String isoformat(LocalDate d) {
        return String.format("%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }

    /**
     * @param v   a {@link LocalDate}, {@link LocalDateTime} (naive) or {@link OffsetDateTime} (aware)
     * @param sep the separator between date and time ({@code T} for {@code isoformat()}, a space for {@code str()})
     * @return Python's {@code isoformat(sep)}
     */
    public static String isoformat(Object v, char sep) {
        if (v instanceof LocalDate d) {
            return isoformat(d);
        }
        LocalDateTime local = v instanceof OffsetDateTime o ? o.toLocalDateTime() : (LocalDateTime) v;
        StringBuilder sb = new StringBuilder(isoformat(local.toLocalDate())).append(sep);
        LocalTime t = local.toLocalTime();
        sb.append(String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond()));
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            sb.append(String.format(".%06d", micros));
        }
        if (v instanceof OffsetDateTime o) {
            sb.append(offset(o.getOffset()));
        }
        return sb.toString();
    }

    private static String offset(ZoneOffset z) {
        int total = z.getTotalSeconds();
        char s = total < 0 ? '-' : '+';
        total = Math.abs(total);
        String hm = String.format("%c%02d:%02d", s, total / 3600, total / 60 % 60);
        return total % 60 == 0 ? hm : hm + String.format(":%02d", total % 60);
    }
}
