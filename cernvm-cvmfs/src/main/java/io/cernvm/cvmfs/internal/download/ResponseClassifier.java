package io.cernvm.cvmfs.internal.download;

import io.cernvm.cvmfs.download.FailoverReason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;

/**
 * Classifies HTTP statuses and I/O failures the way upstream's {@code download.cc} does
 * ({@code CallbackCurlHeader}, {@code VerifyAndFinalize}), with one deliberate change: a refused
 * or unreachable connection is its own kind that fails over at once, where upstream retries it
 * after a backoff first.
 */
final class ResponseClassifier {

    private ResponseClassifier() {
    }

    /**
     * @param status         a non-2xx status
     * @param proxied        whether the request went through a proxy
     * @param squidError     whether the response carried {@code X-Squid-Error}
     * @param proxyStatus    the {@code Proxy-Status} header, or {@code null}
     * @return the failure kind
     */
    static FailoverReason status(int status, boolean proxied, boolean squidError, String proxyStatus) {
        FailoverReason reason;
        if (status / 100 == 5 || status == 400 || status == 404) {
            reason = FailoverReason.HOST_HTTP; // 404: the Stratum 1 lacks the newest files; 400: geo API
        } else if (status == 429) {
            reason = FailoverReason.HOST_CONNECTION; // rate throttling
        } else if (status == 301 || status == 302 || status == 303 || status == 307) {
            reason = FailoverReason.HOST_HTTP; // a redirect left unfollowed (CVMFS_FOLLOW_REDIRECTS=no) or too many
        } else {
            reason = proxied ? FailoverReason.PROXY_HTTP : FailoverReason.HOST_HTTP;
        }
        if (reason == FailoverReason.HOST_HTTP && proxied
                && (squidError || (proxyStatus != null && proxyStatus.contains("error=")))) {
            reason = FailoverReason.PROXY_HTTP; // the proxy, not the host, produced the error
        }
        return reason;
    }

    /**
     * @param e       what the HTTP client threw
     * @param proxied whether the request went through a proxy
     * @return the failure kind
     */
    static FailoverReason exception(IOException e, boolean proxied) {
        if (e instanceof UnknownHostException) {
            return proxied ? FailoverReason.PROXY_RESOLVE : FailoverReason.HOST_RESOLVE;
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException || e instanceof PortUnreachableException) {
            return proxied ? FailoverReason.PROXY_REFUSED : FailoverReason.HOST_REFUSED;
        }
        if (e instanceof InterruptedIOException) {
            return proxied ? FailoverReason.PROXY_TOO_SLOW : FailoverReason.HOST_TOO_SLOW;
        }
        return proxied ? FailoverReason.PROXY_SHORT_TRANSFER : FailoverReason.HOST_SHORT_TRANSFER;
    }
}
