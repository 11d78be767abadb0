package io.cernvm.api;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Every server and proxy was tried and none delivered. {@link #attempts()} lists each try in
 * order, so a user can see which host and proxy failed and why.
 */
public class AllMirrorsFailedException extends CernVmException {
    private static final long serialVersionUID = 1L;

    private final transient List<Attempt> attempts;

    /**
     * One try of one URL through one proxy.
     *
     * @param url    what was requested
     * @param proxy  the proxy used, {@code DIRECT} for none
     * @param reason why it failed
     */
    public record Attempt(URI url, String proxy, String reason) {
        /** Checks that every component is present. */
        public Attempt {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(proxy, "proxy");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return url + " via " + proxy + ": " + reason;
        }
    }

    /**
     * @param what     what was being fetched, e.g. {@code .cvmfspublished of test.cern.ch}
     * @param attempts every try, in order
     * @param cause    the last underlying fault, or {@code null}
     */
    public AllMirrorsFailedException(String what, List<Attempt> attempts, Throwable cause) {
        super("all mirrors failed for " + what + " after " + attempts.size() + " attempt(s):\n  "
                + attempts.stream().map(Attempt::toString).collect(Collectors.joining("\n  ")),
                attempts.isEmpty() ? FaultLocation.NOWHERE : FaultLocation.atUrl(attempts.get(attempts.size() - 1).url()),
                cause);
        this.attempts = List.copyOf(attempts);
    }

    /** @return every try, in order */
    public List<Attempt> attempts() {
        return attempts;
    }
}
