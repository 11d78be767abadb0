package io.cernvm.api;

import java.util.Comparator;

/**
 * A µCernVM bootloader version in either of its two schemes: the legacy {@code MAJOR.MINOR-N}
 * ({@code 1.17-9}, {@code 2.8-6}, {@code 3.0-1}; the {@code -N} may be absent) used until
 * 2018, and the dated {@code YYYY.MM-N} ({@code 2018.06-1}, {@code 2021.05-1}) used since
 * June 2018. Every legacy version orders before every dated one.
 *
 * @param scheme  which scheme the version follows
 * @param first   MAJOR, or the year
 * @param second  MINOR, or the month (1-12)
 * @param release N; 0 when a legacy version has none
 */
public record BootloaderVersion(Scheme scheme, int first, int second, int release)
        implements Comparable<BootloaderVersion> {

    /** The two version schemes, in chronological order. */
    public enum Scheme {
        /** {@code MAJOR.MINOR[-N]}, before 2018.06. */
        LEGACY,
        /** {@code YYYY.MM-N}, from 2018.06 on. */
        DATED
    }

    /** Years at or above this one are read as the dated scheme. */
    private static final int FIRST_DATED_YEAR = 2018;

    private static final Comparator<BootloaderVersion> ORDER = Comparator.comparing(BootloaderVersion::scheme)
            .thenComparingInt(BootloaderVersion::first)
            .thenComparingInt(BootloaderVersion::second)
            .thenComparingInt(BootloaderVersion::release);

    /** Checks the ranges of each scheme. */
    public BootloaderVersion {
        if (scheme == null) {
            throw new IllegalArgumentException("scheme is required");
        }
        if (first < 0 || second < 0 || release < 0) {
            throw new IllegalArgumentException("version components must be >= 0");
        }
        if (scheme == Scheme.DATED && (first < FIRST_DATED_YEAR || second < 1 || second > 12)) {
            throw new IllegalArgumentException("dated versions need a year >= 2018 and a month 1-12");
        }
        if (scheme == Scheme.LEGACY && first >= FIRST_DATED_YEAR) {
            throw new IllegalArgumentException("legacy major versions are below 2018");
        }
    }

    /**
     * Parses either scheme.
     *
     * @param text e.g. {@code 2.8-6} or {@code 2021.05-1}
     * @return the version
     * @throws VersionFormatException naming the text and the column of the fault
     */
    public static BootloaderVersion parse(String text) {
        String scheme = "MAJOR.MINOR[-N] or YYYY.MM-N";
        int dash = text.indexOf('-');
        String head = dash < 0 ? text : text.substring(0, dash);
        int[] mm = VersionNumbers.split(text, head, 0, '.', 2, scheme);
        boolean dated = mm[0] >= FIRST_DATED_YEAR;
        if (dash < 0) {
            if (dated) {
                throw VersionNumbers.bad(text, text.length(), "a dated version needs its -N release", scheme);
            }
            return new BootloaderVersion(Scheme.LEGACY, mm[0], mm[1], 0);
        }
        int release = VersionNumbers.number(text, text.substring(dash + 1), dash + 1, scheme);
        if (dated) {
            if (head.length() - head.indexOf('.') - 1 != 2 || mm[1] < 1 || mm[1] > 12) {
                throw VersionNumbers.bad(text, head.indexOf('.') + 1, "the month must be two digits, 01-12", scheme);
            }
            return new BootloaderVersion(Scheme.DATED, mm[0], mm[1], release);
        }
        return new BootloaderVersion(Scheme.LEGACY, mm[0], mm[1], release);
    }

    @Override
    public int compareTo(BootloaderVersion o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        if (scheme == Scheme.DATED) {
            return String.format("%d.%02d-%d", first, second, release);
        }
        return first + "." + second + (release == 0 ? "" : "-" + release);
    }
}
