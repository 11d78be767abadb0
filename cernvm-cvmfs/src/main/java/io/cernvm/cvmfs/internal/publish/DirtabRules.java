package io.cernvm.cvmfs.internal.publish;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of a {@code /.cvmfsdirtab} file ({@code sync_union.cc} / {@code dirtab.cc}): one
 * absolute path pattern per line ({@code *} and {@code ?} within one component, {@code #}
 * comments); a line starting with {@code !} excludes what it matches. A directory matching a
 * positive rule and no negative one becomes a nested catalog. As upstream, wildcards do not
 * match names starting with a dot.
 */
public final class DirtabRules {
    /** The file name, at the repository root. */
    public static final String FILE = ".cvmfsdirtab";

    private final List<Pattern> positive;
    private final List<Pattern> negative;

    private DirtabRules(List<Pattern> positive, List<Pattern> negative) {
        this.positive = List.copyOf(positive);
        this.negative = List.copyOf(negative);
    }

    /** @return the rules of the tree's {@code .cvmfsdirtab}, or none */
    public static DirtabRules of(TreeNode root) {
        TreeNode f = root.child(FILE);
        if (f == null || f.kind() != TreeNode.Kind.FILE) {
            return new DirtabRules(List.of(), List.of());
        }
        try {
            return parse(Files.readAllLines(f.source(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IntegrityException("cannot read " + FILE + ": " + e.getMessage(),
                    FaultLocation.atPath(f.source().toString()), e);
        }
    }

    /** @return the rules of these lines */
    public static DirtabRules parse(List<String> lines) {
        List<Pattern> pos = new ArrayList<>();
        List<Pattern> neg = new ArrayList<>();
        for (String raw : lines) {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            boolean negated = line.startsWith("!");
            if (negated) {
                line = line.substring(1).strip();
            }
            if (!line.startsWith("/")) {
                continue; // upstream ignores relative entries
            }
            while (line.length() > 1 && line.endsWith("/")) {
                line = line.substring(0, line.length() - 1);
            }
            (negated ? neg : pos).add(compile(line));
        }
        return new DirtabRules(pos, neg);
    }

    private static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        for (String component : glob.substring(1).split("/", -1)) {
            re.append('/');
            boolean leadingWildcard = component.startsWith("*") || component.startsWith("?");
            if (leadingWildcard) {
                re.append("(?!\\.)");
            }
            for (char c : component.toCharArray()) {
                switch (c) {
                    case '*' -> re.append("[^/]*");
                    case '?' -> re.append("[^/]");
                    default -> re.append(Pattern.quote(String.valueOf(c)));
                }
            }
        }
        return Pattern.compile(re.toString());
    }

    /** @return whether a directory is made a nested catalog by these rules */
    public boolean matches(TreeNode dir) {
        String path = dir.repoPath();
        if (dir.kind() != TreeNode.Kind.DIRECTORY || path.isEmpty()) {
            return false;
        }
        return positive.stream().anyMatch(p -> p.matcher(path).matches())
                && negative.stream().noneMatch(p -> p.matcher(path).matches());
    }
}
