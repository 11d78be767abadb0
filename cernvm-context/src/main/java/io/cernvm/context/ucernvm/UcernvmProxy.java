package io.cernvm.context.ucernvm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A CernVM-FS proxy chain as written in {@code cvmfs_http_proxy}: groups separated by {@code ;}
 * are tried in order, members of a group separated by {@code |} are load-balanced. Serialised by
 * its component names.
 *
 * @param text   the value as written
 * @param groups the non-empty groups, each a non-empty list of trimmed members
 */
public record UcernvmProxy(String text, List<List<String>> groups) {

    /** Copies the groups deeply and checks them. */
    public UcernvmProxy {
        Objects.requireNonNull(text, "text");
        List<List<String>> copy = new ArrayList<>();
        for (List<String> g : groups) {
            if (g.isEmpty()) {
                throw new IllegalArgumentException("empty proxy group");
            }
            copy.add(List.copyOf(g));
        }
        groups = List.copyOf(copy);
    }

    /**
     * @param text a proxy chain
     * @return it split into groups and members; empty members and groups are dropped
     */
    public static UcernvmProxy parse(String text) {
        List<List<String>> groups = new ArrayList<>();
        for (String g : text.split(";", -1)) {
            List<String> members = new ArrayList<>();
            for (String m : g.split("\\|", -1)) {
                String t = m.strip();
                if (!t.isEmpty()) {
                    members.add(t);
                }
            }
            if (!members.isEmpty()) {
                groups.add(members);
            }
        }
        return new UcernvmProxy(text, groups);
    }

    /** @return {@code true} when a group is {@code DIRECT}, a connection without proxy */
    public boolean allowsDirect() {
        return groups.stream().flatMap(List::stream).anyMatch(m -> m.equalsIgnoreCase("DIRECT"));
    }
}
