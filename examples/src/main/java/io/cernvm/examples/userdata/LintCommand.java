package io.cernvm.examples.userdata;

import io.cernvm.context.Inspection;
import io.cernvm.context.InspectionJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cernvm userdata lint FILE}: every check, one pass; exit 1 on any error. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Check user data for what the real bootloader, amiconfig and cloud-init would get wrong.",
                "Exit 0 with no finding of severity error, 1 otherwise, 2 when FILE cannot be opened."})
public final class LintCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(names = "--json", description = "print the findings as one JSON object (the inspect object)")
    boolean json;

    @Parameters(paramLabel = "FILE", description = "the user data")
    Path file;

    @Override
    public Integer call() {
        Inspection inspection = input.inspector().inspect(InputOptions.read(file));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(InspectionJson.toText(inspection));
        } else {
            inspection.findings().forEach(f -> out.println(file + ": " + FindingText.of(f)));
            long errors = inspection.findings().stream().filter(f -> f.severity().label().equals("error")).count();
            out.printf("%s: %d finding(s), %d error(s)%n", file, inspection.findings().size(), errors);
        }
        out.flush();
        return inspection.hasErrors() ? 1 : 0;
    }
}
