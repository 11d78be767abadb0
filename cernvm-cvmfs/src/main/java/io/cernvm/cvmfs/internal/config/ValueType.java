package io.cernvm.cvmfs.internal.config;

import io.cernvm.cvmfs.internal.download.ProxyChain;
import io.cernvm.cvmfs.internal.download.ServerList;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The shape of a known parameter's value, and its check. */
public enum ValueType {
    /** Any text. */
    STRING,
    /** A {@code ;}-list of server URLs ({@code CVMFS_SERVER_URL}). */
    SERVER_LIST,
    /** A proxy string ({@code CVMFS_HTTP_PROXY}, {@code CVMFS_FALLBACK_PROXY}). */
    PROXY_LIST,
    /** A non-negative whole number of seconds. */
    SECONDS,
    /** A non-negative whole number. */
    COUNT,
    /** Megabytes, or -1 for unlimited ({@code CVMFS_QUOTA_LIMIT}). */
    MEGABYTES,
    /** yes/on/1/true or no/off/0/false, any case ({@code options.cc}'s {@code IsOn}/{@code IsOff}). */
    BOOLEAN,
    /** A file-system path. */
    PATH,
    /** A {@code :}-list of paths ({@code CVMFS_PUBLIC_KEY}). */
    PATH_LIST,
    /** A UTC time {@code YYYY-MM-DDThh:mm:ssZ} ({@code CVMFS_REPOSITORY_DATE}, upstream's {@code IsoTimestamp2UtcTime}). */
    TIMESTAMP,
    /** A content hash: 40 hex digits and an optional algorithm id ({@code CVMFS_ROOT_HASH}). */
    HASH;

    /** The largest number of seconds accepted: ten years. */
    public static final long MAX_SECONDS = 10L * 366 * 24 * 3600;

    private static final Pattern HASH_PATTERN = Pattern.compile("[0-9a-f]{40}(-rmd160|-shake128)?");
    private static final DateTimeFormatter TIMESTAMP_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT);

    /**
     * @param value the value, placeholders substituted
     * @param fqrn  the repository name
     * @return {@code null} when the value is well formed, else what is wrong with it
     */
    public String problem(String value, String fqrn) {
        try {
            switch (this) {
                case SERVER_LIST:
                    ServerList.parse(value, fqrn);
                    return null;
                case PROXY_LIST:
                    ProxyChain.validate(value, null);
                    return null;
                case SECONDS:
                    long seconds = parseCount(value);
                    return seconds < 0 || seconds > MAX_SECONDS ? "expected a whole number of seconds from 0 to " + MAX_SECONDS : null;
                case COUNT:
                    long count = parseCount(value);
                    return count < 0 || count > Integer.MAX_VALUE ? "expected a whole number from 0 to " + Integer.MAX_VALUE : null;
                case MEGABYTES:
                    return parseLong(value) < -1 ? "expected a number of megabytes, or -1 for unlimited" : null;
                case BOOLEAN:
                    return parseBoolean(value) == null ? "expected yes/no, on/off, true/false or 1/0" : null;
                case PATH:
                    return value.isEmpty() || value.indexOf('\0') >= 0 ? "expected a path" : null;
                case PATH_LIST:
                    return value.indexOf('\0') >= 0 ? "expected a ':'-separated list of paths" : null;
                case TIMESTAMP:
                    return parseTimestamp(value) == null ? "expected a UTC time such as 2024-01-31T12:00:00Z" : null;
                case HASH:
                    return HASH_PATTERN.matcher(value).matches() ? null
                            : "expected 40 lowercase hex digits, optionally followed by -rmd160 or -shake128";
                default:
                    return null;
            }
        } catch (io.cernvm.api.ConfigurationException e) {
            return e.reason();
        }
    }

    /** @return the number, or -1 when not a non-negative whole number that fits a long */
    public static long parseCount(String value) {
        long v = parseLong(value);
        return v < 0 ? -1 : v;
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    /** @return the truth value, or {@code null} when not a boolean word */
    public static Boolean parseBoolean(String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "yes": case "on": case "1": case "true":
                return Boolean.TRUE;
            case "no": case "off": case "0": case "false":
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    /** @return the instant, or {@code null} when malformed */
    public static Instant parseTimestamp(String value) {
        try {
            return LocalDateTime.parse(value.trim(), TIMESTAMP_FORMAT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
