package io.cernvm.testkit;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A glob over request paths as the server sees them relative to what it serves, without a
 * leading {@code /} (e.g. {@code .cvmfspublished}, {@code data/ab/cdef...C}). {@code *} matches
 * any run of characters except {@code /}, {@code **} any run including {@code /},
 * {@code ?} one character other than {@code /}; everything else matches itself.
 *
 * @param glob the pattern text
 */
public record PathPattern(String glob) {

    /** Checks that the glob is present. */
    public PathPattern {
        Objects.requireNonNull(glob, "glob");
    }

    /**
     * @param glob the pattern text
     * @return the pattern
     */
    public static PathPattern of(String glob) {
        return new PathPattern(glob);
    }

    /**
     * @param path a request path without leading {@code /}
     * @return whether the path matches
     */
    public boolean matches(String path) {
        return toRegex().matcher(path).matches();
    }

    private Pattern toRegex() {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    re.append(".*");
                    i++;
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
