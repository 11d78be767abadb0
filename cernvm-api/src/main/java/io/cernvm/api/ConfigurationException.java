package io.cernvm.api;

/**
 * A configuration value that is malformed or inconsistent; the location names key, file and line.
 */
public class ConfigurationException extends CernVmException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message  what was wrong
     * @param location where
     * @param cause    the underlying fault, or {@code null}
     */
    public ConfigurationException(String message, FaultLocation location, Throwable cause) {
        super(message, location, cause);
    }

    /**
     * @param message  what was wrong
     * @param location where
     */
    public ConfigurationException(String message, FaultLocation location) {
        super(message, location);
    }
}
