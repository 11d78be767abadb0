package io.cernvm.cvmfs.download;

import io.cernvm.api.ConfigurationException;
import io.cernvm.api.FaultLocation;
import io.cernvm.cvmfs.internal.download.ProxyChain;
import io.cernvm.cvmfs.internal.download.ServerList;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How repository files are downloaded: the host chain, the proxy chain and the failover,
 * retry and timeout parameters, named after upstream's client parameters. Defaults are those
 * of upstream's {@code mount/default.conf}. Made with {@link #builder()}, or from the client
 * configuration files by {@code ClientConfiguration.downloadSettings()}.
 *
 * @param servers         the host chain ({@code CVMFS_SERVER_URL}, placeholders substituted), at least one
 * @param httpProxy       {@code CVMFS_HTTP_PROXY}; empty means DIRECT
 * @param fallbackProxy   {@code CVMFS_FALLBACK_PROXY}; empty for none
 * @param timeout         connect and low-speed time through a proxy ({@code CVMFS_TIMEOUT}, 5 s; zero: none)
 * @param timeoutDirect   the same without a proxy ({@code CVMFS_TIMEOUT_DIRECT}, 10 s; zero: none)
 * @param lowSpeedLimit   bytes per second below which a transfer is too slow ({@code CVMFS_LOW_SPEED_LIMIT}, 1024)
 * @param maxRetries      same-URL retries of transfer errors ({@code CVMFS_MAX_RETRIES}, 1)
 * @param backoffInit     upper bound of the first random backoff ({@code CVMFS_BACKOFF_INIT}, 2 s)
 * @param backoffMax      cap of the doubling backoff ({@code CVMFS_BACKOFF_MAX}, 10 s)
 * @param proxyResetAfter time after which the first proxy group is tried again ({@code CVMFS_PROXY_RESET_AFTER}, 300 s; zero: never)
 * @param hostResetAfter  time after which the first host is tried again ({@code CVMFS_HOST_RESET_AFTER}, 1800 s; zero: never)
 * @param maxParallel     how many downloads run at once; further ones wait
 * @param userAgent       the {@code User-Agent} header
 * @param followRedirects whether HTTP redirects are followed ({@code CVMFS_FOLLOW_REDIRECTS}, no);
 *                        when not, a redirect is a host error
 * @param useGeoApi       whether the Geo API orders the host chain and the fallback proxy groups
 *                        before the first fetch ({@code CVMFS_USE_GEOAPI}, no)
 * @param proxyTemplate   the name sent to the Geo API in place of the proxy ({@code CVMFS_PROXY_TEMPLATE});
 *                        empty: the active proxy's host name, or the client's UUID without proxy
 * @param maxServers      how many hosts are kept after the Geo API ordered them ({@code CVMFS_MAX_SERVERS}); 0: all.
 *                        Without the Geo API, {@code servers} is expected to be cut already, as
 *                        {@code ClientConfiguration.downloadSettings()} does; the transport then cuts it too
 * @param pacUrls         {@code CVMFS_PAC_URLS}: the {@code ;}-separated PAC files a proxy group
 *                        {@code auto} is resolved from ({@code auto} in the list meaning
 *                        {@code http://wpad/wpad.dat}); empty for none, as upstream, which tries
 *                        no PAC file when the parameter is unset
 * @param environmentHttpProxy the {@code http_proxy} environment variable, which a group
 *                        {@code auto} takes before any PAC file; {@code null} when unset (set but
 *                        empty makes {@code auto} resolve to nothing, as upstream)
 */
public record DownloadSettings(List<URI> servers, String httpProxy, String fallbackProxy, Duration timeout, Duration timeoutDirect,
        long lowSpeedLimit, int maxRetries, Duration backoffInit, Duration backoffMax, Duration proxyResetAfter,
        Duration hostResetAfter, int maxParallel, String userAgent, boolean followRedirects, boolean useGeoApi,
        String proxyTemplate, int maxServers, String pacUrls, String environmentHttpProxy) {

    /** The default {@code User-Agent}: upstream's library form, {@code cvmfs libcvmfs <version>}. */
    public static final String DEFAULT_USER_AGENT = "cvmfs libcvmfs 2.12.0";

    /** Validates every value; the proxy strings must parse. */
    public DownloadSettings {
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new ConfigurationException(ServerList.KEY + " names no server", FaultLocation.atKey(ServerList.KEY, null, null));
        }
        httpProxy = httpProxy == null ? "" : httpProxy;
        fallbackProxy = fallbackProxy == null ? "" : fallbackProxy;
        ProxyChain.validate(httpProxy, fallbackProxy); // without resolving auto: no network here
        pacUrls = pacUrls == null ? "" : pacUrls;
        notNegative(timeout, "CVMFS_TIMEOUT");
        notNegative(timeoutDirect, "CVMFS_TIMEOUT_DIRECT");
        notNegative(backoffInit, "CVMFS_BACKOFF_INIT");
        notNegative(backoffMax, "CVMFS_BACKOFF_MAX");
        notNegative(proxyResetAfter, "CVMFS_PROXY_RESET_AFTER");
        notNegative(hostResetAfter, "CVMFS_HOST_RESET_AFTER");
        if (lowSpeedLimit < 0) {
            throw bad("CVMFS_LOW_SPEED_LIMIT", "must not be negative: " + lowSpeedLimit);
        }
        if (maxRetries < 0) {
            throw bad("CVMFS_MAX_RETRIES", "must not be negative: " + maxRetries);
        }
        if (maxParallel < 1) {
            throw new IllegalArgumentException("maxParallel must be at least 1: " + maxParallel);
        }
        Objects.requireNonNull(userAgent, "userAgent");
        if (userAgent.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw new IllegalArgumentException("User-Agent must be printable ASCII");
        }
        proxyTemplate = proxyTemplate == null ? "" : proxyTemplate;
        if (maxServers < 0) {
            throw bad("CVMFS_MAX_SERVERS", "must not be negative: " + maxServers);
        }
    }

    /**
     * The settings without the Geo API, PAC URLs and {@code http_proxy}, as before those were supported.
     *
     * @param servers         the host chain
     * @param httpProxy       {@code CVMFS_HTTP_PROXY}
     * @param fallbackProxy   {@code CVMFS_FALLBACK_PROXY}
     * @param timeout         {@code CVMFS_TIMEOUT}
     * @param timeoutDirect   {@code CVMFS_TIMEOUT_DIRECT}
     * @param lowSpeedLimit   {@code CVMFS_LOW_SPEED_LIMIT}
     * @param maxRetries      {@code CVMFS_MAX_RETRIES}
     * @param backoffInit     {@code CVMFS_BACKOFF_INIT}
     * @param backoffMax      {@code CVMFS_BACKOFF_MAX}
     * @param proxyResetAfter {@code CVMFS_PROXY_RESET_AFTER}
     * @param hostResetAfter  {@code CVMFS_HOST_RESET_AFTER}
     * @param maxParallel     how many downloads run at once
     * @param userAgent       the {@code User-Agent} header
     * @param followRedirects {@code CVMFS_FOLLOW_REDIRECTS}
     */
    public DownloadSettings(List<URI> servers, String httpProxy, String fallbackProxy, Duration timeout, Duration timeoutDirect,
            long lowSpeedLimit, int maxRetries, Duration backoffInit, Duration backoffMax, Duration proxyResetAfter,
            Duration hostResetAfter, int maxParallel, String userAgent, boolean followRedirects) {
        this(servers, httpProxy, fallbackProxy, timeout, timeoutDirect, lowSpeedLimit, maxRetries, backoffInit, backoffMax,
                proxyResetAfter, hostResetAfter, maxParallel, userAgent, followRedirects, false, "", 0, "", null);
    }

    /** @return a builder with upstream's defaults and no server */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these settings */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.servers = servers;
        b.httpProxy = httpProxy;
        b.fallbackProxy = fallbackProxy;
        b.timeout = timeout;
        b.timeoutDirect = timeoutDirect;
        b.lowSpeedLimit = lowSpeedLimit;
        b.maxRetries = maxRetries;
        b.backoffInit = backoffInit;
        b.backoffMax = backoffMax;
        b.proxyResetAfter = proxyResetAfter;
        b.hostResetAfter = hostResetAfter;
        b.maxParallel = maxParallel;
        b.userAgent = userAgent;
        b.followRedirects = followRedirects;
        b.useGeoApi = useGeoApi;
        b.proxyTemplate = proxyTemplate;
        b.maxServers = maxServers;
        b.pacUrls = pacUrls;
        b.environmentHttpProxy = environmentHttpProxy;
        return b;
    }

    private static void notNegative(Duration d, String key) {
        Objects.requireNonNull(d, key);
        if (d.isNegative()) {
            throw bad(key, "must not be negative: " + d.toSeconds() + " s");
        }
    }

    private static ConfigurationException bad(String key, String why) {
        return new ConfigurationException(key + " " + why, FaultLocation.atKey(key, null, null));
    }

    /** Collects {@link DownloadSettings}; starts from upstream's defaults. */
    public static final class Builder {
        private List<URI> servers = List.of();
        private String serverUrl;
        private String fqrn;
        private String httpProxy = "";
        private String fallbackProxy = "";
        private Duration timeout = Duration.ofSeconds(5);
        private Duration timeoutDirect = Duration.ofSeconds(10);
        private long lowSpeedLimit = 1024;
        private int maxRetries = 1;
        private Duration backoffInit = Duration.ofSeconds(2);
        private Duration backoffMax = Duration.ofSeconds(10);
        private Duration proxyResetAfter = Duration.ofSeconds(300);
        private Duration hostResetAfter = Duration.ofSeconds(1800);
        private int maxParallel = 16;
        private String userAgent = DEFAULT_USER_AGENT;
        private boolean followRedirects;
        private boolean useGeoApi;
        private String proxyTemplate = "";
        private int maxServers;
        private String pacUrls = "";
        private String environmentHttpProxy;

        private Builder() {
        }

        /**
         * @param value a {@code CVMFS_SERVER_URL} value; {@code @fqrn@} and {@code @org@} are
         *              replaced with {@link #fqrn(String)} when built
         * @return this builder
         */
        public Builder serverUrl(String value) {
            this.serverUrl = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param hosts the host chain, already substituted
         * @return this builder
         */
        public Builder servers(List<URI> hosts) {
            this.servers = List.copyOf(hosts);
            this.serverUrl = null;
            return this;
        }

        /**
         * @param name the repository name used for {@code @fqrn@} / {@code @org@}
         * @return this builder
         */
        public Builder fqrn(String name) {
            this.fqrn = name;
            return this;
        }

        /**
         * @param value {@code CVMFS_HTTP_PROXY}, e.g. {@code http://p1:3128|http://p2:3128;DIRECT}
         * @return this builder
         */
        public Builder httpProxy(String value) {
            this.httpProxy = value;
            return this;
        }

        /**
         * @param value {@code CVMFS_FALLBACK_PROXY}
         * @return this builder
         */
        public Builder fallbackProxy(String value) {
            this.fallbackProxy = value;
            return this;
        }

        /**
         * @param value {@code CVMFS_TIMEOUT}
         * @return this builder
         */
        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        /**
         * @param value {@code CVMFS_TIMEOUT_DIRECT}
         * @return this builder
         */
        public Builder timeoutDirect(Duration value) {
            this.timeoutDirect = value;
            return this;
        }

        /**
         * @param bytesPerSecond {@code CVMFS_LOW_SPEED_LIMIT}
         * @return this builder
         */
        public Builder lowSpeedLimit(long bytesPerSecond) {
            this.lowSpeedLimit = bytesPerSecond;
            return this;
        }

        /**
         * @param value {@code CVMFS_MAX_RETRIES}
         * @return this builder
         */
        public Builder maxRetries(int value) {
            this.maxRetries = value;
            return this;
        }

        /**
         * @param value {@code CVMFS_BACKOFF_INIT}
         * @return this builder
         */
        public Builder backoffInit(Duration value) {
            this.backoffInit = value;
            return this;
        }

        /**
         * @param value {@code CVMFS_BACKOFF_MAX}
         * @return this builder
         */
        public Builder backoffMax(Duration value) {
            this.backoffMax = value;
            return this;
        }

        /**
         * @param value {@code CVMFS_PROXY_RESET_AFTER}; zero: never
         * @return this builder
         */
        public Builder proxyResetAfter(Duration value) {
            this.proxyResetAfter = value;
            return this;
        }

        /**
         * @param value {@code CVMFS_HOST_RESET_AFTER}; zero: never
         * @return this builder
         */
        public Builder hostResetAfter(Duration value) {
            this.hostResetAfter = value;
            return this;
        }

        /**
         * @param value how many downloads may run at once (default 16)
         * @return this builder
         */
        public Builder maxParallel(int value) {
            this.maxParallel = value;
            return this;
        }

        /**
         * @param value the {@code User-Agent} header
         * @return this builder
         */
        public Builder userAgent(String value) {
            this.userAgent = value;
            return this;
        }

        /**
         * @param value {@code CVMFS_FOLLOW_REDIRECTS}
         * @return this builder
         */
        public Builder followRedirects(boolean value) {
            this.followRedirects = value;
            return this;
        }

        /**
         * @param value {@code CVMFS_USE_GEOAPI}: order the hosts by the Geo API before the first fetch
         * @return this builder
         */
        public Builder useGeoApi(boolean value) {
            this.useGeoApi = value;
            return this;
        }

        /**
         * @param value {@code CVMFS_PAC_URLS}, {@code ;}-separated; {@code null} or empty for none
         * @return this builder
         */
        public Builder pacUrls(String value) {
            this.pacUrls = value;
            return this;
        }

        /**
         * @param value {@code CVMFS_PROXY_TEMPLATE}, the name sent to the Geo API for the proxy; empty for none
         * @return this builder
         */
        public Builder proxyTemplate(String value) {
            this.proxyTemplate = value;
            return this;
        }

        /**
         * @param value {@code CVMFS_MAX_SERVERS}: how many hosts are kept (after the Geo API); 0 for all
         * @return this builder
         */
        public Builder maxServers(int value) {
            this.maxServers = value;
            return this;
        }

        /**
         * @param variables the process environment (e.g. {@code System.getenv()}); only
         *                  {@code http_proxy} is kept
         * @return this builder
         */
        public Builder environment(java.util.Map<String, String> variables) {
            this.environmentHttpProxy = variables.get("http_proxy");
            return this;
        }

        /**
         * @return the settings
         * @throws ConfigurationException when a value is malformed
         */
        public DownloadSettings build() {
            List<URI> hosts = serverUrl != null ? ServerList.parse(serverUrl, fqrn) : servers;
            return new DownloadSettings(hosts, httpProxy, fallbackProxy, timeout, timeoutDirect, lowSpeedLimit, maxRetries,
                    backoffInit, backoffMax, proxyResetAfter, hostResetAfter, maxParallel, userAgent, followRedirects, useGeoApi,
                    proxyTemplate, maxServers, pacUrls, environmentHttpProxy);
        }
    }
}
