package io.cernvm.context.internal.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Python {@code str} operations with Python's character classes (strip, splitlines, lower). */
final class PyStrings {
    private PyStrings() {
    }

    /** @return whether {@code c} is whitespace for Python's {@code str.isspace()} */
    static boolean isSpace(char c) {
        return c >= '\t' && c <= '\r' || c >= 0x1c && c <= 0x20 || c == 0x85 || c == 0xa0 || c == 0x1680
                || c >= 0x2000 && c <= 0x200a || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f
                || c == 0x3000;
    }

    /** @return {@code s.strip()} */
    static String strip(String s) {
        return rstrip(lstrip(s));
    }

    /** @return {@code s.lstrip()} */
    static String lstrip(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    /** @return {@code s.rstrip()} */
    static String rstrip(String s) {
        int j = s.length();
        while (j > 0 && isSpace(s.charAt(j - 1))) {
            j--;
        }
        return s.substring(0, j);
    }

    /** @return {@code s.rstrip(chars)} */
    static String rstrip(String s, String chars) {
        int j = s.length();
        while (j > 0 && chars.indexOf(s.charAt(j - 1)) >= 0) {
            j--;
        }
        return s.substring(0, j);
    }

    /** @return {@code s.lstrip(chars)} */
    static String lstrip(String s, String chars) {
        int i = 0;
        while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return s.substring(i);
    }

    /** @return {@code s.lower()} (full Unicode lower-casing, as Python does) */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c >= 0x1c && c <= 0x1e || c == 0x85
                || c == 0x2028 || c == 0x2029;
    }

    /** @return {@code s.splitlines()} (line ends dropped) */
    static List<String> splitlines(String s) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isLineBreak(c)) {
                lines.add(s.substring(start, i));
                i += c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n' ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        if (start < s.length()) {
            lines.add(s.substring(start));
        }
        return lines;
    }

    /** @return {@code b.splitlines()} for bytes: splits on LF, CR and CRLF only, ends dropped */
    static List<byte[]> splitlines(byte[] b) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < b.length) {
            if (b[i] == '\n' || b[i] == '\r') {
                lines.add(java.util.Arrays.copyOfRange(b, start, i));
                i += b[i] == '\r' && i + 1 < b.length && b[i + 1] == '\n' ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        if (start < b.length) {
            lines.add(java.util.Arrays.copyOfRange(b, start, b.length));
        }
        return lines;
    }

    /** @return whether {@code s} starts with {@code asciiPrefix}, ignoring ASCII case */
    static boolean startsWithIgnoreAsciiCase(String s, String asciiPrefix) {
        return s.regionMatches(true, 0, asciiPrefix, 0, asciiPrefix.length());
    }

    /** @return {@code "%03d" % n} */
    static String partName(String template, int n) {
        String digits = Integer.toString(n);
        return template + "000".substring(Math.min(3, digits.length())) + digits;
    }
}
