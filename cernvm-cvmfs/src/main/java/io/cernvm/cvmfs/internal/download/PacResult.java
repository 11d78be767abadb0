package io.cernvm.cvmfs.internal.download;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a PAC file's {@code FindProxyForURL} returned, turned into a proxy string the way
 * upstream's {@code PacProxy2Cvmfs} ({@code wpad.cc}) does: the entries separated by {@code ;}
 * lose every space and tab; {@code PROXY host:port} becomes {@code host:port} and
 * {@code DIRECT} stays; each kept entry is a group of its own (failover order, not load
 * balancing), so {@code "PROXY a:3128; PROXY b:3128; DIRECT"} gives {@code a:3128;b:3128;DIRECT}.
 * {@code SOCKS…} entries are skipped (no SOCKS support), and so is anything else ({@code HTTP},
 * {@code HTTPS}, lower-case keywords: upstream compares case-sensitively). An empty result means
 * {@code DIRECT}.
 *
 * @param proxies the proxy string, empty when no entry was usable
 * @param skipped the entries left out, without their white space
 */
public record PacResult(String proxies, List<String> skipped) {

    /** Longer results are refused: a PAC file answers with a handful of proxies. */
    public static final int MAX_LENGTH = 8 * 1024;

    /** Copies the list. */
    public PacResult {
        Objects.requireNonNull(proxies, "proxies");
        skipped = List.copyOf(skipped);
    }

    /**
     * @param result the string {@code FindProxyForURL} returned
     * @return the proxies it names
     * @throws IllegalArgumentException when the result is longer than {@link #MAX_LENGTH}
     */
    public static PacResult parse(String result) {
        Objects.requireNonNull(result, "result");
        if (result.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("PAC result of " + result.length() + " characters (at most " + MAX_LENGTH + ")");
        }
        if (result.isEmpty()) {
            return new PacResult("DIRECT", List.of());
        }
        List<String> kept = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String component : result.split(";", -1)) {
            String entry = component.replace(" ", "").replace("\t", "");
            if (entry.equals("DIRECT")) {
                kept.add(entry);
            } else if (entry.startsWith("PROXY") && entry.length() > "PROXY".length()) {
                kept.add(entry.substring("PROXY".length()));
            } else if (!entry.isEmpty()) {
                skipped.add(entry);
            }
        }
        return new PacResult(String.join(";", kept), skipped);
    }

    /** @return whether no entry was usable */
    public boolean isEmpty() {
        return proxies.isEmpty();
    }
}
