package io.cernvm.examples.cvmfs.publish;

import io.cernvm.examples.CliErrors;
import io.cernvm.examples.CliRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Runs {@code cernvm cvmfs <args>} in-process. */
final class PublishCli {
    private PublishCli() {
    }

    @Command(name = "cvmfs", subcommands = {KeysCommand.class, PublishCommand.class, TagCommand.class,
            ResignCommand.class, ServeCommand.class, ReplicateCommand.class, DemoSystemCommand.class})
    static final class Parent {
    }

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Parent());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler(new CliErrors());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println(ex.getMessage());
            return CliErrors.USAGE;
        });
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        return new CliRun(code, out.toString(), err.toString());
    }
}
