package io.cernvm.cvmfs.internal.config;

import io.cernvm.api.ConfigurationException;
import io.cernvm.api.FaultLocation;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The client configuration files of one repository in upstream's order ({@code options.cc},
 * {@code cvmfs_options_parse_default}); later files win: {@code default.conf},
 * {@code default.d/*.conf} (sorted), {@code default.local}, {@code domain.d/<domain>.conf},
 * {@code domain.d/<domain>.local}, {@code config.d/<fqrn>.conf}, {@code config.d/<fqrn>.local},
 * where the domain is the repository name without its first label. The files of a config
 * repository ({@code CVMFS_CONFIG_REPOSITORY}) would be read between these; they need a mounted
 * repository and are not read here.
 */
public final class ConfigHierarchy {

    private static final Pattern FQRN = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private ConfigHierarchy() {
    }

    /**
     * @param fqrn a repository name
     * @throws ConfigurationException when the name could escape the configuration directories
     */
    public static void checkName(String fqrn) {
        if (fqrn == null || fqrn.length() > 255 || !FQRN.matcher(fqrn).matches()) {
            throw new ConfigurationException("not a repository name: '" + fqrn + "' (expected labels of letters, digits, '-' and '_' joined by dots)",
                    FaultLocation.atKey("CVMFS_FQRN", null, null));
        }
    }

    /**
     * @param fqrn a repository name, e.g. {@code atlas.cern.ch}
     * @return its domain, e.g. {@code cern.ch}, or {@code null} for a name without dots
     */
    public static String domain(String fqrn) {
        int dot = fqrn.indexOf('.');
        return dot < 0 ? null : fqrn.substring(dot + 1);
    }

    /**
     * @param root the configuration root, e.g. {@code /etc/cvmfs}
     * @param fqrn the repository name
     * @return the files that exist, in reading order; the position just after
     *         {@code default.d} is marked by {@link #afterDefaults(Path, String)}
     */
    public static List<Path> files(Path root, String fqrn) {
        List<Path> files = new ArrayList<>(defaults(root));
        files.addAll(rest(root, fqrn));
        return files.stream().filter(Files::isRegularFile).toList();
    }

    /** @return {@code default.conf} and {@code default.d/*.conf}, which exist, in order */
    public static List<Path> defaults(Path root) {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("default.conf"));
        Path dir = root.resolve("default.d");
        if (Files.isDirectory(dir)) {
            List<Path> confs = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.conf")) {
                ds.forEach(confs::add);
            } catch (IOException e) {
                throw new ConfigurationException("cannot list " + dir + ": " + e.getMessage(), FaultLocation.atPath(dir.toString()), e);
            }
            confs.sort(null);
            files.addAll(confs);
        }
        return files.stream().filter(Files::isRegularFile).toList();
    }

    /** @return the files after {@code default.d}, which exist, in order */
    public static List<Path> afterDefaults(Path root, String fqrn) {
        return rest(root, fqrn).stream().filter(Files::isRegularFile).toList();
    }

    private static List<Path> rest(Path root, String fqrn) {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("default.local"));
        String domain = domain(fqrn);
        if (domain != null) {
            files.add(root.resolve("domain.d").resolve(domain + ".conf"));
            files.add(root.resolve("domain.d").resolve(domain + ".local"));
        }
        files.add(root.resolve("config.d").resolve(fqrn + ".conf"));
        files.add(root.resolve("config.d").resolve(fqrn + ".local"));
        return files;
    }
}
