package io.cernvm.context.amiconfig;

import java.util.Objects;

/**
 * One option as amiconfig reads it. Serialised by its component names.
 *
 * @param name  the option name, lower-cased (ASCII) as {@code ConfigParser.optionxform} does
 * @param value the value: an inline comment after a blank and {@code ;} cut off, stripped,
 *              {@code ""} read as empty
 * @param line  the 1-based line it was read from (the last one when the option repeats)
 */
public record AmiconfigOption(String name, String value, int line) {

    /** Checks the components. */
    public AmiconfigOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1: " + line);
        }
    }
}
