package io.cernvm.api;

/**
 * A version string that does not follow its scheme; the location names the key or file it came from, if known.
 */
public class VersionFormatException extends CernVmException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message  what was wrong
     * @param location where
     * @param cause    the underlying fault, or {@code null}
     */
    public VersionFormatException(String message, FaultLocation location, Throwable cause) {
        super(message, location, cause);
    }

    /**
     * @param message  what was wrong
     * @param location where
     */
    public VersionFormatException(String message, FaultLocation location) {
        super(message, location);
    }
}
