package io.cernvm.api;

/** Splits dotted version numbers with errors that point at the bad column. */
final class VersionNumbers {
    private VersionNumbers() {
    }

    /**
     * Splits {@code s} (which starts at {@code offset} in {@code whole}) into exactly {@code count}
     * decimal numbers separated by {@code sep}.
     */
    static int[] split(String whole, String s, int offset, char sep, int count, String scheme) {
        int[] out = new int[count];
        int n = 0;
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == sep) {
                if (n == count) {
                    throw bad(whole, offset + i, "more than " + count + " components", scheme);
                }
                out[n++] = number(whole, s.substring(start, i), offset + start, scheme);
                start = i + 1;
            }
        }
        if (n != count) {
            throw bad(whole, offset + s.length(), "expected " + count + " components, found " + n, scheme);
        }
        return out;
    }

    static int number(String whole, String digits, int at, String scheme) {
        if (digits.isEmpty()) {
            throw bad(whole, at, "empty component", scheme);
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(whole, at + i, "'" + c + "' is not a digit", scheme);
            }
        }
        if (digits.length() > 9) {
            throw bad(whole, at, "number too large", scheme);
        }
        return Integer.parseInt(digits);
    }

    static VersionFormatException bad(String whole, int index, String why, String scheme) {
        return new VersionFormatException("bad version '" + whole + "': " + why + "; expected " + scheme,
                FaultLocation.inPart(null, 1, index + 1));
    }
}
