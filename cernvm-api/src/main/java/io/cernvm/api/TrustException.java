package io.cernvm.api;

/**
 * A signature, key, certificate or whitelist that does not establish trust; the location names the file or URL.
 */
public class TrustException extends CernVmException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message  what was wrong
     * @param location where
     * @param cause    the underlying fault, or {@code null}
     */
    public TrustException(String message, FaultLocation location, Throwable cause) {
        super(message, location, cause);
    }

    /**
     * @param message  what was wrong
     * @param location where
     */
    public TrustException(String message, FaultLocation location) {
        super(message, location);
    }
}
