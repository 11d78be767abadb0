package io.cernvm.examples.cvmfs;

import io.cernvm.cvmfs.config.ClientConfiguration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every {@code cernvm cvmfs} command shares, given before the command: extra
 * configuration files, single-key overrides, the configuration root and verbosity. Commands
 * reach them through their {@code @ParentCommand} {@link CvmfsCommand}; another command group
 * can reuse them as a {@code @Mixin}.
 */
public final class ClientOptions {

    /** The environment variable naming the configuration root (tests point it at a directory of their own). */
    public static final String CONFIG_ROOT_VARIABLE = "CVMFS_CONFIG_ROOT";

    @Option(names = "--config", paramLabel = "FILE",
            description = "a file in the client configuration syntax, read after the configuration hierarchy (repeatable)")
    List<Path> configFiles = new ArrayList<>();

    @Option(names = "-o", paramLabel = "KEY=VALUE",
            description = "set one parameter, winning over every file (repeatable); "
                    + "the way to pin a revision: -o CVMFS_REPOSITORY_TAG=v1.0")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--config-root", paramLabel = "DIR",
            description = "the configuration root instead of /etc/cvmfs (default: $" + CONFIG_ROOT_VARIABLE + " when set)")
    Path configRoot;

    @Option(names = {"-v", "--verbose"}, description = "print every download event (the failover log) on standard error")
    boolean verbose;

    /** @return whether download events are printed */
    public boolean verbose() {
        return verbose;
    }

    /** @return the configuration root: {@code --config-root}, else {@code $CVMFS_CONFIG_ROOT}, else {@code /etc/cvmfs} */
    public Path configRoot() {
        if (configRoot != null) {
            return configRoot;
        }
        String fromEnvironment = System.getenv(CONFIG_ROOT_VARIABLE);
        return fromEnvironment == null || fromEnvironment.isBlank() ? ClientConfiguration.DEFAULT_ROOT : Path.of(fromEnvironment);
    }

    /** @return the {@code -o} overrides in command-line order */
    public Map<String, String> overrides() {
        return Map.copyOf(overrides);
    }

    /** @return the {@code --config} files in command-line order */
    public List<Path> configFiles() {
        return List.copyOf(configFiles);
    }

    /**
     * Reads the configuration of one repository: the hierarchy under {@link #configRoot()}, then
     * the {@code --config} files, then the {@code -o} overrides.
     *
     * @param fqrn the repository name
     * @return the configuration
     * @throws io.cernvm.api.ConfigurationException when a file is unreadable or a known value malformed
     */
    public ClientConfiguration configuration(String fqrn) {
        ClientConfiguration.Builder b = ClientConfiguration.builder().root(configRoot()).environment(System.getenv());
        configFiles.forEach(b::file);
        overrides.forEach(b::set);
        return b.load(fqrn);
    }
}
