package io.cernvm.examples;

import io.cernvm.api.CernVmException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns every failure into one clear line on standard error and an exit code; a user never
 * sees a stack trace (set {@code CERNVM_DEBUG=1} to get one).
 */
public final class CliErrors implements CommandLine.IExecutionExceptionHandler {

    /** Exit code for bad usage, an unreadable input file, or a configuration error. */
    public static final int USAGE = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        String message = t instanceof CernVmException || t instanceof CliFailure ? t.getMessage()
                : t instanceof IOException io ? describeIo(io)
                : t.getClass().getSimpleName() + ": " + t.getMessage();
        // one line, always: a multi-line message (every attempt of all mirrors failing) is joined
        String oneLine = message == null ? t.getClass().getSimpleName()
                : String.join("; ", message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList())
                        .replace(":; ", ": ");
        cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + oneLine);
        if (System.getenv("CERNVM_DEBUG") != null) {
            t.printStackTrace(cl.getErr());
        }
        return exitCode(t);
    }

    /**
     * The exit codes every command shares: 1 trust or integrity refusal, 2 usage, input or
     * configuration error, 3 not found, 4 all mirrors failed.
     *
     * @param t the failure
     * @return its exit code
     */
    public static int exitCode(Throwable t) {
        if (t instanceof CliFailure f) {
            return f.exitCode();
        }
        if (t instanceof io.cernvm.api.TrustException || t instanceof io.cernvm.api.IntegrityException) {
            return 1;
        }
        if (t instanceof io.cernvm.api.NotFoundException) {
            return 3;
        }
        if (t instanceof io.cernvm.api.AllMirrorsFailedException) {
            return 4;
        }
        return USAGE;
    }

    /** Prints a usage error in one line plus a pointer to help, and returns {@link #USAGE}. */
    static int usage(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
        cl.getErr().println("Try '" + cl.getCommandSpec().qualifiedName() + " --help'.");
        return USAGE;
    }

    /**
     * @param io an I/O failure
     * @return a one-line description naming the file
     */
    public static String describeIo(IOException io) {
        if (io instanceof java.nio.file.NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        if (io instanceof java.nio.file.AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (io instanceof java.nio.file.FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() == null ? f.getClass().getSimpleName() : f.getReason());
        }
        return io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage();
    }
}
