package io.cernvm.examples.cvmfs;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code cernvm cvmfs}: read CernVM-FS repositories, verified, through the configured proxies
 * and disk cache. The global options ({@link ClientOptions}) come before the command.
 */
@Command(name = "cvmfs", mixinStandardHelpOptions = true,
        description = "Read CernVM-FS repositories: every byte verified against the repository's signature.",
        subcommands = {})
public final class CvmfsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions options;

    /** @return the global options given before the command */
    public ClientOptions options() {
        return options;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
