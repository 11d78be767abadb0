package io.cernvm.api;

import java.util.Comparator;

/**
 * A CernVM strong version {@code N.X.Y.Z}: N the major line (3 for SL6, 4 for EL7), X features,
 * Y the build counter, Z a security hot fix. Ordered numerically, component by component.
 *
 * @param major    N
 * @param minor    X
 * @param build    Y
 * @param security Z
 */
public record StrongVersion(int major, int minor, int build, int security) implements Comparable<StrongVersion> {

    private static final Comparator<StrongVersion> ORDER = Comparator.comparingInt(StrongVersion::major)
            .thenComparingInt(StrongVersion::minor)
            .thenComparingInt(StrongVersion::build)
            .thenComparingInt(StrongVersion::security);

    /** Checks that every component is non-negative. */
    public StrongVersion {
        if (major < 0 || minor < 0 || build < 0 || security < 0) {
            throw new IllegalArgumentException("version components must be >= 0");
        }
    }

    /**
     * Parses {@code N.X.Y.Z}, also with the {@code cernvm-system-} prefix of release tags.
     *
     * @param text the version
     * @return the version
     * @throws VersionFormatException naming the text and the column of the first bad character
     */
    public static StrongVersion parse(String text) {
        String s = text.startsWith("cernvm-system-") ? text.substring("cernvm-system-".length()) : text;
        int offset = text.length() - s.length();
        int[] parts = VersionNumbers.split(text, s, offset, '.', 4, "N.X.Y.Z");
        return new StrongVersion(parts[0], parts[1], parts[2], parts[3]);
    }

    /** @return the release tag name {@code cernvm-system-N.X.Y.Z} */
    public String tagName() {
        return "cernvm-system-" + this;
    }

    @Override
    public int compareTo(StrongVersion o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + build + "." + security;
    }
}
