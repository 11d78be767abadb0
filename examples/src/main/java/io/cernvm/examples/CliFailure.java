package io.cernvm.examples;

/** A failure a command has already described, with the exit code it maps to. */
public final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param message  the one line to print
     * @param exitCode the process exit code
     */
    public CliFailure(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** @return the process exit code */
    public int exitCode() {
        return exitCode;
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
