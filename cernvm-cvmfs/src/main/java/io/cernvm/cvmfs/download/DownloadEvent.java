package io.cernvm.cvmfs.download;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Something that happened while downloading a repository file: the log that answers "why did
 * my node go DIRECT?". Proxies are named as in the proxy string ({@code http://host:port}) or
 * {@code DIRECT}; {@code attempt} counts the HTTP attempts of one fetch from 1.
 */
public sealed interface DownloadEvent {

    /** @return the repository-relative path being fetched */
    String path();

    /** @return the 1-based attempt of the fetch this event belongs to */
    int attempt();

    /**
     * The active proxy changed.
     *
     * @param path    the path being fetched
     * @param from    the proxy given up
     * @param to      the proxy now active
     * @param reason  why
     * @param attempt the attempt that caused it
     */
    record ProxySwitch(String path, String from, String to, FailoverReason reason, int attempt) implements DownloadEvent {
        /** Checks that every component is present. */
        public ProxySwitch {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The active host (Stratum 1) changed.
     *
     * @param path    the path being fetched
     * @param from    the host given up
     * @param to      the host now active
     * @param reason  why
     * @param attempt the attempt that caused it
     */
    record HostSwitch(String path, URI from, URI to, FailoverReason reason, int attempt) implements DownloadEvent {
        /** Checks that every component is present. */
        public HostSwitch {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The same URL through the same proxy is tried again after a transfer error.
     *
     * @param path    the path being fetched
     * @param url     the URL tried again
     * @param proxy   the proxy used again
     * @param reason  the transfer error
     * @param attempt the attempt that failed
     */
    record Retry(String path, URI url, String proxy, FailoverReason reason, int attempt) implements DownloadEvent {
        /** Checks that every component is present. */
        public Retry {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(proxy, "proxy");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The fetch waits before retrying: random in [0, {@code CVMFS_BACKOFF_INIT}] the first
     * time, then doubling, capped at {@code CVMFS_BACKOFF_MAX}.
     *
     * @param path    the path being fetched
     * @param delay   how long
     * @param attempt the attempt that failed
     */
    record Backoff(String path, Duration delay, int attempt) implements DownloadEvent {
        /** Checks that every component is present. */
        public Backoff {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(delay, "delay");
        }
    }

    /**
     * One attempt failed.
     *
     * @param path    the path being fetched
     * @param url     the URL requested
     * @param proxy   the proxy used
     * @param reason  the classified failure
     * @param detail  what exactly went wrong (status line, exception message)
     * @param attempt the attempt
     */
    record Failure(String path, URI url, String proxy, FailoverReason reason, String detail, int attempt) implements DownloadEvent {
        /** Checks that every component is present. */
        public Failure {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(proxy, "proxy");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * The file arrived.
     *
     * @param path    the path fetched
     * @param url     the URL that answered
     * @param proxy   the proxy used
     * @param bytes   the body size
     * @param attempt the successful attempt
     */
    record Success(String path, URI url, String proxy, long bytes, int attempt) implements DownloadEvent {
        /** Checks that every component is present. */
        public Success {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(proxy, "proxy");
        }
    }

    /**
     * The Geo API ordered the host chain (and the fallback proxy groups) by proximity, once,
     * before the first repository fetch ({@code CVMFS_USE_GEOAPI}); the first host of
     * {@code to} is now active.
     *
     * @param path            the Geo API path asked, below the answering host's URL
     * @param from            the host chain before
     * @param to              the host chain now
     * @param fallbackProxies the fallback proxy groups now, in order, each as in the proxy string; empty when none
     * @param source          the URL that answered
     * @param attempt         how many Geo API requests were made (at most three)
     */
    record HostsOrdered(String path, List<URI> from, List<URI> to, List<String> fallbackProxies, URI source, int attempt)
            implements DownloadEvent {
        /** Checks that every component is present and copies the lists. */
        public HostsOrdered {
            Objects.requireNonNull(path, "path");
            from = List.copyOf(from);
            to = List.copyOf(to);
            fallbackProxies = List.copyOf(fallbackProxies);
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * The Geo API gave no usable order ({@code CVMFS_USE_GEOAPI}): every host asked failed or
     * answered something that is not a permutation of the names sent. The configured order
     * stays; the repository is opened anyway, as upstream mounts anyway.
     *
     * @param path    the Geo API path asked, below each host's URL
     * @param hosts   the host chain, unchanged
     * @param reason  what each request got, {@code ; }-separated
     * @param attempt how many Geo API requests were made (at most three)
     */
    record HostOrderKept(String path, List<URI> hosts, String reason, int attempt) implements DownloadEvent {
        /** Checks that every component is present and copies the list. */
        public HostOrderKept {
            Objects.requireNonNull(path, "path");
            hosts = List.copyOf(hosts);
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The proxy group {@code auto} of {@code CVMFS_HTTP_PROXY} was resolved, once, when the
     * transport was built (upstream resolves it when it sets up its download manager). Not part
     * of a fetch: {@link #path()} is empty and {@link #attempt()} is 0.
     *
     * @param source  where the proxies came from: {@code http_proxy}, the URL of the PAC file
     *                that answered, or {@code none}
     * @param proxies what {@code auto} stands for, e.g. {@code squid:3128;DIRECT}; empty when nothing
     *                was found (the group is then dropped)
     * @param chain   {@code CVMFS_HTTP_PROXY} after the replacement; empty when nothing is left
     * @param detail  why: the PAC files tried and how each failed, or what answered
     */
    record ProxyAutoResolved(String source, String proxies, String chain, String detail) implements DownloadEvent {
        /** Checks that every component is present. */
        public ProxyAutoResolved {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(proxies, "proxies");
            Objects.requireNonNull(chain, "chain");
            Objects.requireNonNull(detail, "detail");
        }

        /** @return the empty string: no file is being fetched */
        @Override
        public String path() {
            return "";
        }

        /** @return 0: no fetch attempt */
        @Override
        public int attempt() {
            return 0;
        }
    }
}
