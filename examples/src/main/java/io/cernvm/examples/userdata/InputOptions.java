package io.cernvm.examples.userdata;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cernvm.context.UserDataInspector;
import io.cernvm.examples.CliErrors;
import io.cernvm.examples.CliFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options {@code inspect} and {@code lint} share: how to answer includes, jinja and extra user data. */
public final class InputOptions {

    @Option(names = "--include-file", paramLabel = "URL=PATH",
            description = "answer an #include URL from a local file (split at the last '='); the CLI never fetches")
    List<String> includeFiles = new ArrayList<>();

    @Option(names = "--instance-data", paramLabel = "FILE",
            description = "cloud-init's instance-data JSON, for rendering '## template: jinja' parts")
    Path instanceData;

    @Option(names = "--extra-user-data", paramLabel = "FILE",
            description = "extra user data (the bootloader's /cernvm/extra-user-data); its µCernVM keys win")
    List<Path> extraUserData = new ArrayList<>();

    /** @return an inspector configured from the options */
    UserDataInspector inspector() {
        Map<String, byte[]> includes = new LinkedHashMap<>();
        for (String spec : includeFiles) {
            int eq = spec.lastIndexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new CliFailure("--include-file wants URL=PATH, got '" + spec + "'", CliErrors.USAGE);
            }
            includes.put(spec.substring(0, eq), read(Path.of(spec.substring(eq + 1))));
        }
        UserDataInspector.Builder b = UserDataInspector.builder()
                .includeFetcher(url -> Optional.ofNullable(includes.get(url)));
        if (instanceData != null) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> data = new ObjectMapper().readValue(read(instanceData), Map.class);
                b.instanceData(data);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new CliFailure(instanceData + ": not a JSON object: " + e.getOriginalMessage(), CliErrors.USAGE);
            } catch (IOException e) {
                throw new CliFailure(instanceData + ": " + e.getMessage(), CliErrors.USAGE);
            }
        }
        extraUserData.forEach(p -> b.extraUserData(read(p)));
        return b.build();
    }

    /**
     * @param file a file named on the command line
     * @return its bytes
     * @throws CliFailure with exit code 2 when it cannot be read
     */
    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliFailure("cannot read " + CliErrors.describeIo(e), CliErrors.USAGE);
        }
    }
}
