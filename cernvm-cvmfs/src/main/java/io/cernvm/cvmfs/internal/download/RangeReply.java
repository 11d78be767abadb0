package io.cernvm.cvmfs.internal.download;

/**
 * Checks that a reply to a {@code Range: bytes=a-b} request holds exactly those bytes: status
 * 206, a {@code Content-Range: bytes a-b/total} (total a number or {@code *}) naming the same
 * range, and a length, when announced, of {@code b - a + 1} (RFC 9110 §14.4 and §15.3.7).
 */
final class RangeReply {
    private RangeReply() {
    }

    /**
     * @param status        the HTTP status
     * @param contentRange  the {@code Content-Range} header, or {@code null}
     * @param contentLength the announced body length, or -1
     * @param offset        the first byte asked for
     * @param length        how many bytes were asked for (positive)
     * @return why the reply is not that range, or {@code null} when it is
     */
    static String problem(int status, String contentRange, long contentLength, long offset, long length) {
        long last = offset + length - 1;
        String asked = offset + "-" + last;
        if (status != 206) {
            return "HTTP " + status + " to a request for bytes " + asked + " (206 expected)";
        }
        if (contentRange == null) {
            return "HTTP 206 without Content-Range for bytes " + asked;
        }
        String t = contentRange.strip();
        if (!t.regionMatches(true, 0, "bytes ", 0, 6)) {
            return "Content-Range '" + printable(t) + "' is not a byte range";
        }
        int dash = t.indexOf('-', 6);
        int slash = t.indexOf('/', 6);
        if (dash < 0 || slash < dash) {
            return "malformed Content-Range '" + printable(t) + "'";
        }
        long first = number(t.substring(6, dash).strip());
        long end = number(t.substring(dash + 1, slash).strip());
        String total = t.substring(slash + 1).strip();
        if (first != offset || end != last || !(total.equals("*") || (number(total) > end))) {
            return "Content-Range '" + printable(t) + "' for bytes " + asked;
        }
        if (contentLength >= 0 && contentLength != length) {
            return "Content-Length " + contentLength + " for " + length + " bytes asked";
        }
        return null;
    }

    /** @return the decimal number, or -1 when {@code s} is not one */
    private static long number(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        StringBuilder b = new StringBuilder();
        cut.codePoints().forEach(c -> b.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
        return b.toString();
    }
}
