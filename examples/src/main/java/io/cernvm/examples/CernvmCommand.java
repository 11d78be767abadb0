package io.cernvm.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cernvm} command: the root of every subcommand. */
@Command(name = "cernvm", mixinStandardHelpOptions = true, version = "cernvm 0.1.0",
        description = "CernVM SDK command line.")
public final class CernvmCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new CernvmCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
