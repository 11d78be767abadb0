package io.cernvm.examples.userdata;

import io.cernvm.context.ComposePart;
import io.cernvm.context.ComposedUserData;
import io.cernvm.context.Finding;
import io.cernvm.context.TransferEncoding;
import io.cernvm.context.UserDataComposer;
import io.cernvm.examples.CliErrors;
import io.cernvm.examples.CliFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cernvm userdata compose FILE:TYPE…}: what amiconfig's {@code amiconfig-mime} does, safely. */
@Command(name = "compose", mixinStandardHelpOptions = true,
        description = {"Compose files into one MIME multipart user-data document.",
                "TYPE is a subtype (cloud-config, amiconfig, ucernvm, x-shellscript: text/TYPE) or a full type/subtype."})
public final class ComposeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE:TYPE", description = "a file and its type, split at the last ':'")
    List<String> specs;

    @Option(names = "--encoding", paramLabel = "7bit|base64", defaultValue = "7bit",
            description = "transfer encoding of the parts (default: ${DEFAULT-VALUE})")
    String encoding;

    @Option(names = "--gzip", description = "gzip the whole document")
    boolean gzip;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "write here instead of standard output")
    Path output;

    @Override
    public Integer call() throws IOException {
        TransferEncoding te;
        try {
            te = TransferEncoding.of(encoding);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage(), CliErrors.USAGE);
        }
        List<ComposePart> parts = new ArrayList<>();
        for (String s : specs) {
            String[] fileAndType = ComposePart.splitSpec(s);
            Path file = Path.of(fileAndType[0]);
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new CliFailure("cannot read " + CliErrors.describeIo(e), CliErrors.USAGE);
            }
            parts.add(new ComposePart(file.getFileName().toString(), fileAndType[1], content));
        }
        ComposedUserData out = UserDataComposer.builder().encoding(te).gzip(gzip).build().compose(parts);
        for (Finding f : out.findings()) {
            spec.commandLine().getErr().println(f.severity().label() + ": " + f.code() + ": " + f.message());
        }
        if (output == null) {
            spec.commandLine().getOut().flush();
            OutputStream stdout = System.out;
            stdout.write(out.bytes());
            stdout.flush();
        } else {
            Path tmp = Files.createTempFile(output.toAbsolutePath().getParent(), ".compose", ".tmp");
            try {
                Files.write(tmp, out.bytes());
                Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return 0;
    }
}
