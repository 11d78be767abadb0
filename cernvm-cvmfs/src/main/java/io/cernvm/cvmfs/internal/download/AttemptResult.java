package io.cernvm.cvmfs.internal.download;

import io.cernvm.cvmfs.download.FailoverReason;

/**
 * What one HTTP attempt gave: the body, or a classified failure.
 *
 * @param bytes  how many body bytes the sink received (success only)
 * @param reason the failure, or {@code null} on success
 * @param detail what exactly went wrong
 * @param status the HTTP status, or 0 when none arrived
 * @param cause  the underlying exception, or {@code null}
 */
record AttemptResult(long bytes, FailoverReason reason, String detail, int status, Throwable cause) {

    static AttemptResult ok(long bytes, int status) {
        return new AttemptResult(bytes, null, "", status, null);
    }

    static AttemptResult failed(FailoverReason reason, String detail, int status, Throwable cause) {
        return new AttemptResult(0, reason, detail, status, cause);
    }

    boolean ok() {
        return reason == null;
    }
}
