package io.cernvm.cvmfs.internal.download;

import io.cernvm.cvmfs.download.DownloadEvent;
import io.cernvm.cvmfs.download.FailoverReason;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The shared state of the host chain and the proxy groups, as upstream's {@code download.cc}
 * keeps it for all transfers of one repository: one random proxy of the current group is
 * active ({@code UpdateProxiesUnlocked}); a failed proxy is burned within its group and an
 * exhausted group moves to the next, modulo ({@code SwitchProxy}); a failed host moves to the
 * next, modulo, but only when the failing attempt saw the current host ({@code SwitchHost});
 * after {@code CVMFS_PROXY_RESET_AFTER} the first group (or the full current group) comes back,
 * after {@code CVMFS_HOST_RESET_AFTER} the first host ({@code SetUrlOptions}). Thread-safe.
 */
public final class FailoverChain {

    private final List<URI> hosts;
    private final List<List<ProxyEndpoint>> groups; // members are swapped to the end when burned
    private final Clock clock;
    private final Random random;
    private final Duration proxyResetAfter;
    private final Duration hostResetAfter;
    private final int numProxies;

    private int hostCurrent;
    private Instant hostBackupSince;
    private int groupCurrent;
    private int burned;
    private Instant proxyBackupSince;
    private Instant proxyFailoverSince;
    private ProxyEndpoint active = ProxyEndpoint.DIRECT;

    /**
     * @param hosts           the host chain, at least one
     * @param proxies         the proxy groups
     * @param clock           the time for resets
     * @param random          the choice among load-balanced proxies
     * @param proxyResetAfter zero for never
     * @param hostResetAfter  zero for never
     */
    public FailoverChain(List<URI> hosts, ProxyChain proxies, Clock clock, Random random, Duration proxyResetAfter,
            Duration hostResetAfter) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no host");
        }
        this.hosts = List.copyOf(hosts);
        this.groups = new ArrayList<>();
        for (List<ProxyEndpoint> g : proxies.groups()) {
            groups.add(new ArrayList<>(g));
        }
        this.numProxies = proxies.size();
        this.clock = clock;
        this.random = random;
        this.proxyResetAfter = proxyResetAfter;
        this.hostResetAfter = hostResetAfter;
        select();
    }

    /** @return the number of hosts */
    public int numHosts() {
        return hosts.size();
    }

    /** @return the number of proxies over all groups; 0 when every request goes DIRECT */
    public int numProxies() {
        return numProxies;
    }

    /** @return the host chain */
    public List<URI> hosts() {
        return hosts;
    }

    /**
     * The route for the next attempt, after applying the timed resets.
     *
     * @param path    the path being fetched, for events
     * @param attempt the attempt number, for events
     * @param events  receives a switch event for every reset that changed something
     * @return the route
     */
    public synchronized Route current(String path, int attempt, Consumer<DownloadEvent> events) {
        Instant now = clock.instant();
        if (proxyBackupSince != null && isAfter(now, proxyBackupSince, proxyResetAfter)) {
            ProxyEndpoint before = active;
            groupCurrent = 0;
            proxyBackupSince = null;
            rebalance();
            emitProxy(before, path, attempt, FailoverReason.PROXY_RESET_AFTER, events);
        }
        if (proxyFailoverSince != null && isAfter(now, proxyFailoverSince, proxyResetAfter)) {
            ProxyEndpoint before = active;
            rebalance();
            emitProxy(before, path, attempt, FailoverReason.PROXY_RESET_AFTER, events);
        }
        if (hostBackupSince != null && isAfter(now, hostBackupSince, hostResetAfter)) {
            URI before = hosts.get(hostCurrent);
            hostCurrent = 0;
            hostBackupSince = null;
            if (!before.equals(hosts.get(0))) {
                events.accept(new DownloadEvent.HostSwitch(path, before, hosts.get(0), FailoverReason.HOST_RESET_AFTER, attempt));
            }
        }
        return new Route(hostCurrent, hosts.get(hostCurrent), active);
    }

    /** @return the route now active, without applying resets */
    public synchronized Route peek() {
        return new Route(hostCurrent, hosts.get(hostCurrent), active);
    }

    private static boolean isAfter(Instant now, Instant since, Duration after) {
        return !after.isZero() && Duration.between(since, now).compareTo(after) > 0;
    }

    /**
     * Burns the route's proxy in the current group, if it is still alive there.
     *
     * @return the switch, if the active proxy changed because of this call
     */
    public synchronized Optional<Switch<ProxyEndpoint>> switchProxy(Route used) {
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        ProxyEndpoint before = active;
        List<ProxyEndpoint> group = groups.get(groupCurrent);
        int size = group.size();
        int failed = 0;
        for (int i = 0; i < size - burned; i++) {
            if (group.get(i).equals(used.proxy())) {
                burned++;
                Collections.swap(group, i, size - burned);
                failed++;
                break;
            }
        }
        if (failed == 0) {
            return Optional.empty(); // another transfer burned it already, or it left the group
        }
        Instant now = clock.instant();
        if (burned == size) {
            burned = 0;
            if (groups.size() > 1) {
                groupCurrent = (groupCurrent + 1) % groups.size();
                if (!proxyResetAfter.isZero()) {
                    if (groupCurrent > 0) {
                        if (proxyBackupSince == null) {
                            proxyBackupSince = now;
                        }
                    } else {
                        proxyBackupSince = null;
                    }
                    proxyFailoverSince = null;
                }
            }
        } else if (!proxyResetAfter.isZero() && proxyFailoverSince == null) {
            proxyFailoverSince = now;
        }
        select();
        return Optional.of(new Switch<>(before, active));
    }

    /**
     * Moves to the next host if the route used the current one.
     *
     * @return the switch, if this call changed the host
     */
    public synchronized Optional<Switch<URI>> switchHost(Route used) {
        if (hosts.size() == 1 || used.hostIndex() != hostCurrent) {
            return Optional.empty();
        }
        URI before = hosts.get(hostCurrent);
        hostCurrent = (hostCurrent + 1) % hosts.size();
        if (!hostResetAfter.isZero()) {
            if (hostCurrent != 0) {
                if (hostBackupSince == null) {
                    hostBackupSince = clock.instant();
                }
            } else {
                hostBackupSince = null;
            }
        }
        return Optional.of(new Switch<>(before, hosts.get(hostCurrent)));
    }

    /**
     * Before a host failover caused by failing proxies, returns to the first proxy group with
     * nothing burned, as upstream's "reset proxies for host failover".
     *
     * @return the switch, if the active proxy changed
     */
    public synchronized Optional<Switch<ProxyEndpoint>> resetProxiesForHostFailover() {
        if (groups.isEmpty() || (groupCurrent == 0 && burned == 0)) {
            return Optional.empty();
        }
        ProxyEndpoint before = active;
        groupCurrent = 0;
        proxyBackupSince = null;
        rebalance();
        return before.equals(active) ? Optional.empty() : Optional.of(new Switch<>(before, active));
    }

    private void rebalance() {
        proxyFailoverSince = null;
        burned = 0;
        select();
    }

    private void select() {
        if (groups.isEmpty()) {
            active = ProxyEndpoint.DIRECT;
            return;
        }
        List<ProxyEndpoint> group = groups.get(groupCurrent);
        active = group.get(random.nextInt(group.size() - burned));
    }

    private void emitProxy(ProxyEndpoint before, String path, int attempt, FailoverReason reason, Consumer<DownloadEvent> events) {
        if (!before.equals(active)) {
            events.accept(new DownloadEvent.ProxySwitch(path, before.toString(), active.toString(), reason, attempt));
        }
    }

    /**
     * A change of the active host or proxy.
     *
     * @param from what was active
     * @param to   what is active now
     * @param <T>  the kind of thing switched
     */
    public record Switch<T>(T from, T to) {
    }
}
