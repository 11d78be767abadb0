package io.cernvm.cvmfs.internal.transport;

import java.nio.charset.StandardCharsets;

/**
 * The URL path of an external file: its repository path ({@code CVMFS_EXTERNAL_URL} + the path,
 * as {@code fetch.cc} builds the URL), each segment percent-encoded as UTF-8 so that spaces,
 * {@code ?}, {@code #}, {@code %} and non-ASCII names reach the server as the names they are.
 * Only RFC 3986's unreserved characters stay as they are; a segment {@code .} or {@code ..}
 * has its dots encoded, so no name can climb out of the external base.
 */
public final class ExternalPath {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ExternalPath() {
    }

    /**
     * @param repositoryPath the path in the repository, {@code /a/b c} or {@code a/b c}
     * @return the encoded path below the external base, without a leading {@code /}
     * @throws IllegalArgumentException for the root or an empty segment
     */
    public static String encode(String repositoryPath) {
        String p = repositoryPath.startsWith("/") ? repositoryPath.substring(1) : repositoryPath;
        if (p.isEmpty()) {
            throw new IllegalArgumentException("the repository root is not a file");
        }
        StringBuilder out = new StringBuilder(p.length() + 16);
        for (String segment : p.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("empty segment in " + repositoryPath);
            }
            if (out.length() > 0) {
                out.append('/');
            }
            boolean dots = segment.equals(".") || segment.equals("..");
            for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                if (!dots && unreserved(c)) {
                    out.append((char) c);
                } else {
                    out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0xf]);
                }
            }
        }
        return out.toString();
    }

    private static boolean unreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                || c == '_' || c == '~';
    }
}
