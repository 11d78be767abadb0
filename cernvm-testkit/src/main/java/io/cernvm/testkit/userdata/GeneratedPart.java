package io.cernvm.testkit.userdata;

import java.util.Arrays;
import java.util.Objects;

/**
 * One generated user-data part: what a composer takes and what a decoder should give back.
 *
 * @param filename    the part's file name
 * @param contentType its full MIME type
 * @param payload     its decoded payload (copied in and out)
 */
public record GeneratedPart(String filename, String contentType, byte[] payload) {

    /** Copies the payload and checks the components. */
    public GeneratedPart {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(contentType, "contentType");
        payload = Objects.requireNonNull(payload, "payload").clone();
    }

    /** @return a copy of the payload */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeneratedPart p && filename.equals(p.filename) && contentType.equals(p.contentType)
                && Arrays.equals(payload, p.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(filename, contentType) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "GeneratedPart[" + filename + ", " + contentType + ", " + payload.length + " bytes]";
    }
}
