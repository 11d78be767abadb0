package io.cernvm.context.amiconfig;

import java.util.List;

/**
 * The {@code [squid]} section as the {@code squid} plugin reads it ({@code null} = not set;
 * defaults {@code /var/spool/squid} and {@code 50000}). Serialised by its component names.
 *
 * @param backends     the comma-separated back-end servers
 * @param cacheDir     the cache directory
 * @param cacheDirSize the cache size in MB
 */
public record SquidPluginConfig(List<String> backends, String cacheDir, String cacheDirSize) {

    /** Copies the list. */
    public SquidPluginConfig {
        backends = backends == null ? null : List.copyOf(backends);
    }

    static SquidPluginConfig of(AmiconfigSection s) {
        return new SquidPluginConfig(s.get("backends").map(PluginValues::commaList).orElse(null),
                s.get("cache_dir").orElse(null), s.get("cache_dir_size").orElse(null));
    }
}
