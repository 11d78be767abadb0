package io.cernvm.context;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.zip.GZIPOutputStream;

/**
 * Composes several payloads into one MIME multipart user-data document, as amiconfig's
 * {@code amiconfig-mime} helper does (one {@code text/TYPE} part per file, with the file name
 * in {@code Content-Disposition}), in a form cloud-init reads back part for part.
 *
 * <p>Unlike that helper under Python 3, parts are written {@code 7bit} by default, so the
 * µCernVM bootloader and amiconfig — which do no MIME decoding — still see the
 * {@code [ucernvm-begin]} block and the INI sections. A payload that is not 7-bit clean goes out
 * base64 with a {@code COMPOSE_PART_NOT_7BIT} warning; a result over 16 KiB, the user-data
 * limit of many clouds, gets a {@code USERDATA_OVER_16K} warning.
 *
 * <pre>{@code
 * ComposedUserData out = UserDataComposer.builder().gzip(false).build()
 *         .compose(List.of(new ComposePart("user.yaml", "text/cloud-config", yaml)));
 * }</pre>
 */
public final class UserDataComposer {

    /** The user-data size limit of EC2, OpenStack and others. */
    public static final int CLOUD_SIZE_LIMIT = 16 * 1024;

    /** Longest line RFC 5322 allows in a 7bit body, without its line break. */
    private static final int MAX_7BIT_LINE = 998;

    private final TransferEncoding encoding;
    private final boolean gzip;
    private final RandomGenerator random;

    private UserDataComposer(Builder b) {
        this.encoding = b.encoding;
        this.gzip = b.gzip;
        this.random = b.random;
    }

    /** @return a builder with 7bit parts, no gzip and a secure random boundary */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Composes the parts, in order.
     *
     * @param parts the payloads; at least one
     * @return the document and the warnings
     */
    public ComposedUserData compose(List<ComposePart> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to compose: give at least one part");
        }
        List<Finding> findings = new ArrayList<>();
        String boundary = boundaryNotIn(parts);
        StringBuilder out = new StringBuilder(256);
        ByteArrayOutputStream doc = new ByteArrayOutputStream();
        out.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\n")
                .append("MIME-Version: 1.0\n\n");
        for (int i = 0; i < parts.size(); i++) {
            ComposePart p = parts.get(i);
            byte[] content = p.content();
            boolean sevenBit = encoding == TransferEncoding.SEVEN_BIT && isSevenBitClean(content);
            if (encoding == TransferEncoding.SEVEN_BIT && !sevenBit) {
                findings.add(new Finding(Severity.WARNING, "COMPOSE_PART_NOT_7BIT", i, null, null,
                        "part " + i + " (" + p.filename() + ") is not 7-bit clean and was written as base64",
                        "the µCernVM bootloader and amiconfig cannot read a base64 part; keep their payloads ASCII"));
            }
            out.append("--").append(boundary).append('\n')
                    .append("Content-Type: ").append(p.contentType())
                    .append("; charset=\"").append(sevenBit ? "us-ascii" : "utf-8").append("\"\n")
                    .append("MIME-Version: 1.0\n")
                    .append("Content-Transfer-Encoding: ").append(sevenBit ? "7bit" : "base64").append('\n')
                    .append("Content-Disposition: attachment; filename=\"").append(p.filename()).append("\"\n\n");
            writeAscii(doc, out);
            if (sevenBit) {
                doc.writeBytes(content);
            } else {
                writeAscii(doc, Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(content));
            }
            // The line break before a boundary belongs to the boundary (RFC 2046), so the
            // payload reads back exactly as given, with or without its own final newline.
            out.append('\n');
        }
        out.append("--").append(boundary).append("--\n");
        writeAscii(doc, out);
        byte[] bytes = gzip ? gzip(doc.toByteArray()) : doc.toByteArray();
        if (bytes.length > CLOUD_SIZE_LIMIT) {
            findings.add(new Finding(Severity.WARNING, "USERDATA_OVER_16K", null, null, null,
                    "the user data is " + bytes.length + " bytes, over the 16 KiB (" + CLOUD_SIZE_LIMIT
                            + " bytes) many clouds accept",
                    gzip ? "move large files elsewhere (e.g. cernvm_inject or an #include URL)"
                            : "compose with gzip, or move large files elsewhere"));
        }
        return new ComposedUserData(bytes, findings);
    }

    /** @return whether the bytes can travel as a 7bit MIME body unchanged */
    static boolean isSevenBitClean(byte[] content) {
        int lineLength = 0;
        for (int i = 0; i < content.length; i++) {
            byte b = content[i];
            if (b <= 0 || b == '\r' && (i + 1 == content.length || content[i + 1] != '\n')) {
                return false; // 8-bit, NUL, or a bare CR that a MIME parser would take as a line break
            }
            if (b == '\n') {
                lineLength = 0;
            } else if (b != '\r' && ++lineLength > MAX_7BIT_LINE) {
                return false;
            }
        }
        return true;
    }

    private String boundaryNotIn(List<ComposePart> parts) {
        while (true) {
            StringBuilder b = new StringBuilder("===============");
            for (int i = 0; i < 19; i++) {
                b.append((char) ('0' + random.nextInt(10)));
            }
            String boundary = b.append("==").toString();
            byte[] marker = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
            if (parts.stream().noneMatch(p -> contains(p.content(), marker))) {
                return boundary;
            }
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void writeAscii(ByteArrayOutputStream doc, CharSequence text) {
        doc.writeBytes(text.toString().getBytes(StandardCharsets.US_ASCII));
        if (text instanceof StringBuilder sb) {
            sb.setLength(0);
        }
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length / 2 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen in memory
        }
        return bytes.toByteArray();
    }

    /** Settings of a {@link UserDataComposer}. */
    public static final class Builder {
        private TransferEncoding encoding = TransferEncoding.SEVEN_BIT;
        private boolean gzip;
        private RandomGenerator random = new SecureRandom();

        private Builder() {
        }

        /**
         * @param value how to write part payloads (default {@link TransferEncoding#SEVEN_BIT})
         * @return this builder
         */
        public Builder encoding(TransferEncoding value) {
            this.encoding = Objects.requireNonNull(value, "encoding");
            return this;
        }

        /**
         * @param value whether to gzip the whole document (default no)
         * @return this builder
         */
        public Builder gzip(boolean value) {
            this.gzip = value;
            return this;
        }

        /**
         * @param value where boundary digits come from; seed it for reproducible output
         * @return this builder
         */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /** @return the composer */
        public UserDataComposer build() {
            return new UserDataComposer(this);
        }
    }
}
