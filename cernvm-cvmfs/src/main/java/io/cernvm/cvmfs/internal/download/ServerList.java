package io.cernvm.cvmfs.internal.download;

import io.cernvm.api.ConfigurationException;
import io.cernvm.api.FaultLocation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses {@code CVMFS_SERVER_URL}: a {@code ;}-separated list of repository base URLs, the
 * host chain of upstream's {@code download.cc} ({@code SetHostChain}), with {@code @fqrn@} and
 * {@code @org@} substituted. Empty members are skipped; a trailing {@code /} is dropped, since
 * the client appends {@code /} and the file name.
 */
public final class ServerList {

    /** The configuration key these lists come from, named in errors. */
    public static final String KEY = "CVMFS_SERVER_URL";

    private ServerList() {
    }

    /**
     * @param raw  the value
     * @param fqrn the repository name for substitution, or {@code null}
     * @return the base URLs in order, at least one
     * @throws ConfigurationException when the list is empty or a member is not an http(s) URL
     */
    public static List<URI> parse(String raw, String fqrn) {
        if (raw == null) {
            throw new ConfigurationException(KEY + " is not set; name at least one Stratum 1 URL",
                    FaultLocation.atKey(KEY, null, null));
        }
        List<URI> hosts = new ArrayList<>();
        for (String member : raw.split(";", -1)) {
            String m = Substitution.apply(member.trim(), fqrn);
            if (m.isEmpty()) {
                continue;
            }
            hosts.add(parseOne(m));
        }
        if (hosts.isEmpty()) {
            throw new ConfigurationException(KEY + " names no server; give at least one URL such as http://cvmfs-stratum-one.cern.ch/cvmfs/@fqrn@",
                    FaultLocation.atKey(KEY, null, null));
        }
        return List.copyOf(hosts);
    }

    private static URI parseOne(String m) {
        String s = m;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw bad(m, "not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw bad(m, "only http:// and https:// servers are supported");
        }
        if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw bad(m, "expected scheme://host[:port][/path] without user, query or fragment");
        }
        if (uri.getPort() > 65535) {
            throw bad(m, "port out of range");
        }
        return uri;
    }

    private static ConfigurationException bad(String member, String why) {
        return new ConfigurationException("bad server URL '" + member + "' in " + KEY + ": " + why,
                FaultLocation.atKey(KEY, null, null));
    }
}
