package io.cernvm.context;

/** How serious a {@link Finding} is. */
public enum Severity {
    /** The user data will not do what was meant, or an agent will fail on it. */
    ERROR,
    /** Probably a mistake, or fragile. */
    WARNING,
    /** Worth knowing. */
    INFO;

    /** @return the lower-case name used in JSON and on the command line */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
