package io.cernvm.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One part of decoded user data, as cloud-init's handlers receive it.
 *
 * @param index       0-based position in the order handlers see the parts
 * @param contentType the MIME type cloud-init assigns, e.g. {@code text/cloud-config}
 * @param filename    the file name cloud-init assigns, e.g. {@code part-001}
 * @param payload     the decoded payload (copied in and out)
 */
public record UserDataPart(int index, String contentType, String filename, byte[] payload) {

    /** Copies the payload and checks the components. */
    public UserDataPart {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0: " + index);
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(filename, "filename");
        payload = Objects.requireNonNull(payload, "payload").clone();
    }

    /** @return a copy of the payload */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** @return the payload decoded as UTF-8, invalid bytes replaced */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserDataPart p && index == p.index && contentType.equals(p.contentType)
                && filename.equals(p.filename) && Arrays.equals(payload, p.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, contentType, filename) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "UserDataPart[" + index + ", " + contentType + ", " + filename + ", " + payload.length + " bytes]";
    }
}
