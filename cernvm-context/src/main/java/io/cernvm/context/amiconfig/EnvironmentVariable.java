package io.cernvm.context.amiconfig;

import java.util.Objects;

/**
 * One {@code NAME=value} entry of {@code [cernvm] environment}, written to
 * {@code /etc/cernvm/environment.conf}. Serialised by its component names.
 *
 * @param name  the variable name
 * @param value the value
 */
public record EnvironmentVariable(String name, String value) {

    /** Checks the components. */
    public EnvironmentVariable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
