package io.cernvm.testkit.userdata;

import java.util.List;
import java.util.random.RandomGenerator;

/** Generators of {@code #cloud-config} YAML documents. */
public final class CloudConfigDocuments {
    private CloudConfigDocuments() {
    }

    private static final List<String> SCALARS = List.of("true", "false", "yes", "no", "0777", "42", "3.5", "~",
            "'quoted'", "\"double quoted\"", "plain-text", "2024-01-02", "0x1f");

    private static final List<String> TOP_KEYS = List.of("runcmd", "bootcmd", "packages", "write_files",
            "users", "hostname", "timezone", "ssh_authorized_keys", "cvmfs", "merge_how");

    /**
     * A cloud-config document: the {@code #cloud-config} line, then a mapping of top-level keys
     * to scalars, lists and nested maps.
     *
     * @param r the source of randomness
     * @return the YAML text, ending with a newline
     */
    public static String document(RandomGenerator r) {
        StringBuilder b = new StringBuilder("#cloud-config\n");
        int keys = r.nextInt(5);
        for (int i = 0; i < keys; i++) {
            String key = TOP_KEYS.get(r.nextInt(TOP_KEYS.size() - 1)); // merge_how has its own shape
            b.append(key).append(':');
            value(r, b, 1, 2);
        }
        if (r.nextInt(6) == 0) {
            b.append("merge_how: ").append(Pick.one(r, List.of("list(append)+dict(recurse_array)+str()",
                    "dict(no_replace,recurse_list)+list(append)", "dict(replace)+list()+str()"))).append('\n');
        }
        return b.toString();
    }

    private static void value(RandomGenerator r, StringBuilder b, int depth, int maxDepth) {
        String indent = "  ".repeat(depth);
        int kind = depth >= maxDepth ? 0 : r.nextInt(3);
        if (kind == 0) {
            b.append(' ').append(Pick.one(r, SCALARS)).append('\n');
        } else if (kind == 1) {
            b.append('\n');
            int n = 1 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
                b.append(indent).append("- ").append(Pick.one(r, SCALARS)).append('\n');
            }
        } else {
            b.append('\n');
            int n = 1 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
                b.append(indent).append(Pick.word(r, Pick.LOWER, 6)).append(i).append(':');
                value(r, b, depth + 1, maxDepth);
            }
        }
    }
}
