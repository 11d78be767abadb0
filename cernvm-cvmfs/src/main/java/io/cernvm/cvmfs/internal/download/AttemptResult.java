package io.cernvm.cvmfs.internal.download;

import io.cernvm.cvmfs.download.FailoverReason;

/**
 * What one HTTP attempt gave: the body, or a classified failure.
 *
 * @param body   the bytes as served, or {@code null} on failure
 * @param reason the failure, or {@code null} on success
 * @param detail what exactly went wrong
 * @param status the HTTP status, or 0 when none arrived
 * @param cause  the underlying exception, or {@code null}
 */
record AttemptResult(byte[] body, FailoverReason reason, String detail, int status, Throwable cause) {

    static AttemptResult ok(byte[] body, int status) {
        return new AttemptResult(body, null, "", status, null);
    }

    static AttemptResult failed(FailoverReason reason, String detail, int status, Throwable cause) {
        return new AttemptResult(null, reason, detail, status, cause);
    }

    boolean ok() {
        return reason == null;
    }
}
