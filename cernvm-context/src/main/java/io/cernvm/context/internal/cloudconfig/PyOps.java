package io.cernvm.context.internal.cloudconfig;

import io.cernvm.context.cloudconfig.YamlBinary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The few Python built-ins cloud-init's mergers apply to YAML values ({@code in}, {@code len},
 * iteration, indexing, truthiness, {@code str.strip}), with the exceptions Python raises
 * turned into {@link MergeFailure}s.
 */
final class PyOps {
    private PyOps() {
    }

    /** {@code needle in container} for a string needle. */
    static boolean in(String needle, Object container) {
        if (container instanceof String s) {
            return s.contains(needle);
        }
        if (container instanceof PyDict d) {
            return d.containsPyKey(PyKey.of(needle));
        }
        if (container instanceof PySet s) {
            return s.contains(needle);
        }
        if (container instanceof List<?> l) {
            for (Object o : l) {
                if (needle.equals(o)) {
                    return true;
                }
            }
            return false;
        }
        if (container instanceof YamlBinary) {
            throw new MergeFailure("TypeError: a bytes-like object is required, not 'str'");
        }
        throw new MergeFailure("TypeError: argument of type '" + PyTypes.name(container) + "' is not iterable");
    }

    /** {@code list(o)}: what iterating {@code o} yields. */
    static List<Object> iterate(Object o) {
        if (o instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        if (o instanceof PyDict d) {
            return new ArrayList<>(d.keySet());
        }
        if (o instanceof PySet s) {
            return new ArrayList<>(s);
        }
        if (o instanceof String s) {
            List<Object> chars = new ArrayList<>();
            s.codePoints().forEach(cp -> chars.add(new String(Character.toChars(cp))));
            return chars;
        }
        if (o instanceof YamlBinary b) {
            List<Object> ints = new ArrayList<>();
            for (int i = 0; i < b.length(); i++) {
                ints.add((long) b.unsignedAt(i));
            }
            return ints;
        }
        throw new MergeFailure("TypeError: '" + PyTypes.name(o) + "' object is not iterable");
    }

    /** {@code len(o)}. */
    static int len(Object o) {
        if (o instanceof List<?> l) {
            return l.size();
        }
        if (o instanceof Map<?, ?> m) {
            return m.size();
        }
        if (o instanceof PySet s) {
            return s.size();
        }
        if (o instanceof String s) {
            return s.codePointCount(0, s.length());
        }
        if (o instanceof YamlBinary b) {
            return b.length();
        }
        throw new MergeFailure("TypeError: object of type '" + PyTypes.name(o) + "' has no len()");
    }

    /** {@code o[i]} for a non-negative index. */
    static Object index(Object o, int i) {
        if (o instanceof List<?> l) {
            if (i >= l.size()) {
                throw new MergeFailure("IndexError: list index out of range");
            }
            return l.get(i);
        }
        if (o instanceof String s) {
            if (i >= s.codePointCount(0, s.length())) {
                throw new MergeFailure("IndexError: string index out of range");
            }
            return new String(Character.toChars(s.codePointAt(s.offsetByCodePoints(0, i))));
        }
        if (o instanceof YamlBinary b) {
            if (i >= b.length()) {
                throw new MergeFailure("IndexError: index out of range");
            }
            return (long) b.unsignedAt(i);
        }
        if (o instanceof PyDict d) {
            PyKey k = PyKey.of((long) i);
            if (!d.containsPyKey(k)) {
                throw new MergeFailure("KeyError: " + i);
            }
            return d.getPy(k);
        }
        throw new MergeFailure("TypeError: '" + PyTypes.name(o) + "' object is not subscriptable");
    }

    /** {@code o[start:]}. */
    static Object sliceFrom(Object o, int start) {
        if (o instanceof String s) {
            return s.substring(s.offsetByCodePoints(0, start));
        }
        if (o instanceof PyTuple t) {
            return new PyTuple(t.subList(start, t.size()));
        }
        if (o instanceof List<?> l) {
            return java.util.Collections.unmodifiableList(new ArrayList<>(l.subList(start, l.size())));
        }
        if (o instanceof YamlBinary b) {
            return new YamlBinary(java.util.Arrays.copyOfRange(b.bytes(), start, b.length()));
        }
        throw new MergeFailure("TypeError: '" + PyTypes.name(o) + "' object is not subscriptable");
    }

    /** {@code bool(o)}. */
    static boolean truthy(Object o) {
        if (o == null) {
            return false;
        }
        if (o instanceof Boolean b) {
            return b;
        }
        if (o instanceof Long l) {
            return l != 0;
        }
        if (o instanceof java.math.BigInteger b) {
            return b.signum() != 0;
        }
        if (o instanceof Double d) {
            return d != 0;
        }
        if (o instanceof String || o instanceof List || o instanceof Map || o instanceof PySet
                || o instanceof YamlBinary) {
            return len(o) > 0;
        }
        return true;
    }

    /** Python's {@code str.strip()}: the characters {@code str.isspace()} accepts, both ends. */
    static String strip(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && isSpace(s.charAt(b))) {
            b++;
        }
        while (e > b && isSpace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(b, e);
    }

    private static boolean isSpace(char c) {
        return c >= '\t' && c <= '\r' || c >= '\u001c' && c <= ' ' || c == '\u0085' || c == '\u00a0'
                || c == '\u1680' || c >= '\u2000' && c <= '\u200a' || c == '\u2028' || c == '\u2029'
                || c == '\u202f' || c == '\u205f' || c == '\u3000';
    }
}
