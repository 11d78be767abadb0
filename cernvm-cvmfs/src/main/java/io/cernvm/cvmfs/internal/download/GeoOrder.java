package io.cernvm.cvmfs.internal.download;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One Geo API question and the reading of its answer, as upstream's {@code download.cc} asks it
 * ({@code ProbeGeo}, {@code GeoSortServers}, {@code ValidateGeoReply}). The names sent are the
 * bare host names of the Stratum 1s, sorted (upstream sorts them, the host chain along, before
 * asking), then, after a {@value #SEPARATOR} when there are no regular proxies, the first host
 * name of each fallback proxy group. The reply is read back into a new order of the host chain
 * and of the fallback groups. Pure: no I/O.
 */
public final class GeoOrder {

    /** The word upstream puts between the servers and the fallback proxies when no regular proxy is configured. */
    public static final String SEPARATOR = "+PXYSEP+";
    /** The API path below a Stratum 1's repository URL. */
    public static final String API_PATH = "api/v1.0/geo";

    private final List<String> names;
    private final int[] sortedHosts; // sortedHosts[k]: the chain index of the k-th name
    private final int numFallback;
    private final int firstFallback;

    private GeoOrder(List<String> names, int[] sortedHosts, int numFallback, int firstFallback) {
        this.names = names;
        this.sortedHosts = sortedHosts;
        this.numFallback = numFallback;
        this.firstFallback = firstFallback;
    }

    /**
     * @param hosts           the host chain in its current order
     * @param fallbackNames   the first host name of each fallback proxy group, in order
     * @param regularProxies  whether any regular (not fallback) proxy group exists
     * @return the question
     */
    public static GeoOrder of(List<URI> hosts, List<String> fallbackNames, boolean regularProxies) {
        List<String> hostNames = hosts.stream().map(GeoOrder::hostName).toList();
        Integer[] order = new Integer[hosts.size()];
        Arrays.setAll(order, i -> i);
        // stable, byte-wise as std::string's operator>, like upstream's insertion sort (SortTeam)
        Arrays.sort(order, Comparator.comparing(hostNames::get));
        List<String> names = new ArrayList<>();
        int[] sorted = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            sorted[k] = order[k];
            names.add(hostNames.get(order[k]));
        }
        if (!regularProxies && hosts.size() > 1) {
            names.add(SEPARATOR); // the service then measures from the closest fallback proxy
        }
        int firstFallback = names.size();
        names.addAll(fallbackNames);
        return new GeoOrder(List.copyOf(names), sorted, fallbackNames.size(), firstFallback);
    }

    /**
     * @param host a Stratum 1 URL
     * @return its host name as upstream's {@code dns::ExtractHost} gives it (IPv6 in brackets)
     */
    static String hostName(URI host) {
        String h = host.getHost();
        return h == null || h.isEmpty() ? host.toString() : h;
    }

    /** @return the names sent, in order; the reply orders exactly these */
    public List<String> names() {
        return names;
    }

    /** @return whether the question is worth asking: upstream skips it with fewer than two hosts and two fallback groups */
    public boolean worthAsking() {
        return sortedHosts.length >= 2 || numFallback >= 2;
    }

    /**
     * @param proxyName what replaces upstream's {@code @proxy@}
     * @return the path below a Stratum 1's URL, unescaped: {@code api/v1.0/geo/<proxy>/<name>,<name>...}
     */
    public String path(String proxyName) {
        return API_PATH + "/" + proxyName + "/" + String.join(",", names);
    }

    /**
     * @param reply the reply body
     * @return the reply read as a reordering, or why it is refused
     */
    public Reading read(String reply) {
        Validation v = validate(reply, names.size());
        if (!v.valid()) {
            return new Reading(null, null, v.problem());
        }
        int[] hostOrder = new int[sortedHosts.length];
        int[] fallbackOrder = new int[numFallback];
        int h = 0;
        int f = 0;
        for (int value : v.order()) {
            if (value < sortedHosts.length) {
                hostOrder[h++] = sortedHosts[value];
            } else if (value >= firstFallback) {
                fallbackOrder[f++] = value - firstFallback;
            } // else: the separator, which orders nothing
        }
        return new Reading(hostOrder, fallbackOrder, null);
    }

    /**
     * Upstream's {@code ValidateGeoReply}: only digits, commas and newlines; the newlines are
     * dropped wherever they are; between the commas non-empty decimal numbers, exactly
     * {@code expected} of them, which are 1 to {@code expected}, each once.
     *
     * @param reply    the reply body
     * @param expected how many names were sent
     * @return the 0-based order, or the problem
     */
    public static Validation validate(String reply, int expected) {
        Objects.requireNonNull(reply, "reply");
        if (reply.isEmpty()) {
            return Validation.refused("empty reply");
        }
        StringBuilder digits = new StringBuilder(reply.length());
        for (int i = 0; i < reply.length(); i++) {
            char c = reply.charAt(i);
            if (c == '\n') {
                continue;
            }
            if ((c < '0' || c > '9') && c != ',') {
                return Validation.refused("unexpected character at offset " + i);
            }
            digits.append(c);
        }
        String[] parts = digits.toString().split(",", -1);
        if (parts.length != expected) {
            return Validation.refused(parts.length + " entries for " + expected + " names");
        }
        int[] order = new int[expected];
        boolean[] seen = new boolean[expected];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) {
                return Validation.refused("empty entry " + (i + 1));
            }
            long value = 0;
            for (int j = 0; j < p.length() && value <= expected; j++) {
                value = value * 10 + (p.charAt(j) - '0'); // stops once past expected: no overflow
            }
            if (value < 1 || value > expected) {
                return Validation.refused("entry " + (i + 1) + " out of range 1.." + expected);
            }
            if (seen[(int) value - 1]) {
                return Validation.refused("entry " + (i + 1) + " repeats " + value);
            }
            seen[(int) value - 1] = true;
            order[i] = (int) value - 1;
        }
        return new Validation(order, null);
    }

    /**
     * A reply checked against the number of names.
     *
     * @param order   the 0-based order, {@code null} when refused
     * @param problem why the reply is refused, {@code null} when valid
     */
    public record Validation(int[] order, String problem) {

        /** Checks that exactly one of order and problem is given; copies the order. */
        public Validation {
            if ((order == null) == (problem == null)) {
                throw new IllegalArgumentException("exactly one of order and problem");
            }
            order = order == null ? null : order.clone();
        }

        static Validation refused(String problem) {
            return new Validation(null, problem);
        }

        /** @return whether the reply is valid */
        public boolean valid() {
            return order != null;
        }

        /** @return a copy of the order, {@code null} when refused */
        @Override
        public int[] order() {
            return order == null ? null : order.clone();
        }
    }

    /**
     * A reply read as new orders.
     *
     * @param hostOrder     for each new position, the index of the host in the chain asked about
     * @param fallbackOrder for each new fallback position, the index of the fallback group
     * @param problem       why the reply is refused ({@code null} when valid; then both orders are {@code null})
     */
    public record Reading(int[] hostOrder, int[] fallbackOrder, String problem) {

        /** Copies the orders. */
        public Reading {
            hostOrder = hostOrder == null ? null : hostOrder.clone();
            fallbackOrder = fallbackOrder == null ? null : fallbackOrder.clone();
        }

        /** @return whether the reply was valid */
        public boolean valid() {
            return problem == null;
        }

        /** @return a copy of the host order */
        @Override
        public int[] hostOrder() {
            return hostOrder == null ? null : hostOrder.clone();
        }

        /** @return a copy of the fallback group order */
        @Override
        public int[] fallbackOrder() {
            return fallbackOrder == null ? null : fallbackOrder.clone();
        }
    }
}
