package io.cernvm.cvmfs.nio;

import io.cernvm.cvmfs.CvmfsClient;
import io.cernvm.cvmfs.Repository;
import io.cernvm.cvmfs.RevisionPin;
import io.cernvm.cvmfs.config.ClientConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Opens a repository from a provider's {@code env} map: the SDK's keys pick the configuration
 * root, a local directory, a clock and a work directory; every other key is an upstream
 * parameter that wins over the configuration files. Over HTTP the client takes the whole
 * configuration ({@link CvmfsClient.Builder#configuration}: downloads, disk cache, keys,
 * revision); a local directory takes keys, revision and mount directory from it.
 */
final class ConfiguredRepository {

    private static final Set<String> SDK_KEYS = Set.of(CvmfsFileSystemProvider.LOCAL_REPOSITORY, CvmfsFileSystemProvider.CONFIG_ROOT,
            CvmfsFileSystemProvider.CLOCK, CvmfsFileSystemProvider.WORK_DIRECTORY, CvmfsFileSystemProvider.SYMLINK_ENVIRONMENT);

    private ConfiguredRepository() {
    }

    static Repository open(String fqrn, Map<String, ?> env, Path defaultConfigRoot) {
        Path root = path(env, CvmfsFileSystemProvider.CONFIG_ROOT);
        ClientConfiguration.Builder cb = ClientConfiguration.builder().root(root != null ? root : defaultConfigRoot);
        env.forEach((k, v) -> {
            if (!SDK_KEYS.contains(k)) {
                if (!(v instanceof String s)) {
                    throw new IllegalArgumentException("the value of " + k + " is a string, not " + describe(v));
                }
                cb.set(k, s);
            }
        });
        ClientConfiguration cfg = cb.load(fqrn);
        return open(cfg, env);
    }

    private static Repository open(ClientConfiguration cfg, Map<String, ?> env) {
        CvmfsClient.Builder b = CvmfsClient.builder();
        Path local = path(env, CvmfsFileSystemProvider.LOCAL_REPOSITORY);
        if (local != null) {
            // a Stratum 0 directory: no downloads and no disk cache, the rest as configured
            b.localRepository(local);
            b.externalDownloads(cfg.externalDownloadSettings().orElse(null)); // external data is always over HTTP
            // as mountpoint.cc: CVMFS_PUBLIC_KEY takes precedence over CVMFS_KEYS_DIR
            List<Path> keys = cfg.publicKeys();
            if (keys.isEmpty() && Files.isDirectory(cfg.keysDir())) {
                keys = List.of(cfg.keysDir());
            }
            b.publicKeys(keys);
            cfg.get("CVMFS_MOUNT_DIR").ifPresent(b::mountDirectory);
            b.revision(new RevisionPin(cfg.rootHash().filter(h -> !h.isBlank()).orElse(null), cfg.repositoryTag().orElse(null),
                    cfg.repositoryDate().orElse(null)));
        } else {
            // HTTP through the proxy and host chains, the disk cache, keys, revision: as the client reads them
            b.configuration(cfg);
        }
        Object clock = env.get(CvmfsFileSystemProvider.CLOCK);
        if (clock != null && !(clock instanceof Clock)) {
            throw new IllegalArgumentException("the value of " + CvmfsFileSystemProvider.CLOCK + " is a java.time.Clock, not " + describe(clock));
        }
        if (clock != null) {
            b.clock((Clock) clock);
        }
        b.symlinkEnvironment(variables(env.get(CvmfsFileSystemProvider.SYMLINK_ENVIRONMENT)));
        Path work = path(env, CvmfsFileSystemProvider.WORK_DIRECTORY);
        if (work != null) {
            b.workDirectory(work);
        }
        return b.build().open(cfg.fqrn());
    }

    private static Path path(Map<String, ?> env, String key) {
        Object v = env.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Path p) {
            return p;
        }
        if (v instanceof String s) {
            return Path.of(s);
        }
        throw new IllegalArgumentException("the value of " + key + " is a Path or a string, not " + describe(v));
    }

    private static Map<String, String> variables(Object v) {
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, String> out = new java.util.HashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k) || !(e.getValue() instanceof String value)) {
                    throw new IllegalArgumentException("the value of " + CvmfsFileSystemProvider.SYMLINK_ENVIRONMENT
                            + " maps strings to strings, not " + describe(e.getKey()) + " to " + describe(e.getValue()));
                }
                out.put(k, value);
            }
            return out;
        }
        throw new IllegalArgumentException("the value of " + CvmfsFileSystemProvider.SYMLINK_ENVIRONMENT + " is a Map, not " + describe(v));
    }

    private static String describe(Object v) {
        return v == null ? "null" : v.getClass().getName();
    }
}
