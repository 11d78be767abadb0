package io.cernvm.cvmfs.config;

import java.util.Objects;

/**
 * Something in the configuration that was kept or skipped rather than refused: an unknown
 * parameter, shell syntax that only a shell could run, a write to a read-only parameter.
 *
 * @param key     the parameter concerned, or {@code null}
 * @param source  the file, or {@link ConfigValue#OVERRIDE}
 * @param line    the 1-based line, or {@code null}
 * @param message what happened
 */
public record ConfigWarning(String key, String source, Integer line, String message) {

    /** Checks that source and message are present. */
    public ConfigWarning {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    /** @return {@code file:line: [KEY] message} */
    @Override
    public String toString() {
        return source + (line == null ? "" : ":" + line) + ": " + (key == null ? "" : key + ": ") + message;
    }
}
