package io.cernvm.context;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@link UserDataComposer#compose}: the user-data bytes and what the composer
 * noticed on the way (parts forced to base64, the 16 KiB limit of many clouds).
 *
 * @param bytes    the MIME multipart document, gzip-compressed when asked for (copied out)
 * @param findings warnings about the result
 */
public record ComposedUserData(byte[] bytes, List<Finding> findings) {

    /** Copies the components. */
    public ComposedUserData {
        bytes = Objects.requireNonNull(bytes, "bytes").clone();
        findings = List.copyOf(findings);
    }

    /** @return a copy of the bytes */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComposedUserData c && java.util.Arrays.equals(bytes, c.bytes) && findings.equals(c.findings);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bytes) * 31 + findings.hashCode();
    }

    @Override
    public String toString() {
        return "ComposedUserData[" + bytes.length + " bytes, " + findings.size() + " findings]";
    }
}
