package io.cernvm.context.internal.mime;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MIME header parameters exactly as Python's {@code email.message} (compat32) parses and
 * writes them: {@code _parseparam}, {@code utils.decode_params} (RFC 2231 continuations),
 * {@code collapse_rfc2231_value}, {@code quote}/{@code unquote} and {@code _formatparam}.
 * A parameter value is a {@code String} or an RFC 2231 triple {@code String[3]}.
 */
final class PyHeaderParams {
    private PyHeaderParams() {
    }

    /** Returned by {@link #getParam} when the parameter is absent. */
    static final Object MISSING = new Object();

    private static final Pattern CONTINUATION = Pattern.compile("^(\\w+)\\*(([0-9]+)\\*?)?$");

    /** @return Python's {@code email._parseaddr.quote} */
    static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** @return Python's {@code email.utils.unquote} */
    static String unquote(String s) {
        if (s.length() > 1) {
            if (s.startsWith("\"") && s.endsWith("\"")) {
                return s.substring(1, s.length() - 1).replace("\\\\", "\\").replace("\\\"", "\"");
            }
            if (s.startsWith("<") && s.endsWith(">")) {
                return s.substring(1, s.length() - 1);
            }
        }
        return s;
    }

    /** Python's {@code _parseparam}, linear in the value's length. */
    static List<String> parseParam(String value) {
        String t = ";" + value;
        int n = t.length();
        int[] quotes = new int[n + 1];
        int[] escaped = new int[n + 1];
        for (int i = 0; i < n; i++) {
            quotes[i + 1] = quotes[i] + (t.charAt(i) == '"' ? 1 : 0);
            escaped[i + 1] = escaped[i] + (t.charAt(i) == '\\' && i + 1 < n && t.charAt(i + 1) == '"' ? 1 : 0);
        }
        List<String> plist = new ArrayList<>();
        int off = 0;
        while (off < n && t.charAt(off) == ';') {
            off++;
            int end = t.indexOf(';', off);
            end = end < 0 ? -1 : end - off;
            while (end > 0 && unbalanced(quotes, escaped, off, off + end)) {
                int next = t.indexOf(';', off + end + 1);
                end = next < 0 ? -1 : next - off;
            }
            if (end < 0) {
                end = n - off;
            }
            String f = t.substring(off, off + end);
            int eq = f.indexOf('=');
            if (eq >= 0) {
                f = PyStrings.lower(PyStrings.strip(f.substring(0, eq))) + "=" + PyStrings.strip(f.substring(eq + 1));
            }
            plist.add(PyStrings.strip(f));
            off += end;
        }
        return plist;
    }

    private static boolean unbalanced(int[] quotes, int[] escaped, int from, int to) {
        int q = quotes[to] - quotes[from];
        int last = Math.max(from, to - 1);
        int e = escaped[last] - escaped[from];
        return (q - e) % 2 != 0;
    }

    /** Python's {@code Message._get_params_preserve} on a header value: name and value pairs. */
    static List<Object[]> paramsPreserve(String headerValue) {
        List<Object[]> params = new ArrayList<>();
        for (String p : parseParam(headerValue)) {
            int eq = p.indexOf('=');
            if (eq >= 0) {
                params.add(new Object[] {PyStrings.strip(p.substring(0, eq)), PyStrings.strip(p.substring(eq + 1))});
            } else {
                params.add(new Object[] {PyStrings.strip(p), ""});
            }
        }
        return decodeParams(params);
    }

    private record Continuation(Integer num, String value, boolean encoded) {
    }

    /** Python's {@code email.utils.decode_params}. */
    static List<Object[]> decodeParams(List<Object[]> params) {
        List<Object[]> out = new ArrayList<>();
        out.add(params.get(0));
        Map<String, List<Continuation>> rfc2231 = new LinkedHashMap<>();
        for (Object[] p : params.subList(1, params.size())) {
            String name = (String) p[0];
            boolean encoded = name.endsWith("*");
            String value = unquote((String) p[1]);
            Matcher m = CONTINUATION.matcher(name);
            if (m.matches() && isAsciiWord(m.group(1))) {
                Integer num = m.group(3) == null ? null : parseNum(m.group(3));
                rfc2231.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(new Continuation(num, value, encoded));
            } else {
                out.add(new Object[] {name, "\"" + quote(value) + "\""});
            }
        }
        for (Map.Entry<String, List<Continuation>> e : rfc2231.entrySet()) {
            List<Continuation> cs = e.getValue();
            sortContinuations(cs);
            StringBuilder value = new StringBuilder();
            boolean extended = false;
            for (Continuation c : cs) {
                if (c.encoded()) {
                    value.append(percentDecodeLatin1(c.value()));
                    extended = true;
                } else {
                    value.append(c.value());
                }
            }
            String v = quote(value.toString());
            if (extended) {
                String[] parts = v.split("'", 3);
                if (parts.length <= 2) {
                    out.add(new Object[] {e.getKey(), new String[] {null, null, "\"" + v + "\""}});
                } else {
                    out.add(new Object[] {e.getKey(), new String[] {parts[0], parts[1], "\"" + parts[2] + "\""}});
                }
            } else {
                out.add(new Object[] {e.getKey(), "\"" + v + "\""});
            }
        }
        return out;
    }

    private static Integer parseNum(String digits) {
        try {
            return Integer.valueOf(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static boolean isAsciiWord(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    private static void sortContinuations(List<Continuation> cs) {
        if (cs.size() > 1) {
            boolean someNull = cs.stream().anyMatch(c -> c.num() == null);
            boolean someNum = cs.stream().anyMatch(c -> c.num() != null);
            if (someNull && someNum) {
                // Python 3 cannot order None against int: decode_params raises TypeError.
                throw new PyCrash("TypeError: '<' not supported between instances of 'int' and 'NoneType'");
            }
            cs.sort(Comparator.comparing((Continuation c) -> c.num() == null ? 0 : c.num())
                    .thenComparing(Continuation::value).thenComparing(Continuation::encoded));
        }
    }

    /** {@code urllib.parse.unquote(s, encoding="latin-1")}. */
    private static String percentDecodeLatin1(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                b.append((char) (hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2))));
                i += 2;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static int hex(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }

    /** Python's {@code email.utils.collapse_rfc2231_value}. */
    static String collapse(Object value) {
        if (!(value instanceof String[] t)) {
            return unquote((String) value);
        }
        String charsetName = t[0] == null ? "us-ascii" : t[0];
        byte[] raw = PyCodecs.encodeRawUnicodeEscape(t[2]);
        Charset cs = lookup(charsetName);
        if (cs == null) {
            return unquote(t[2]);
        }
        return new String(raw, cs);
    }

    private static Charset lookup(String name) {
        String n = PyStrings.lower(PyStrings.strip(name)).replace('_', '-');
        switch (n) {
            case "utf-8", "utf8", "u8", "utf" -> {
                return StandardCharsets.UTF_8;
            }
            case "latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1" -> {
                return StandardCharsets.ISO_8859_1;
            }
            case "us-ascii", "ascii", "646" -> {
                return StandardCharsets.US_ASCII;
            }
            default -> {
                try {
                    return Charset.forName(n);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
    }

    /** Python's {@code _formatparam(param, value, quote=True)}. */
    static String formatParam(String param, String value) {
        if (value == null || value.isEmpty()) {
            return param;
        }
        if (!PyCodecs.isAscii(value)) {
            return param + "*=utf-8''" + percentEncodeUtf8(value);
        }
        return param + "=\"" + quote(value) + "\"";
    }

    private static String percentEncodeUtf8(String value) {
        StringBuilder b = new StringBuilder();
        for (byte x : PyCodecs.encodeUtf8Escaped(value)) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "_.-~".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }
}
