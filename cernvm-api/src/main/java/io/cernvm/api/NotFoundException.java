package io.cernvm.api;

/**
 * A path, tag, object or key that does not exist; the location names it.
 */
public class NotFoundException extends CernVmException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message  what was wrong
     * @param location where
     * @param cause    the underlying fault, or {@code null}
     */
    public NotFoundException(String message, FaultLocation location, Throwable cause) {
        super(message, location, cause);
    }

    /**
     * @param message  what was wrong
     * @param location where
     */
    public NotFoundException(String message, FaultLocation location) {
        super(message, location);
    }
}
