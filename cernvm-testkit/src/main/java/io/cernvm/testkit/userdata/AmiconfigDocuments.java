package io.cernvm.testkit.userdata;

import java.util.List;
import java.util.random.RandomGenerator;

/** Generators of amiconfig INI user data, with an optional leading script. */
public final class AmiconfigDocuments {
    private AmiconfigDocuments() {
    }

    private static final List<String> PLUGINS = List.of("cernvm", "condor", "ganglia", "workqueue", "squid", "puppet");

    /**
     * An amiconfig document: optionally a {@code #!/bin/sh} script ending in {@code exit}, then
     * an {@code [amiconfig]} section with {@code plugins=}, then plugin sections with
     * column-0 {@code key=value} lines.
     *
     * @param r the source of randomness
     * @return the document text
     */
    public static String document(RandomGenerator r) {
        StringBuilder b = new StringBuilder();
        if (r.nextInt(3) == 0) {
            b.append("#!/bin/sh\necho ").append(Pick.word(r, Pick.NAME, 8)).append("\nexit 0\n");
        }
        int sections = 1 + r.nextInt(3);
        b.append("[amiconfig]\nplugins=");
        for (int i = 0; i < sections; i++) {
            b.append(i == 0 ? "" : " ").append(PLUGINS.get(i % PLUGINS.size()));
        }
        b.append("\n");
        for (int i = 0; i < sections; i++) {
            b.append("\n[").append(PLUGINS.get(i % PLUGINS.size())).append("]\n");
            int keys = r.nextInt(5);
            for (int k = 0; k < keys; k++) {
                b.append(Pick.word(r, Pick.LOWER + "_", 10)).append(r.nextInt(4) == 0 ? ": " : "=")
                        .append(Pick.word(r, Pick.NAME + ".,:/", 16)).append('\n');
            }
        }
        return b.toString();
    }
}
