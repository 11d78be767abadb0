package io.cernvm.api;

/**
 * Content whose hash or structure does not match what was promised; the location names the object, path or URL.
 */
public class IntegrityException extends CernVmException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message  what was wrong
     * @param location where
     * @param cause    the underlying fault, or {@code null}
     */
    public IntegrityException(String message, FaultLocation location, Throwable cause) {
        super(message, location, cause);
    }

    /**
     * @param message  what was wrong
     * @param location where
     */
    public IntegrityException(String message, FaultLocation location) {
        super(message, location);
    }
}
