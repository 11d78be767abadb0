package io.cernvm.context.mime;

import io.cernvm.api.UserDataPart;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One part as cloud-init's handlers see it. Serialised by its component names; the payload
 * is what the handler receives: text decoded as cloud-init decodes it (UTF-8, invalid bytes
 * kept) and re-encoded as UTF-8.
 *
 * @param index       0-based position in handler order
 * @param contentType the content type cloud-init assigns, e.g. {@code text/cloud-config}
 * @param filename    the file name cloud-init assigns, e.g. {@code part-001}
 * @param payload     the payload bytes (copied in and out)
 * @param sha256      lower-case hex SHA-256 of the payload
 * @param size        payload length in bytes
 * @param handler     the default handler that receives it, or {@code null} (cloud-init ignores the part)
 * @param origin      provenance: declared and detected types, encodings, include, headers
 * @param jinja       for a {@code text/jinja2} part, its rendering; otherwise {@code null}
 */
public record DecodedPart(int index, String contentType, String filename, byte[] payload, String sha256, int size,
                          PartHandler handler, PartOrigin origin, JinjaRendering jinja) {
    private static final java.util.regex.Pattern SHA256_FORM = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    /** Copies the payload and checks the size and the form of the hash (use {@link #sha256Hex}). */
    public DecodedPart {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0");
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(origin, "origin");
        payload = Objects.requireNonNull(payload, "payload").clone();
        if (size != payload.length || !SHA256_FORM.matcher(Objects.requireNonNull(sha256, "sha256")).matches()) {
            throw new IllegalArgumentException("size must be the payload length and sha256 64 lower-case hex digits");
        }
    }

    /** @return a copy of the payload */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** @return the handler label ({@code cloud-config}, {@code shellscript}, …) or {@code null} */
    public String handlerLabel() {
        return handler == null ? null : handler.label();
    }

    /** @return this part as the api's {@link UserDataPart} */
    public UserDataPart toUserDataPart() {
        return new UserDataPart(index, contentType, filename, payload);
    }

    /**
     * @param bytes any bytes
     * @return lower-case hex SHA-256 of {@code bytes}
     */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecodedPart p && index == p.index && contentType.equals(p.contentType)
                && filename.equals(p.filename) && Arrays.equals(payload, p.payload) && handler == p.handler
                && origin.equals(p.origin) && Objects.equals(jinja, p.jinja);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, contentType, filename, sha256, handler, origin, jinja);
    }

    @Override
    public String toString() {
        return "DecodedPart[" + index + ", " + contentType + ", " + filename + ", " + size + " bytes, "
                + handlerLabel() + "]";
    }
}
