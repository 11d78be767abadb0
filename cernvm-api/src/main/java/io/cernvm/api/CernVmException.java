package io.cernvm.api;

import java.util.Objects;

/**
 * The root of every error the SDK reports. Unchecked; each subtype says what kind of fault it
 * is and {@link #location()} says where. The message names what was wrong, where, and what to do.
 */
public class CernVmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient FaultLocation location;

    /**
     * @param message  what was wrong
     * @param location where; {@link FaultLocation#NOWHERE} when nothing applies
     * @param cause    the underlying fault, or {@code null}
     */
    public CernVmException(String message, FaultLocation location, Throwable cause) {
        super(message, cause);
        this.location = Objects.requireNonNull(location, "location");
    }

    /**
     * @param message  what was wrong
     * @param location where
     */
    public CernVmException(String message, FaultLocation location) {
        this(message, location, null);
    }

    /** @return where the fault was found */
    public FaultLocation location() {
        return location;
    }

    /** @return the message, followed by the location when there is one */
    @Override
    public String getMessage() {
        String m = super.getMessage();
        return location.isNowhere() ? m : m + " (at " + location + ")";
    }

    /** @return the message without the location */
    public String reason() {
        return super.getMessage();
    }
}
