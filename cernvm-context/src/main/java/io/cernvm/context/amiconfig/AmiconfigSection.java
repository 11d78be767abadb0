package io.cernvm.context.amiconfig;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One section as amiconfig reads it: the name exactly as written between the brackets (case and
 * blanks kept), its options in order of first appearance, a later value winning. Serialised by
 * its component names.
 *
 * @param name    the section name
 * @param line    the 1-based line of its first header
 * @param options the options
 */
public record AmiconfigSection(String name, int line, List<AmiconfigOption> options) {

    /** Copies the options and checks the components. */
    public AmiconfigSection {
        Objects.requireNonNull(name, "name");
        options = List.copyOf(options);
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1: " + line);
        }
    }

    /**
     * @param option an option name (amiconfig lower-cases names when it reads them)
     * @return its value
     */
    public Optional<String> get(String option) {
        return find(option).map(AmiconfigOption::value);
    }

    /**
     * @param option an option name
     * @return the option with its line
     */
    public Optional<AmiconfigOption> find(String option) {
        return options.stream().filter(o -> o.name().equals(option)).findFirst();
    }

    /** @return the options as the dictionary a plugin gets from {@code getSection} (without {@code __name__}) */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        options.forEach(o -> m.put(o.name(), o.value()));
        return Collections.unmodifiableMap(m);
    }
}
