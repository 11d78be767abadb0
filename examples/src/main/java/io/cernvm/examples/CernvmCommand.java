package io.cernvm.examples;

import io.cernvm.examples.cvmfs.CvmfsCommand;
import io.cernvm.examples.userdata.UserdataCommand;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cernvm} command: the root of every subcommand. */
@Command(name = "cernvm", mixinStandardHelpOptions = true, version = "cernvm 0.1.0",
        description = "CernVM SDK command line.",
        subcommands = {UserdataCommand.class, CvmfsCommand.class})
public final class CernvmCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final OutputStream stdout;

    private CernvmCommand(OutputStream stdout) {
        this.stdout = stdout;
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line without exiting, with a byte stream as standard output, so that
     * commands printing file contents ({@code cvmfs cat}) write them unaltered.
     *
     * @param args   the arguments
     * @param stdout standard output (text is written to it as UTF-8)
     * @param err    standard error
     * @return the exit code
     */
    public static int run(String[] args, OutputStream stdout, PrintWriter err) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), false);
        int code = run(new CernvmCommand(stdout), args, out, err);
        try {
            stdout.flush();
        } catch (java.io.IOException e) {
            err.println("cernvm: cannot flush standard output: " + e.getMessage());
        }
        return code;
    }

    /**
     * @return the byte stream behind standard output, or {@code null} when the command line runs
     *         over a character writer only (then binary output is written one character per byte)
     */
    public OutputStream stdout() {
        return stdout;
    }

    /**
     * Runs the command line without exiting, for tests and embedding.
     *
     * @param args the arguments
     * @param out  standard output
     * @param err  standard error
     * @return the exit code
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(new CernvmCommand(null), args, out, err);
    }

    private static int run(CernvmCommand root, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new CliErrors());
        cl.setParameterExceptionHandler(CliErrors::usage);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
