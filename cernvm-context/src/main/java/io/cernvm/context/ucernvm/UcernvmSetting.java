package io.cernvm.context.ucernvm;

import java.util.Objects;

/**
 * One {@code key=value} line of a tolerantly read {@code [ucernvm-begin]} block. Serialised by its
 * component names.
 *
 * @param key    the key as written, trimmed
 * @param value  the value trimmed, one pair of surrounding quotes removed
 * @param extra  {@code true} when it came from extra user data ({@code /cernvm/extra-user-data})
 * @param part   the 0-based user-data part, or {@code null} for a whole document
 * @param line   the 1-based line inside the part (or document)
 * @param column the 1-based column where the key starts
 */
public record UcernvmSetting(String key, String value, boolean extra, Integer part, int line, int column) {

    /** Checks the components. */
    public UcernvmSetting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (part != null && part < 0 || line < 1 || column < 1) {
            throw new IllegalArgumentException("part must be >= 0, line and column >= 1");
        }
    }

    /** @return the known key this entry sets, if it is one */
    public java.util.Optional<UcernvmKey> knownKey() {
        return UcernvmKey.of(key);
    }
}
