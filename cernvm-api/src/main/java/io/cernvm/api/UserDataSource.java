package io.cernvm.api;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A place a VM finds its user data: a cloud metadata service, a configuration disk, a file.
 * Implementations are found with {@link java.util.ServiceLoader} and tried in
 * {@link #order()}; the first that answers wins, as in the µCernVM bootloader.
 */
public interface UserDataSource {

    /** What a source may use while it looks: injected, so tests replace it. */
    interface Environment {
        /** @return the clock for timeouts */
        Clock clock();

        /** @return how long one request may take */
        Duration timeout();
    }

    /** @return the source's name as the bootloader records it, e.g. {@code EC2}, {@code ConfigDrive} */
    String name();

    /** @return the position in the discovery order; lower goes first */
    int order();

    /**
     * Looks for user data.
     *
     * @param environment what the source may use
     * @return the user data; empty when this source is not present. A source that is present
     *     but holds no user data answers empty bytes, which ends the search.
     * @throws CernVmException when the source is present but broken
     */
    Optional<UserData> fetch(Environment environment);
}
