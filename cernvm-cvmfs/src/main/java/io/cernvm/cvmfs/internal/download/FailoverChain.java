package io.cernvm.cvmfs.internal.download;

import io.cernvm.cvmfs.download.DownloadEvent;
import io.cernvm.cvmfs.download.FailoverReason;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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

    private volatile List<URI> hosts; // replaced only by a Geo API reordering or CVMFS_MAX_SERVERS
    private final List<List<ProxyEndpoint>> groups; // members are swapped to the end when burned
    private final Clock clock;
    private final Random random;
    private final Duration proxyResetAfter;
    private final Duration hostResetAfter;
    private final int numProxies;
    private final int firstFallbackGroup;

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
        this.firstFallbackGroup = proxies.firstFallbackGroup();
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

    /** @return what the Geo API is asked about, taken under the lock (see {@link GeoLayout}) */
    public synchronized GeoLayout geoLayout() {
        List<String> fallbackNames = new ArrayList<>();
        for (int g = firstFallbackGroup; g < groups.size(); g++) {
            String host = groups.get(g).get(0).host(); // load-balanced members are assumed to stand together, as upstream
            fallbackNames.add(host.indexOf(':') >= 0 ? "[" + host + "]" : host);
        }
        return new GeoLayout(hosts, fallbackNames, firstFallbackGroup > 0 || groups.isEmpty(), active, groupCurrent >= firstFallbackGroup && !groups.isEmpty());
    }

    /** @return the fallback proxy groups in their current order, each written as in the proxy string */
    public synchronized List<String> fallbackGroupsText() {
        List<String> out = new ArrayList<>();
        for (int g = firstFallbackGroup; g < groups.size(); g++) {
            out.add(String.join("|", groups.get(g).stream().map(ProxyEndpoint::toString).toList()));
        }
        return out;
    }

    /**
     * Reorders the host chain and the fallback proxy groups, as upstream's {@code ProbeGeo}
     * re-installs them: the new first host becomes the active one and the host reset timer
     * stops; the regular proxy groups stay as they are.
     *
     * @param hostOrder     for each new position, the current index of the host placed there
     * @param fallbackOrder for each new fallback position, the current index (among the fallback
     *                      groups) of the group placed there
     * @throws IllegalArgumentException when either is not a permutation of the right size
     */
    public synchronized void reorder(int[] hostOrder, int[] fallbackOrder) {
        List<URI> current = hosts;
        int numFallback = groups.size() - firstFallbackGroup;
        checkPermutation(hostOrder, current.size(), "host");
        checkPermutation(fallbackOrder, numFallback, "fallback group");
        List<URI> reordered = new ArrayList<>(current.size());
        for (int i : hostOrder) {
            reordered.add(current.get(i));
        }
        List<List<ProxyEndpoint>> fallback = new ArrayList<>(groups.subList(firstFallbackGroup, groups.size()));
        boolean activeGroupMoved = false;
        for (int i = 0; i < numFallback; i++) {
            groups.set(firstFallbackGroup + i, fallback.get(fallbackOrder[i]));
            activeGroupMoved |= firstFallbackGroup + i == groupCurrent && fallbackOrder[i] != i;
        }
        hosts = List.copyOf(reordered);
        hostCurrent = 0;
        hostBackupSince = null;
        if (activeGroupMoved) {
            burned = 0;
            select();
        }
    }

    /**
     * Keeps only the first hosts, as upstream applies {@code CVMFS_MAX_SERVERS} after the Geo API.
     *
     * @param max how many hosts to keep; zero or more than there are: all
     */
    public synchronized void truncateHosts(int max) {
        List<URI> current = hosts;
        if (max <= 0 || max >= current.size()) {
            return;
        }
        hosts = List.copyOf(current.subList(0, max));
        if (hostCurrent >= max) {
            hostCurrent = 0;
            hostBackupSince = null;
        }
    }

    private static void checkPermutation(int[] order, int size, String what) {
        if (order.length != size) {
            throw new IllegalArgumentException(what + " order of length " + order.length + " for " + size);
        }
        boolean[] seen = new boolean[size];
        for (int i : order) {
            if (i < 0 || i >= size || seen[i]) {
                throw new IllegalArgumentException("not a " + what + " permutation: " + Arrays.toString(order));
            }
            seen[i] = true;
        }
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
     * The host chain and proxy groups as the Geo API question needs them.
     *
     * @param hosts            the host chain in its current order
     * @param fallbackNames    the first host name of each fallback proxy group (IPv6 in brackets)
     * @param regularProxies   whether there is a regular (not fallback) proxy group, {@code DIRECT} counting as one
     * @param active           the proxy now active
     * @param activeIsFallback whether the active proxy belongs to a fallback group
     */
    public record GeoLayout(List<URI> hosts, List<String> fallbackNames, boolean regularProxies, ProxyEndpoint active,
            boolean activeIsFallback) {
        /** Copies the lists. */
        public GeoLayout {
            hosts = List.copyOf(hosts);
            fallbackNames = List.copyOf(fallbackNames);
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
