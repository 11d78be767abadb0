package io.cernvm.cvmfs.config;

import io.cernvm.api.ConfigurationException;
import io.cernvm.api.FaultLocation;
import io.cernvm.cvmfs.download.DownloadSettings;
import io.cernvm.cvmfs.internal.config.ConfigFileParser;
import io.cernvm.cvmfs.internal.config.ConfigHierarchy;
import io.cernvm.cvmfs.internal.config.KnownKeys;
import io.cernvm.cvmfs.internal.config.ValueType;
import io.cernvm.cvmfs.internal.download.ServerList;
import io.cernvm.cvmfs.internal.download.Substitution;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client configuration of one repository, read as upstream reads it: the files under a
 * configuration root (default {@code /etc/cvmfs}) in the order {@code default.conf},
 * {@code default.d/*.conf}, {@code default.local}, {@code domain.d/<domain>.conf} and
 * {@code .local}, {@code config.d/<fqrn>.conf} and {@code .local}; then extra files given with
 * {@link Builder#file(Path)}; then programmatic settings ({@link Builder#set}). A later value
 * wins. Parameter names are upstream's ({@code CVMFS_SERVER_URL}, {@code CVMFS_HTTP_PROXY}, …);
 * {@code @fqrn@} and {@code @org@} are substituted in every value.
 *
 * <p>The files are read as {@code KEY=VALUE} lines with shell quoting and {@code $VAR}
 * expansion, but no shell runs: conditionals and command substitution are reported as
 * {@link #warnings()}, never executed. A malformed value of a known parameter is a
 * {@link ConfigurationException} naming key, file and line; unknown parameters are kept and
 * warned about. The files of a config repository ({@code CVMFS_CONFIG_REPOSITORY}) are not
 * read. Immutable and thread-safe.
 *
 * <pre>{@code
 * ClientConfiguration cfg = ClientConfiguration.builder()
 *         .root(Path.of("/etc/cvmfs"))
 *         .set("CVMFS_HTTP_PROXY", "DIRECT")
 *         .load("atlas.cern.ch");
 * DownloadSettings downloads = cfg.downloadSettings();
 * }</pre>
 */
public final class ClientConfiguration {

    /** The default configuration root. */
    public static final Path DEFAULT_ROOT = Path.of("/etc/cvmfs");

    private static final Logger LOG = LoggerFactory.getLogger(ClientConfiguration.class);

    private final String fqrn;
    private final Path root;
    private final Map<String, ConfigValue> entries;
    private final List<ConfigWarning> warnings;
    private final List<Path> files;
    private final Map<String, String> environment;

    private ClientConfiguration(String fqrn, Path root, Map<String, ConfigValue> entries, List<ConfigWarning> warnings, List<Path> files,
            Map<String, String> environment) {
        this.fqrn = fqrn;
        this.environment = environment;
        this.root = root;
        this.entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        this.warnings = List.copyOf(warnings);
        this.files = List.copyOf(files);
    }

    /** @return a builder reading from {@link #DEFAULT_ROOT} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param fqrn the repository name
     * @return the configuration read from {@link #DEFAULT_ROOT}
     * @throws ConfigurationException when a file cannot be read or a known value is malformed
     */
    public static ClientConfiguration load(String fqrn) {
        return builder().load(fqrn);
    }

    /** @return the repository name */
    public String fqrn() {
        return fqrn;
    }

    /** @return the configuration root the files were read from, or {@code null} when none was read */
    public Path root() {
        return root;
    }

    /** @return the files read, in order */
    public List<Path> files() {
        return files;
    }

    /** @return every parameter set, in the order of their last assignment */
    public Map<String, ConfigValue> entries() {
        return entries;
    }

    /** @return what was kept or skipped: unknown parameters, shell syntax, read-only writes */
    public List<ConfigWarning> warnings() {
        return warnings;
    }

    /**
     * @param key a parameter name
     * @return its value, if set
     */
    public Optional<String> get(String key) {
        return entry(key).map(ConfigValue::value);
    }

    /**
     * @param key a parameter name
     * @return its value and origin, if set
     */
    public Optional<ConfigValue> entry(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** @return the host chain ({@code CVMFS_SERVER_URL}) */
    public List<URI> serverUrls() {
        ConfigValue v = entries.get("CVMFS_SERVER_URL");
        if (v == null) {
            throw new ConfigurationException("CVMFS_SERVER_URL is not set for " + fqrn + "; name at least one Stratum 1 URL",
                    FaultLocation.atKey("CVMFS_SERVER_URL", null, null));
        }
        return ServerList.parse(v.value(), fqrn);
    }

    /** @return {@code CVMFS_HTTP_PROXY}; empty when unset (then every request goes DIRECT) */
    public String httpProxy() {
        return get("CVMFS_HTTP_PROXY").orElse("");
    }

    /** @return {@code CVMFS_FALLBACK_PROXY}; empty when unset */
    public String fallbackProxy() {
        return get("CVMFS_FALLBACK_PROXY").orElse("");
    }

    /** @return the master key files of {@code CVMFS_PUBLIC_KEY} ({@code :}-separated); empty when unset */
    public List<Path> publicKeys() {
        return get("CVMFS_PUBLIC_KEY").map(v -> Arrays.stream(v.split(":")).filter(s -> !s.isBlank()).map(Path::of).toList())
                .orElse(List.of());
    }

    /** @return {@code CVMFS_KEYS_DIR}, default {@code keys} under the configuration root */
    public Path keysDir() {
        return get("CVMFS_KEYS_DIR").map(Path::of).orElse((root == null ? DEFAULT_ROOT : root).resolve("keys"));
    }

    /** @return {@code CVMFS_CACHE_BASE}, default {@code /var/lib/cvmfs} */
    public Path cacheBase() {
        return Path.of(get("CVMFS_CACHE_BASE").orElse("/var/lib/cvmfs"));
    }

    /** @return {@code CVMFS_CACHE_DIR}, an exact cache directory, if set */
    public Optional<Path> cacheDir() {
        return get("CVMFS_CACHE_DIR").map(Path::of);
    }

    /** @return {@code CVMFS_SHARED_CACHE}, default yes */
    public boolean sharedCache() {
        return bool("CVMFS_SHARED_CACHE", true);
    }

    /** @return {@code CVMFS_QUOTA_LIMIT} in megabytes, default 4000; -1 means unlimited */
    public long quotaLimitMb() {
        return get("CVMFS_QUOTA_LIMIT").map(v -> Long.parseLong(v.trim())).orElse(4000L);
    }

    /** @return {@code CVMFS_TIMEOUT}, default 5 s */
    public Duration timeout() {
        return seconds("CVMFS_TIMEOUT", 5);
    }

    /** @return {@code CVMFS_TIMEOUT_DIRECT}, default 10 s */
    public Duration timeoutDirect() {
        return seconds("CVMFS_TIMEOUT_DIRECT", 10);
    }

    /** @return {@code CVMFS_MAX_RETRIES}, default 1 */
    public int maxRetries() {
        return (int) Math.min(Integer.MAX_VALUE, count("CVMFS_MAX_RETRIES", 1));
    }

    /** @return {@code CVMFS_BACKOFF_INIT}, default 2 s */
    public Duration backoffInit() {
        return seconds("CVMFS_BACKOFF_INIT", 2);
    }

    /** @return {@code CVMFS_BACKOFF_MAX}, default 10 s */
    public Duration backoffMax() {
        return seconds("CVMFS_BACKOFF_MAX", 10);
    }

    /** @return {@code CVMFS_PROXY_RESET_AFTER}, default 300 s */
    public Duration proxyResetAfter() {
        return seconds("CVMFS_PROXY_RESET_AFTER", 300);
    }

    /** @return {@code CVMFS_HOST_RESET_AFTER}, default 1800 s */
    public Duration hostResetAfter() {
        return seconds("CVMFS_HOST_RESET_AFTER", 1800);
    }

    /** @return {@code CVMFS_LOW_SPEED_LIMIT} in bytes per second, default 1024 */
    public long lowSpeedLimit() {
        return count("CVMFS_LOW_SPEED_LIMIT", 1024);
    }

    /** @return {@code CVMFS_REPOSITORY_TAG}, if set and not empty */
    public Optional<String> repositoryTag() {
        return get("CVMFS_REPOSITORY_TAG").filter(s -> !s.isEmpty());
    }

    /** @return {@code CVMFS_REPOSITORY_DATE}, if set */
    public Optional<Instant> repositoryDate() {
        return get("CVMFS_REPOSITORY_DATE").map(ValueType::parseTimestamp);
    }

    /** @return {@code CVMFS_ROOT_HASH}, if set */
    public Optional<String> rootHash() {
        return get("CVMFS_ROOT_HASH");
    }

    /**
     * @param key          a parameter name
     * @param defaultValue the value when unset
     * @return the parameter read as a boolean (yes/on/1/true, no/off/0/false)
     * @throws ConfigurationException when the value is not a boolean word
     */
    public boolean bool(String key, boolean defaultValue) {
        ConfigValue v = entries.get(key);
        if (v == null) {
            return defaultValue;
        }
        Boolean b = ValueType.parseBoolean(v.value());
        if (b == null) {
            throw malformed(v, ValueType.BOOLEAN.problem(v.value(), fqrn));
        }
        return b;
    }

    /**
     * @return the download settings these parameters give ({@code CVMFS_MAX_SERVERS}, when
     *         positive, keeps only the first servers, after the Geo API ordered them when
     *         {@code CVMFS_USE_GEOAPI} is on; {@code CERNVM_UUID} from the
     *         {@linkplain Builder#environment environment} is appended to the User-Agent)
     * @throws ConfigurationException when {@code CVMFS_SERVER_URL} is unset
     */
    public DownloadSettings downloadSettings() {
        List<URI> servers = serverUrls();
        int maxServers = (int) Math.min(Integer.MAX_VALUE, count("CVMFS_MAX_SERVERS", 0));
        boolean useGeoApi = bool("CVMFS_USE_GEOAPI", false);
        if (!useGeoApi && maxServers > 0 && maxServers < servers.size()) {
            // as mountpoint.cc: CVMFS_MAX_SERVERS truncates the chain, after the Geo API when that is on
            servers = servers.subList(0, maxServers);
        }
        return withSharedSettings(DownloadSettings.builder())
                .servers(servers)
                .httpProxy(httpProxy())
                .fallbackProxy(fallbackProxy())
                .timeout(timeout())
                .timeoutDirect(timeoutDirect())
                .useGeoApi(useGeoApi)
                .proxyTemplate(get("CVMFS_PROXY_TEMPLATE").orElse(""))
                .maxServers(maxServers)
                .build();
    }

    /** What the repository's downloads and the external ones have in common. */
    private DownloadSettings.Builder withSharedSettings(DownloadSettings.Builder b) {
        return b.lowSpeedLimit(lowSpeedLimit())
                .maxRetries(maxRetries())
                .backoffInit(backoffInit())
                .backoffMax(backoffMax())
                .proxyResetAfter(proxyResetAfter())
                .hostResetAfter(hostResetAfter())
                .followRedirects(bool("CVMFS_FOLLOW_REDIRECTS", false))
                .userAgent(userAgent())
                .pacUrls(get("CVMFS_PAC_URLS").orElse(""))
                .environment(environment);
    }

    /**
     * The settings of the second download manager that fetches external data, as
     * {@code mountpoint.cc} sets it up: hosts from {@code CVMFS_EXTERNAL_URL} (a {@code ;} list,
     * {@code @fqrn@} / {@code @org@} substituted), cut to {@code CVMFS_EXTERNAL_MAX_SERVERS} when
     * positive; proxies {@code CVMFS_EXTERNAL_HTTP_PROXY} (default DIRECT) and
     * {@code CVMFS_EXTERNAL_FALLBACK_PROXY} (default none, the normal ones are not inherited);
     * timeouts {@code CVMFS_EXTERNAL_TIMEOUT} / {@code _TIMEOUT_DIRECT}, defaulting to the normal
     * ones; retries, backoff, resets, speed limit, redirects and User-Agent as the normal
     * downloads. The Geo API does not reorder external hosts here.
     *
     * @return the external download settings, empty when {@code CVMFS_EXTERNAL_URL} is unset or empty
     * @throws ConfigurationException when a value is unusable
     */
    public Optional<DownloadSettings> externalDownloadSettings() {
        ConfigValue url = entries.get("CVMFS_EXTERNAL_URL");
        if (url == null || url.value().isBlank()) {
            return Optional.empty();
        }
        List<URI> servers = ServerList.parse(url.value(), fqrn);
        int maxServers = (int) Math.min(Integer.MAX_VALUE, count("CVMFS_EXTERNAL_MAX_SERVERS", 0));
        if (maxServers > 0 && maxServers < servers.size()) {
            servers = servers.subList(0, maxServers);
        }
        return Optional.of(withSharedSettings(DownloadSettings.builder())
                .servers(servers)
                .httpProxy(get("CVMFS_EXTERNAL_HTTP_PROXY").orElse("DIRECT"))
                .fallbackProxy(get("CVMFS_EXTERNAL_FALLBACK_PROXY").orElse(""))
                .timeout(get("CVMFS_EXTERNAL_TIMEOUT").map(v -> Duration.ofSeconds(ValueType.parseCount(v))).orElse(timeout()))
                .timeoutDirect(get("CVMFS_EXTERNAL_TIMEOUT_DIRECT").map(v -> Duration.ofSeconds(ValueType.parseCount(v)))
                        .orElse(timeoutDirect()))
                .useGeoApi(false)
                .maxServers(maxServers)
                .build());
    }

    /** Upstream appends the {@code CERNVM_UUID} environment variable to its User-Agent. */
    private String userAgent() {
        String uuid = environment.get("CERNVM_UUID");
        boolean printable = uuid != null && !uuid.isBlank() && uuid.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        return printable ? DownloadSettings.DEFAULT_USER_AGENT + " " + uuid : DownloadSettings.DEFAULT_USER_AGENT;
    }

    private Duration seconds(String key, long dflt) {
        return Duration.ofSeconds(count(key, dflt));
    }

    private long count(String key, long dflt) {
        return get(key).map(ValueType::parseCount).orElse(dflt);
    }

    private static ConfigurationException malformed(ConfigValue v, String problem) {
        return new ConfigurationException("malformed value '" + v.value() + "' of " + v.key() + ": " + problem,
                FaultLocation.atKey(v.key(), v.source(), v.line()));
    }

    /** @return the parameters, one per line, with their origins */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ClientConfiguration[" + fqrn + "]");
        entries.values().forEach(v -> sb.append("\n  ").append(v));
        return sb.toString();
    }

    /** Where to read the configuration from, and settings that override it. */
    public static final class Builder {
        private Path root = DEFAULT_ROOT;
        private boolean readHierarchy = true;
        private final List<Path> extraFiles = new ArrayList<>();
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private Map<String, String> environment = Map.of();

        private Builder() {
        }

        /**
         * @param directory the configuration root instead of {@code /etc/cvmfs}
         * @return this builder
         */
        public Builder root(Path directory) {
            this.root = Objects.requireNonNull(directory, "directory");
            this.readHierarchy = true;
            return this;
        }

        /** @return this builder, set to read no file under a root (only extra files and settings) */
        public Builder noRoot() {
            this.readHierarchy = false;
            return this;
        }

        /**
         * @param file a file in the configuration syntax read after the hierarchy (the CLI's
         *             {@code --config}); it must exist
         * @return this builder
         */
        public Builder file(Path file) {
            extraFiles.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /**
         * @param key   a parameter name
         * @param value its value; wins over every file
         * @return this builder
         */
        public Builder set(String key, String value) {
            overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @param settings parameters that win over every file
         * @return this builder
         */
        public Builder setAll(Map<String, String> settings) {
            settings.forEach(this::set);
            return this;
        }

        /**
         * @param variables values for {@code $VAR} in the files when no file sets the
         *                  variable, and {@code CERNVM_UUID} for the User-Agent; the process
         *                  environment is not read unless passed here
         * @return this builder
         */
        public Builder environment(Map<String, String> variables) {
            this.environment = Map.copyOf(variables);
            return this;
        }

        /**
         * Reads the configuration of one repository.
         *
         * @param fqrn the repository name
         * @return the configuration
         * @throws ConfigurationException when the name is unusable, a file cannot be read, a
         *                                quote is unterminated, or a known value is malformed
         */
        public ClientConfiguration load(String fqrn) {
            ConfigHierarchy.checkName(fqrn);
            Loader loader = new Loader(fqrn, environment);
            if (readHierarchy) {
                for (Path f : ConfigHierarchy.defaults(root)) {
                    loader.read(f, false);
                }
                // as options.cc: once default.d is read, the config repository is fixed
                if (loader.values.containsKey("CVMFS_CONFIG_REPOSITORY")) {
                    loader.readonly.add("CVMFS_CONFIG_REPOSITORY");
                }
                for (Path f : ConfigHierarchy.afterDefaults(root, fqrn)) {
                    loader.read(f, false);
                }
            }
            for (Path f : extraFiles) {
                loader.read(f, true);
            }
            overrides.forEach((k, v) -> loader.put(new ConfigValue(k, Substitution.apply(v, fqrn), ConfigValue.OVERRIDE, null), false, true));
            loader.validate();
            if (!loader.values.containsKey("CVMFS_HTTP_PROXY")) {
                loader.warnings.add(new ConfigWarning("CVMFS_HTTP_PROXY", ConfigValue.OVERRIDE, null,
                        "not set: downloads go DIRECT (the FUSE client refuses to mount without it)"));
            }
            loader.warnings.forEach(w -> LOG.warn("configuration of {}: {}", fqrn, w));
            return new ClientConfiguration(fqrn, readHierarchy ? root : null, loader.values, loader.warnings, loader.files, environment);
        }
    }

    /** The state while reading files in order. */
    private static final class Loader {
        final String fqrn;
        final Map<String, String> environment;
        final Map<String, ConfigValue> values = new LinkedHashMap<>();
        final Set<String> readonly = new HashSet<>();
        final List<ConfigWarning> warnings = new ArrayList<>();
        final List<Path> files = new ArrayList<>();

        Loader(String fqrn, Map<String, String> environment) {
            this.fqrn = fqrn;
            this.environment = environment;
        }

        void read(Path file, boolean required) {
            String source = file.toString();
            String text;
            try {
                if (Files.size(file) > ConfigFileParser.MAX_BYTES) {
                    throw new ConfigurationException("configuration file larger than " + ConfigFileParser.MAX_BYTES + " bytes",
                            FaultLocation.atPath(source));
                }
                text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            } catch (CharacterCodingException e) {
                throw new ConfigurationException("configuration file is not UTF-8 text", FaultLocation.atPath(source), e);
            } catch (java.nio.file.NoSuchFileException e) {
                if (required) {
                    throw new ConfigurationException("configuration file does not exist", FaultLocation.atPath(source), e);
                }
                return;
            } catch (IOException e) {
                throw new ConfigurationException("cannot read configuration file: " + e.getMessage(), FaultLocation.atPath(source), e);
            }
            files.add(file);
            ConfigFileParser.Result result = ConfigFileParser.parse(source, text, name -> {
                if (name.equals("CVMFS_FQRN")) {
                    return fqrn;
                }
                ConfigValue v = values.get(name);
                return v != null ? v.value() : environment.get(name);
            });
            for (ConfigFileParser.Note n : result.notes()) {
                warnings.add(new ConfigWarning(null, source, n.line(), n.message()));
            }
            for (ConfigFileParser.Assignment a : result.assignments()) {
                put(new ConfigValue(a.key(), Substitution.apply(a.value(), fqrn), source, a.line()), a.readonly(), false);
            }
        }

        void put(ConfigValue v, boolean makeReadonly, boolean override) {
            if (!override && readonly.contains(v.key())) {
                warnings.add(new ConfigWarning(v.key(), v.source(), v.line(), "read-only parameter; this assignment is ignored"));
                return;
            }
            values.remove(v.key()); // keep the order of the last assignment
            values.put(v.key(), v);
            if (makeReadonly) {
                readonly.add(v.key());
            }
        }

        void validate() {
            for (ConfigValue v : values.values()) {
                Optional<ValueType> type = KnownKeys.type(v.key());
                if (type.isEmpty()) {
                    warnings.add(new ConfigWarning(v.key(), v.source(), v.line(), "unknown parameter, kept"));
                    continue;
                }
                String problem = type.get().problem(v.value(), fqrn);
                if (problem != null) {
                    throw malformed(v, problem);
                }
            }
        }
    }
}
