package io.cernvm.context.cloudconfig;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The bytes of a YAML {@code !!binary} scalar (Python {@code bytes}). Immutable: the array is
 * copied in and out. Equal to another by content.
 *
 * @param bytes the decoded bytes
 */
public record YamlBinary(byte[] bytes) {

    /** Copies the bytes. */
    public YamlBinary {
        bytes = bytes.clone();
    }

    /** @return a copy of the bytes */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return the number of bytes */
    public int length() {
        return bytes.length;
    }

    /** @return the byte at {@code index}, unsigned (0–255), as Python's {@code b[i]} gives it */
    public int unsignedAt(int index) {
        return bytes[index] & 0xff;
    }

    /** @return the bytes in standard base64 with padding */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof YamlBinary other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "YamlBinary[" + HexFormat.of().formatHex(bytes) + "]";
    }
}
