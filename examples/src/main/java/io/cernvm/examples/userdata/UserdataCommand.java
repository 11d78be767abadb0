package io.cernvm.examples.userdata;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cernvm userdata}: compose, inspect and lint VM user data. */
@Command(name = "userdata", mixinStandardHelpOptions = true,
        description = "Compose, inspect and lint VM user data (cloud-init, amiconfig, µCernVM).",
        subcommands = {InspectCommand.class, LintCommand.class, ComposeCommand.class})
public final class UserdataCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
