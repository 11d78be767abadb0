package io.cernvm.cvmfs.download;

/**
 * Why a download attempt failed or why the active host or proxy changed. The failure kinds
 * are those of upstream's {@code network/network_errors.h}; the side (proxy or host) says which
 * chain a failure counts against, as {@code download.cc}'s {@code VerifyAndFinalize} decides.
 */
public enum FailoverReason {
    /** The proxy's name did not resolve. */
    PROXY_RESOLVE(Side.PROXY, false, "failed to resolve proxy address"),
    /** The server's name did not resolve. */
    HOST_RESOLVE(Side.HOST, false, "failed to resolve host address"),
    /** The proxy refused the connection or was unreachable; failed over at once, without retry or backoff. */
    PROXY_REFUSED(Side.PROXY, false, "proxy refused the connection"),
    /** The server refused the connection or was unreachable; failed over at once, without retry or backoff. */
    HOST_REFUSED(Side.HOST, false, "host refused the connection"),
    /** Another connection problem with the server, such as HTTP 429 (rate limiting); retried. */
    HOST_CONNECTION(Side.HOST, true, "host connection problem"),
    /** The proxy answered with an HTTP error of its own (a Squid error header, or a non-host error status). */
    PROXY_HTTP(Side.PROXY, false, "proxy returned HTTP error"),
    /** The server answered 400, 404, a 5xx or an unfollowed redirect. */
    HOST_HTTP(Side.HOST, false, "host returned HTTP error"),
    /** No connection or too few bytes per second through the proxy within the timeout; retried. */
    PROXY_TOO_SLOW(Side.PROXY, true, "proxy serving data too slowly"),
    /** No connection or too few bytes per second from the server within the direct timeout; retried. */
    HOST_TOO_SLOW(Side.HOST, true, "host serving data too slowly"),
    /** The transfer through the proxy was cut short (reset, early close, short body); retried. */
    PROXY_SHORT_TRANSFER(Side.PROXY, true, "proxy data transfer cut short"),
    /** The transfer from the server was cut short; retried. */
    HOST_SHORT_TRANSFER(Side.HOST, true, "host data transfer cut short"),
    /** Every proxy failed for this request, so the next host is tried with the proxy groups reset. */
    HOST_AFTER_PROXY(Side.HOST, false, "all proxies failed, trying host fail-over"),
    /** The caller reported that bytes served by the host failed verification. */
    BAD_DATA(Side.HOST, false, "corrupted data received"),
    /** {@code CVMFS_PROXY_RESET_AFTER} elapsed: back to the first proxy group. */
    PROXY_RESET_AFTER(Side.PROXY, false, "proxy reset time elapsed"),
    /** {@code CVMFS_HOST_RESET_AFTER} elapsed: back to the first host. */
    HOST_RESET_AFTER(Side.HOST, false, "host reset time elapsed"),
    /** Anything else, e.g. a body too large to hold. */
    OTHER(Side.HOST, false, "unknown network error");

    /** Which chain a reason counts against. */
    public enum Side {
        /** The proxy chain. */
        PROXY,
        /** The host (Stratum 1) chain. */
        HOST
    }

    private final Side side;
    private final boolean transfer;
    private final String description;

    FailoverReason(Side side, boolean transfer, String description) {
        this.side = side;
        this.transfer = transfer;
        this.description = description;
    }

    /** @return the chain this reason counts against */
    public Side side() {
        return side;
    }

    /**
     * @return whether this is a transfer error that upstream retries on the same URL after a
     *         backoff, while {@code CVMFS_MAX_RETRIES} allows
     */
    public boolean retriedInPlace() {
        return transfer;
    }

    /** @return upstream's wording of the reason */
    public String description() {
        return description;
    }
}
