package io.cernvm.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Raw VM user data as a cloud delivered it, before any decoding, and where it came from.
 *
 * @param bytes  the raw bytes (copied in and out)
 * @param source where it came from: a data source name such as {@code EC2} or a file path
 */
public record UserData(byte[] bytes, String source) {

    /** Copies the bytes and checks the components. */
    public UserData {
        bytes = Objects.requireNonNull(bytes, "bytes").clone();
        Objects.requireNonNull(source, "source");
    }

    /** @return user data from the UTF-8 bytes of a string */
    public static UserData of(String text, String source) {
        return new UserData(text.getBytes(StandardCharsets.UTF_8), source);
    }

    /** @return a copy of the raw bytes */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return the number of raw bytes */
    public int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserData u && Arrays.equals(bytes, u.bytes) && source.equals(u.source);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + source.hashCode();
    }

    @Override
    public String toString() {
        return "UserData[" + bytes.length + " bytes from " + source + "]";
    }
}
