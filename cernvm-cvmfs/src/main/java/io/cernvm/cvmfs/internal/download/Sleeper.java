package io.cernvm.cvmfs.internal.download;

import java.time.Duration;

/** Waits for a backoff; tests inject one that records instead of waiting. */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the calling thread. */
    Sleeper THREAD = d -> Thread.sleep(d.toMillis());

    /**
     * @param duration how long
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;
}
