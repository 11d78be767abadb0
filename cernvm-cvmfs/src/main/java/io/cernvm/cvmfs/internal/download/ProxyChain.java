package io.cernvm.cvmfs.internal.download;

import io.cernvm.api.ConfigurationException;
import io.cernvm.api.FaultLocation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The proxy groups of {@code CVMFS_HTTP_PROXY} followed by those of {@code CVMFS_FALLBACK_PROXY},
 * as upstream's {@code SetProxyChain} builds them: groups separated by {@code ;}, load-balanced
 * members by {@code |}, {@code http://} added when no scheme is given, {@code DIRECT} meaning no
 * proxy. When a fallback proxy is set, {@code DIRECT} is removed from both lists
 * ({@code StripDirect}); groups left empty disappear.
 *
 * <p>A group {@code auto} in {@code CVMFS_HTTP_PROXY} stands for proxies found at start-up
 * ({@link AutoProxy}); {@link #replaceAuto} puts them in its place as text, as upstream's
 * {@code ResolveProxyDescription} ({@code wpad.cc}) does before {@code SetProxyChain}. Only a
 * whole group spelled {@code auto} is resolved; {@code auto} inside a load-balanced group, in
 * another case, or in {@code CVMFS_FALLBACK_PROXY} is refused (upstream would take it for a
 * proxy host named {@code auto}).
 *
 * <p>Gap, reported rather than guessed: a proxy name with several addresses stays one
 * member (upstream makes one member per address). A proxy without a port gets 1080, curl's
 * default.
 *
 * @param groups             every group in order, each non-empty
 * @param firstFallbackGroup the index of the first fallback group ({@code groups.size()} when none)
 */
public record ProxyChain(List<List<ProxyEndpoint>> groups, int firstFallbackGroup) {

    /** The key of the regular proxy list. */
    public static final String KEY = "CVMFS_HTTP_PROXY";
    /** The key of the fallback proxy list. */
    public static final String FALLBACK_KEY = "CVMFS_FALLBACK_PROXY";
    /** The group that stands for proxies from {@code http_proxy} or PAC files. */
    public static final String AUTO = "auto";
    /** curl's default proxy port. */
    public static final int DEFAULT_PORT = 1080;

    /** A chain without proxies: every request goes DIRECT. */
    public static final ProxyChain NONE = new ProxyChain(List.of(), 0);

    /** Copies the groups and checks the fallback index. */
    public ProxyChain {
        groups = groups.stream().map(List::copyOf).toList();
        for (List<ProxyEndpoint> g : groups) {
            if (g.isEmpty()) {
                throw new IllegalArgumentException("empty proxy group");
            }
        }
        if (firstFallbackGroup < 0 || firstFallbackGroup > groups.size()) {
            throw new IllegalArgumentException("fallback index out of range: " + firstFallbackGroup);
        }
    }

    /** @return the number of members over all groups (upstream's {@code opt_num_proxies_}) */
    public int size() {
        return groups.stream().mapToInt(List::size).sum();
    }

    /**
     * @param proxies {@code CVMFS_HTTP_PROXY}, or {@code null}
     * @return whether it has a group {@code auto} to resolve
     */
    public static boolean hasAutoGroup(String proxies) {
        if (proxies == null) {
            return false;
        }
        for (String group : proxies.split(";", -1)) {
            if (group.trim().equals(AUTO)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Puts the resolved proxies in the place of every group {@code auto}; a group that resolved
     * to nothing is dropped, so {@code auto;DIRECT} becomes {@code DIRECT} (upstream's
     * {@code ResolveProxyDescription}).
     *
     * @param proxies  {@code CVMFS_HTTP_PROXY}
     * @param resolved what {@code auto} stands for, possibly several groups; empty for nothing
     * @return the proxy string without {@code auto}; empty when nothing is left
     */
    public static String replaceAuto(String proxies, String resolved) {
        Objects.requireNonNull(resolved, "resolved");
        if (proxies == null || proxies.isBlank()) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (String group : proxies.split(";", -1)) {
            String g = group.trim().equals(AUTO) ? resolved.trim() : group;
            if (!g.isBlank()) {
                out.add(g);
            }
        }
        return String.join(";", out);
    }

    /**
     * Checks both strings without resolving {@code auto} (no network): each group {@code auto}
     * is taken as resolving to nothing.
     *
     * @param proxies  {@code CVMFS_HTTP_PROXY}, or {@code null} / empty for none
     * @param fallback {@code CVMFS_FALLBACK_PROXY}, or {@code null} / empty for none
     * @throws ConfigurationException when a member is not a usable proxy
     */
    public static void validate(String proxies, String fallback) {
        parse(replaceAuto(proxies == null ? "" : proxies, ""), fallback);
    }

    /**
     * @param proxies  {@code CVMFS_HTTP_PROXY} with {@code auto} {@linkplain #replaceAuto replaced},
     *                 or {@code null} / empty for none
     * @param fallback {@code CVMFS_FALLBACK_PROXY}, or {@code null} / empty for none
     * @return the chain
     * @throws ConfigurationException when a member is not a usable proxy, or {@code auto} is left
     */
    public static ProxyChain parse(String proxies, String fallback) {
        List<List<ProxyEndpoint>> regular = groups(proxies == null ? "" : proxies, KEY);
        List<List<ProxyEndpoint>> fallbackGroups = stripDirect(groups(fallback == null ? "" : fallback, FALLBACK_KEY));
        if (!fallbackGroups.isEmpty()) {
            regular = stripDirect(regular);
        }
        List<List<ProxyEndpoint>> all = new ArrayList<>(regular);
        all.addAll(fallbackGroups);
        return new ProxyChain(all, regular.size());
    }

    /** @return the chain written back as a proxy string, fallback groups included */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (List<ProxyEndpoint> g : groups) {
            parts.add(String.join("|", g.stream().map(ProxyEndpoint::toString).toList()));
        }
        return parts.isEmpty() ? "DIRECT" : String.join(";", parts);
    }

    private static List<List<ProxyEndpoint>> stripDirect(List<List<ProxyEndpoint>> groups) {
        List<List<ProxyEndpoint>> out = new ArrayList<>();
        for (List<ProxyEndpoint> g : groups) {
            List<ProxyEndpoint> kept = g.stream().filter(p -> !p.isDirect()).toList();
            if (!kept.isEmpty()) {
                out.add(kept);
            }
        }
        return out;
    }

    private static List<List<ProxyEndpoint>> groups(String raw, String key) {
        List<List<ProxyEndpoint>> groups = new ArrayList<>();
        if (raw.isBlank()) {
            return groups;
        }
        for (String group : raw.split(";", -1)) {
            List<ProxyEndpoint> members = new ArrayList<>();
            for (String member : group.split("\\|", -1)) {
                String m = member.trim();
                if (!m.isEmpty()) {
                    members.add(member(m, key));
                }
            }
            if (!members.isEmpty()) {
                groups.add(members);
            }
        }
        return groups;
    }

    private static ProxyEndpoint member(String m, String key) {
        if (m.equals("DIRECT")) {
            return ProxyEndpoint.DIRECT;
        }
        if (m.equalsIgnoreCase(AUTO)) {
            String why = !key.equals(KEY) ? "the proxy group 'auto' is resolved only in " + KEY
                    : m.equals(AUTO) ? "'auto' must be a group of its own (e.g. auto;DIRECT), not a load-balanced member, and is resolved before parsing"
                    : "the proxy group 'auto' is spelled in lower case";
            throw new ConfigurationException("bad proxy '" + m + "' in " + key + ": " + why, FaultLocation.atKey(key, null, null));
        }
        String withScheme = m.contains("://") ? m : "http://" + m;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw bad(m, key, "not a URL: " + e.getReason());
        }
        if (!"http".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw bad(m, key, "only http:// proxies are supported");
        }
        String host = uri.getHost();
        if (host == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw bad(m, key, "expected http://host[:port]");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        if (port == 0 || port > 65535) {
            throw bad(m, key, "port out of range");
        }
        return ProxyEndpoint.of(host, port);
    }

    private static ConfigurationException bad(String member, String key, String why) {
        return new ConfigurationException("bad proxy '" + member + "' in " + key + ": " + why, FaultLocation.atKey(key, null, null));
    }
}
