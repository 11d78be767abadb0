package io.cernvm.context.amiconfig;

import java.util.ArrayList;
import java.util.List;

/** Splitting rules shared by the plugin views. */
final class PluginValues {

    private PluginValues() {
    }

    /** @return the comma-separated items, trimmed, empty ones dropped */
    static List<String> commaList(String v) {
        List<String> r = new ArrayList<>();
        for (String s : v.split(",", -1)) {
            String t = s.strip();
            if (!t.isEmpty()) {
                r.add(t);
            }
        }
        return List.copyOf(r);
    }
}
