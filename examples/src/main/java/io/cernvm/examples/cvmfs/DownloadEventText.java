package io.cernvm.examples.cvmfs;

import io.cernvm.cvmfs.download.DownloadEvent;

/** One line of the failover log that {@code cernvm cvmfs -v} prints for each download event. */
final class DownloadEventText {

    private DownloadEventText() {
    }

    /**
     * @param event a download event
     * @return its one-line description
     */
    static String of(DownloadEvent event) {
        if (event instanceof DownloadEvent.ProxySwitch e) {
            return "proxy switch " + e.from() + " -> " + e.to() + " (" + e.reason() + ", attempt " + e.attempt() + ", " + e.path() + ")";
        }
        if (event instanceof DownloadEvent.HostSwitch e) {
            return "host switch " + e.from() + " -> " + e.to() + " (" + e.reason() + ", attempt " + e.attempt() + ", " + e.path() + ")";
        }
        if (event instanceof DownloadEvent.Retry e) {
            return "retry " + e.url() + " via " + e.proxy() + " (" + e.reason() + ", attempt " + e.attempt() + ")";
        }
        if (event instanceof DownloadEvent.Backoff e) {
            return "backoff " + e.delay().toMillis() + " ms after attempt " + e.attempt() + " of " + e.path();
        }
        if (event instanceof DownloadEvent.Failure e) {
            return "failed " + e.url() + " via " + e.proxy() + ": " + e.reason() + " (" + e.detail() + ", attempt " + e.attempt() + ")";
        }
        if (event instanceof DownloadEvent.HostsOrdered e) {
            return "geo order " + e.from() + " -> " + e.to() + (e.fallbackProxies().isEmpty() ? "" : ", fallback proxies "
                    + e.fallbackProxies()) + " (from " + e.source() + ", attempt " + e.attempt() + ")";
        }
        if (event instanceof DownloadEvent.HostOrderKept e) {
            return "geo order failed, keeping " + e.hosts() + ": " + e.reason();
        }
        if (event instanceof DownloadEvent.ProxyAutoResolved e) {
            return "proxy auto -> '" + e.proxies() + "' from " + e.source() + " (" + e.detail() + "); CVMFS_HTTP_PROXY is now '" + e.chain() + "'";
        }
        DownloadEvent.Success e = (DownloadEvent.Success) event;
        return "fetched " + e.url() + " via " + e.proxy() + " (" + e.bytes() + " bytes, attempt " + e.attempt() + ")";
    }
}
