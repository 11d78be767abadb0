package io.cernvm.api;

import java.net.URI;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Where a fault was found: any combination of a user-data part (0-based), a line and column
 * (1-based), a file or repository path, a URL and a configuration key. Components that do not
 * apply are {@code null}.
 *
 * @param part   0-based index of the user-data part, or {@code null}
 * @param line   1-based line, or {@code null}
 * @param column 1-based column, or {@code null}
 * @param path   a file system or repository path, or {@code null}
 * @param url    the URL that was read, or {@code null}
 * @param key    a configuration or user-data key, or {@code null}
 */
public record FaultLocation(Integer part, Integer line, Integer column, String path, URI url, String key) {

    /** The location that names nothing. */
    public static final FaultLocation NOWHERE = new FaultLocation(null, null, null, null, null, null);

    /** Validates that positions are in range. */
    public FaultLocation {
        if (part != null && part < 0) {
            throw new IllegalArgumentException("part must be >= 0: " + part);
        }
        if (line != null && line < 1) {
            throw new IllegalArgumentException("line must be >= 1: " + line);
        }
        if (column != null && column < 1) {
            throw new IllegalArgumentException("column must be >= 1: " + column);
        }
    }

    /** @return a location naming a user-data part, line and column (each may be {@code null}) */
    public static FaultLocation inPart(Integer part, Integer line, Integer column) {
        return new FaultLocation(part, line, column, null, null, null);
    }

    /** @return a location naming a path */
    public static FaultLocation atPath(String path) {
        return new FaultLocation(null, null, null, path, null, null);
    }

    /** @return a location naming a URL */
    public static FaultLocation atUrl(URI url) {
        return new FaultLocation(null, null, null, null, url, null);
    }

    /** @return a location naming a key in a file, at a line (file and line may be {@code null}) */
    public static FaultLocation atKey(String key, String path, Integer line) {
        return new FaultLocation(null, line, null, path, null, key);
    }

    /** @return this location with the given URL */
    public FaultLocation withUrl(URI newUrl) {
        return new FaultLocation(part, line, column, path, newUrl, key);
    }

    /** @return this location with the given path */
    public FaultLocation withPath(String newPath) {
        return new FaultLocation(part, line, column, newPath, url, key);
    }

    /** @return the URL, if any */
    public Optional<URI> urlIfAny() {
        return Optional.ofNullable(url);
    }

    /** @return {@code true} when no component is set */
    public boolean isNowhere() {
        return equals(NOWHERE);
    }

    /** @return a short human form such as {@code part 2, line 3, column 1} */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ");
        if (part != null) {
            j.add("part " + part);
        }
        if (path != null) {
            j.add(path);
        }
        if (url != null) {
            j.add(url.toString());
        }
        if (key != null) {
            j.add("key " + key);
        }
        if (line != null) {
            j.add("line " + line);
        }
        if (column != null) {
            j.add("column " + column);
        }
        return j.toString();
    }
}
