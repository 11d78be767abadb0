package io.cernvm.cvmfs.internal.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Upstream client parameters this library knows, with the shape of their values. Only some are
 * used here; the others are known so that real configuration files do not raise warnings.
 */
public final class KnownKeys {

    private static final Map<String, ValueType> TYPES = build();

    private KnownKeys() {
    }

    /**
     * @param key a parameter name
     * @return its value shape, empty for an unknown parameter
     */
    public static Optional<ValueType> type(String key) {
        return Optional.ofNullable(TYPES.get(key));
    }

    private static Map<String, ValueType> build() {
        Map<String, ValueType> m = new HashMap<>();
        m.put("CVMFS_SERVER_URL", ValueType.SERVER_LIST);
        m.put("CVMFS_HTTP_PROXY", ValueType.PROXY_LIST);
        m.put("CVMFS_FALLBACK_PROXY", ValueType.PROXY_LIST);
        m.put("CVMFS_EXTERNAL_URL", ValueType.SERVER_LIST);
        m.put("CVMFS_EXTERNAL_HTTP_PROXY", ValueType.PROXY_LIST);
        m.put("CVMFS_EXTERNAL_FALLBACK_PROXY", ValueType.PROXY_LIST);
        m.put("CVMFS_EXTERNAL_MAX_SERVERS", ValueType.COUNT);
        for (String k : new String[] {"CVMFS_TIMEOUT", "CVMFS_TIMEOUT_DIRECT", "CVMFS_BACKOFF_INIT", "CVMFS_BACKOFF_MAX",
            "CVMFS_PROXY_RESET_AFTER", "CVMFS_HOST_RESET_AFTER", "CVMFS_EXTERNAL_TIMEOUT", "CVMFS_EXTERNAL_TIMEOUT_DIRECT",
            "CVMFS_KCACHE_TIMEOUT", "CVMFS_DNS_TIMEOUT"}) {
            m.put(k, ValueType.SECONDS);
        }
        for (String k : new String[] {"CVMFS_MAX_RETRIES", "CVMFS_LOW_SPEED_LIMIT", "CVMFS_MAX_SERVERS", "CVMFS_MAX_TTL",
            "CVMFS_DNS_RETRIES", "CVMFS_MAX_IPADDR_PER_PROXY", "CVMFS_NFILES", "CVMFS_MEMCACHE_SIZE", "CVMFS_SYSLOG_LEVEL",
            "CVMFS_SYSLOG_FACILITY", "CVMFS_DNS_MIN_TTL", "CVMFS_DNS_MAX_TTL", "CVMFS_CATALOG_WATERMARK"}) {
            m.put(k, ValueType.COUNT);
        }
        m.put("CVMFS_QUOTA_LIMIT", ValueType.MEGABYTES);
        for (String k : new String[] {"CVMFS_SHARED_CACHE", "CVMFS_USE_GEOAPI", "CVMFS_FOLLOW_REDIRECTS", "CVMFS_SEND_INFO_HEADER",
            "CVMFS_CLAIM_OWNERSHIP", "CVMFS_PROXY_SHARD", "CVMFS_STRICT_MOUNT", "CVMFS_AUTO_UPDATE", "CVMFS_IGNORE_SIGNATURE",
            "CVMFS_FAILOVER_INDEFINITELY", "CVMFS_HIDE_MAGIC_XATTRS", "CVMFS_SYSTEMD_NOKILL", "CVMFS_HTTP_TRACING",
            "CVMFS_ENFORCE_ACLS", "CVMFS_CHECK_PERMISSIONS", "CVMFS_USE_SSL_SYSTEM_CA", "CVMFS_CONFIG_REPO_REQUIRED",
            "CVMFS_NFS_SOURCE", "CVMFS_NFS_SHARED", "CVMFS_INSTRUMENT_FUSE", "CVMFS_SUID"}) {
            m.put(k, ValueType.BOOLEAN);
        }
        for (String k : new String[] {"CVMFS_KEYS_DIR", "CVMFS_CACHE_BASE", "CVMFS_CACHE_DIR", "CVMFS_ALIEN_CACHE",
            "CVMFS_MOUNT_DIR", "CVMFS_WORKSPACE"}) {
            m.put(k, ValueType.PATH);
        }
        m.put("CVMFS_PUBLIC_KEY", ValueType.PATH_LIST);
        m.put("CVMFS_REPOSITORY_DATE", ValueType.TIMESTAMP);
        m.put("CVMFS_ROOT_HASH", ValueType.HASH);
        for (String k : new String[] {"CVMFS_REPOSITORY_TAG", "CVMFS_CONFIG_REPOSITORY", "CVMFS_PAC_URLS", "CVMFS_PROXY_TEMPLATE",
            "CVMFS_USER", "CVMFS_RELOAD_SOCKETS", "CVMFS_UID_MAP", "CVMFS_GID_MAP", "CVMFS_IPFAMILY_PREFER", "CVMFS_DNS_SERVER",
            "CVMFS_DEBUGLOG", "CVMFS_USYSLOG", "CVMFS_CLIENT_PROFILE", "CVMFS_REPOSITORIES", "CVMFS_CACHE_PRIMARY",
            "CVMFS_BASE_ENV", "CVMFS_FQRN", "CVMFS_DEFAULT_DOMAIN", "CVMFS_TRACEFILE", "CVMFS_CPU_AFFINITY", "CVMFS_AUTHZ_HELPER",
            "CVMFS_LIBRARY_PATH", "CVMFS_HTTP_TRACING_HEADERS", "CVMFS_SERVER_CACHE_MODE", "CVMFS_CACHE_REFCOUNT",
            "CVMFS_MAGIC_XATTRS_VISIBILITY", "CVMFS_BLACKLIST", "CVMFS_DNS_ROAMING", "CVMFS_ARCH", "CVMFS_MOUNT_RW",
            "CVMFS_TELEMETRY_SEND", "CVMFS_TELEMETRY_RATE", "CVMFS_INFLUX_HOST", "CVMFS_INFLUX_PORT", "CVMFS_INFLUX_METRIC_NAME",
            "CVMFS_CACHE_SYMLINKS", "CVMFS_STREAMING_CACHE", "CVMFS_X509_CERT_DIR", "CVMFS_X509_CERT_BUNDLE", "CVMFS_OOM_SCORE_ADJ",
            "CVMFS_MAX_EXTERNAL_SERVERS", "CVMFS_CACHE_EXTERNAL_SIZE", "CVMFS_PROXY_SHARD_SIZE"}) {
            m.put(k, ValueType.STRING);
        }
        return Map.copyOf(m);
    }
}
