package io.cernvm.api;

/**
 * User data that cannot be read or does not follow its format; the location names the part, line and column.
 */
public class UserDataException extends CernVmException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message  what was wrong
     * @param location where
     * @param cause    the underlying fault, or {@code null}
     */
    public UserDataException(String message, FaultLocation location, Throwable cause) {
        super(message, location, cause);
    }

    /**
     * @param message  what was wrong
     * @param location where
     */
    public UserDataException(String message, FaultLocation location) {
        super(message, location);
    }
}
