package io.cernvm.cvmfs.download;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Receives the {@link DownloadEvent events} of downloads, in the downloading thread, in the
 * order they happen. Every method does nothing by default; override those of interest. A
 * listener must be quick and thread-safe; an exception it throws is logged and ignored.
 */
public interface DownloadListener {

    /** A listener that ignores everything. */
    DownloadListener NONE = new DownloadListener() {
    };

    /** @param event the active proxy changed */
    default void proxySwitched(DownloadEvent.ProxySwitch event) {
    }

    /** @param event the active host changed */
    default void hostSwitched(DownloadEvent.HostSwitch event) {
    }

    /** @param event the same URL will be tried again */
    default void retrying(DownloadEvent.Retry event) {
    }

    /** @param event the fetch waits before retrying */
    default void backingOff(DownloadEvent.Backoff event) {
    }

    /** @param event one attempt failed */
    default void attemptFailed(DownloadEvent.Failure event) {
    }

    /** @param event a file arrived */
    default void succeeded(DownloadEvent.Success event) {
    }

    /** @param event the Geo API ordered the hosts */
    default void hostsOrdered(DownloadEvent.HostsOrdered event) {
    }

    /** @param event the Geo API gave no usable order; the configured one stays */
    default void hostOrderKept(DownloadEvent.HostOrderKept event) {
    }

    /** @param event the proxy group {@code auto} was resolved */
    default void proxyAutoResolved(DownloadEvent.ProxyAutoResolved event) {
    }

    /**
     * @param sink receives every event
     * @return a listener passing every event to {@code sink}
     */
    static DownloadListener of(Consumer<? super DownloadEvent> sink) {
        Objects.requireNonNull(sink, "sink");
        return new DownloadListener() {
            @Override
            public void proxySwitched(DownloadEvent.ProxySwitch event) {
                sink.accept(event);
            }

            @Override
            public void hostSwitched(DownloadEvent.HostSwitch event) {
                sink.accept(event);
            }

            @Override
            public void retrying(DownloadEvent.Retry event) {
                sink.accept(event);
            }

            @Override
            public void backingOff(DownloadEvent.Backoff event) {
                sink.accept(event);
            }

            @Override
            public void attemptFailed(DownloadEvent.Failure event) {
                sink.accept(event);
            }

            @Override
            public void succeeded(DownloadEvent.Success event) {
                sink.accept(event);
            }

            @Override
            public void hostsOrdered(DownloadEvent.HostsOrdered event) {
                sink.accept(event);
            }

            @Override
            public void hostOrderKept(DownloadEvent.HostOrderKept event) {
                sink.accept(event);
            }

            @Override
            public void proxyAutoResolved(DownloadEvent.ProxyAutoResolved event) {
                sink.accept(event);
            }
        };
    }
}
