package io.cernvm.cvmfs.config;

import java.util.Objects;

/**
 * One parameter's effective value and where it was set.
 *
 * @param key    the parameter name, e.g. {@code CVMFS_HTTP_PROXY}
 * @param value  the value after quote removal, {@code $VAR} expansion and {@code @fqrn@} /
 *               {@code @org@} substitution
 * @param source the file that set it, or {@link #OVERRIDE} for a programmatic setting
 * @param line   the 1-based line in the file, or {@code null} for a programmatic setting
 */
public record ConfigValue(String key, String value, String source, Integer line) {

    /** The source of values set through {@link ClientConfiguration.Builder#set}. */
    public static final String OVERRIDE = "<override>";

    /** Checks that key, value and source are present. */
    public ConfigValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }

    /** @return {@code KEY=value (file:line)} */
    @Override
    public String toString() {
        return key + "=" + value + " (" + source + (line == null ? "" : ":" + line) + ")";
    }
}
