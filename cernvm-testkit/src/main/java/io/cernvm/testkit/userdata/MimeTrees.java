package io.cernvm.testkit.userdata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Generators of MIME multipart user data: nested {@code multipart/mixed}, leaves in 7bit,
 * base64 or quoted-printable transfer encoding.
 */
public final class MimeTrees {
    private MimeTrees() {
    }

    /**
     * A multipart document of up to {@code maxDepth} levels.
     *
     * @param r        the source of randomness
     * @param maxDepth the deepest nesting, at least 1
     * @return the document and its leaves
     */
    public static MimeTree tree(RandomGenerator r, int maxDepth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<GeneratedPart> leaves = new ArrayList<>();
        ascii(out, "MIME-Version: 1.0\n");
        multipart(r, out, leaves, 1, maxDepth, new int[] {0});
        return new MimeTree(out.toByteArray(), leaves);
    }

    private static void multipart(RandomGenerator r, ByteArrayOutputStream out, List<GeneratedPart> leaves,
                                  int depth, int maxDepth, int[] counter) {
        String boundary = "==boundary-" + depth + "-" + counter[0]++ + "==";
        ascii(out, "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\n\n");
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            ascii(out, "--" + boundary + "\n");
            if (depth < maxDepth && r.nextInt(4) == 0) {
                multipart(r, out, leaves, depth + 1, maxDepth, counter);
            } else {
                GeneratedPart p = UserDataParts.part(r, leaves.size());
                leaves.add(p);
                leaf(r, out, p);
            }
            ascii(out, "\n");
        }
        ascii(out, "--" + boundary + "--\n");
    }

    private static void leaf(RandomGenerator r, ByteArrayOutputStream out, GeneratedPart p) {
        int encoding = r.nextInt(3);
        if (encoding == 0 && !isAscii(p.payload())) {
            encoding = 1; // 7bit cannot carry it; base64 keeps the leaf decodable
        }
        String cte = encoding == 0 ? "7bit" : encoding == 1 ? "base64" : "quoted-printable";
        ascii(out, "Content-Type: " + p.contentType() + "; charset=\"utf-8\"\n"
                + "Content-Transfer-Encoding: " + cte + "\n"
                + "Content-Disposition: attachment; filename=\"" + p.filename() + "\"\n\n");
        byte[] payload = p.payload();
        if (encoding == 0) {
            out.writeBytes(payload);
        } else if (encoding == 2) {
            ascii(out, quotedPrintable(payload));
        } else {
            ascii(out, Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(payload));
        }
    }

    /** Quoted-printable (RFC 2045) with LF line breaks kept as hard breaks. */
    static String quotedPrintable(byte[] data) {
        StringBuilder b = new StringBuilder();
        int lineLength = 0;
        for (int i = 0; i < data.length; i++) {
            int c = data[i] & 0xff;
            boolean endOfLine = i + 1 == data.length || data[i + 1] == '\n';
            String token;
            if (c == '\n') {
                b.append('\n');
                lineLength = 0;
                continue;
            } else if (c >= 33 && c <= 126 && c != '=' || (c == ' ' || c == '\t') && !endOfLine) {
                token = String.valueOf((char) c);
            } else {
                token = String.format("=%02X", c);
            }
            if (lineLength + token.length() > 75) {
                b.append("=\n");
                lineLength = 0;
            }
            b.append(token);
            lineLength += token.length();
        }
        return b.toString();
    }

    private static boolean isAscii(byte[] b) {
        for (byte x : b) {
            if (x < 0 || x == '\r') {
                return false;
            }
        }
        return true;
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
