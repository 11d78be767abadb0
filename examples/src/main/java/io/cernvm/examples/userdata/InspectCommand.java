package io.cernvm.examples.userdata;

import io.cernvm.context.Agent;
import io.cernvm.context.ExampleUserData;
import io.cernvm.context.InspectedPart;
import io.cernvm.context.Inspection;
import io.cernvm.context.InspectionJson;
import io.cernvm.context.ucernvm.UcernvmEntry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cernvm userdata inspect [FILE]}: what cloud-init, amiconfig and the bootloader make of user data. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show what cloud-init, amiconfig and the µCernVM bootloader read from user data.",
                "Without FILE, inspects a bundled CernVM example. Exit 0 whenever it printed its result,"
                        + " 2 when FILE cannot be opened."})
public final class InspectCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "the user data (default: the bundled example)")
    Path file;

    @Override
    public Integer call() {
        byte[] raw = file == null ? ExampleUserData.bytes() : InputOptions.read(file);
        Inspection inspection = input.inspector().inspect(raw);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(InspectionJson.toText(inspection));
        } else {
            print(out, file == null ? ExampleUserData.NAME : file.toString(), inspection);
        }
        out.flush();
        return 0;
    }

    static void print(PrintWriter out, String name, Inspection i) {
        out.printf("%s: %d bytes, %d part(s)%n", name, i.size(), i.parts().size());
        for (InspectedPart p : i.parts()) {
            out.printf("  part %d  %-26s %-12s %7d B  handler=%s  read by: %s%n", p.index(), p.contentType(),
                    p.filename(), p.size(), p.handler(),
                    p.agents().isEmpty() ? "nobody" : p.agents().stream().map(Agent::label).collect(Collectors.joining(", ")));
        }
        out.println("cloud-config: " + (i.cloudConfig().present()
                ? "keys " + i.cloudConfig().values().keySet() : "none"));
        out.println("µCernVM block (as the bootloader reads it): "
                + (i.compat().entries().isEmpty() ? "none" : i.compat().entries().size() + " entries"));
        for (UcernvmEntry e : i.compat().entries()) {
            out.printf("  _UCONTEXT_%s=%s%n", e.key(), e.value());
        }
        out.println("amiconfig: plugins " + i.amiconfig().plugins() + ", sections "
                + i.amiconfig().sections().stream().map(s -> s.name()).collect(Collectors.toList()));
        out.println("findings: " + (i.findings().isEmpty() ? "none" : i.findings().size()));
        i.findings().forEach(f -> out.println("  " + FindingText.of(f)));
    }
}
