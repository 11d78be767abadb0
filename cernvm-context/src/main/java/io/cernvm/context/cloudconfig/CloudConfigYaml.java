package io.cernvm.context.cloudconfig;

import io.cernvm.api.UserDataException;
import io.cernvm.context.internal.cloudconfig.PyYamlDumper;
import io.cernvm.context.internal.cloudconfig.PyYamlLoader;
import java.util.Objects;

/**
 * Reads one cloud-config YAML document as cloud-init 22.4 does ({@code util.load_yaml}, that
 * is PyYAML 6's safe loader): YAML 1.1 scalars, so {@code yes} and {@code on} are
 * {@code true}, {@code 0777} is 511, {@code 0x1f} is 31, {@code 1:30} is 90, {@code ~} is
 * null, {@code 1e3} is a string; merge keys {@code <<}; only the safe tags ({@code !!binary},
 * {@code !!set}, {@code !!omap}, {@code !!pairs}, {@code !!timestamp}, …) — never a Java
 * type. Bounded by {@link YamlLimits}.
 *
 * <p>Values come back as: {@code null}; {@link String}; {@link Boolean}; {@link Long} (or
 * {@link java.math.BigInteger} when it does not fit); {@link Double}; {@link YamlBinary};
 * {@link java.time.LocalDate} (a date), {@link java.time.LocalDateTime} (a timestamp without
 * zone) or {@link java.time.OffsetDateTime} (with one); and unmodifiable, ordered
 * {@link java.util.Map}, {@link java.util.List} and {@link java.util.Set} views. Maps compare
 * keys the way Python does ({@code true}, {@code 1} and {@code 1.0} are one key). An
 * {@code !!omap} or {@code !!pairs} becomes a list of two-element lists.
 *
 * <p>Unlike PyYAML, a document in which an alias refers to its own enclosing anchor (a
 * recursive structure) is refused.
 */
public final class CloudConfigYaml {
    private final PyYamlLoader loader;
    private final YamlLimits limits;

    /** @param limits the bounds on each document */
    public CloudConfigYaml(YamlLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.loader = new PyYamlLoader(limits);
    }

    /** @return a reader with {@link YamlLimits#DEFAULT} */
    public static CloudConfigYaml withDefaults() {
        return new CloudConfigYaml(YamlLimits.DEFAULT);
    }

    /** @return the bounds this reader enforces */
    public YamlLimits limits() {
        return limits;
    }

    /**
     * @param text one YAML document (a {@code #cloud-config} first line is a comment)
     * @param part the 0-based user-data part it came from, named in faults; may be {@code null}
     * @return the value, {@code null} for an empty document
     * @throws UserDataException when it is not one document PyYAML's safe loader accepts, or
     *                           exceeds a limit; the location has the part, and the 1-based
     *                           line and column of the fault
     */
    public Object load(String text, Integer part) {
        return loader.load(Objects.requireNonNull(text, "text"), part);
    }

    /**
     * Writes a value of the kinds {@link #load} returns (or plain Java maps, lists, strings,
     * numbers and booleans) as block-style YAML that {@link #load} reads back as an equal value.
     *
     * @param value the value
     * @return the YAML text
     */
    public String dump(Object value) {
        return new PyYamlDumper().dump(value);
    }
}
