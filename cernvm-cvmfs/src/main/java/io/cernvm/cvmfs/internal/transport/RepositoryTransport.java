package io.cernvm.cvmfs.internal.transport;

import io.cernvm.api.FaultLocation;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The seam between what a repository means (trust chain, objects, catalogs) and how its
 * files travel (local directory, HTTP through proxy and host chains, a disk cache).
 * Paths are relative to the repository's base URL, e.g. {@code .cvmfspublished} or
 * {@code data/ab/cdef0123...C}. Implementations are thread-safe.
 */
public interface RepositoryTransport extends AutoCloseable {

    /**
     * Fetches one file whole.
     *
     * @param relativePath the path below the repository's base, never starting with {@code /}
     * @param noCache      ask caches and proxies on the way for a fresh copy (upstream sends
     *                     {@code Pragma: no-cache} / {@code Cache-Control: no-cache}); used for
     *                     {@code .cvmfs*} files and for the one retry of an object whose hash failed
     * @return the bytes exactly as served
     * @throws io.cernvm.api.NotFoundException         when every server answers that the file does not exist
     * @throws io.cernvm.api.AllMirrorsFailedException when no server could be reached or answered
     */
    byte[] fetch(String relativePath, boolean noCache);

    /**
     * Fetches one file whole, handing its bytes to a sink as they arrive (a retry or failover
     * restarts the sink). Unlike {@link #fetch(String, boolean)}, concurrent calls for one path
     * are not merged: the caller does that for what it makes of the bytes.
     *
     * @param relativePath the path below the repository's base, never starting with {@code /}
     * @param noCache      as for {@link #fetch(String, boolean)}
     * @param sink         receives the body of each attempt
     * @throws io.cernvm.api.NotFoundException         when every server answers that the file does not exist
     * @throws io.cernvm.api.AllMirrorsFailedException when no server could be reached or answered
     */
    default void fetchInto(String relativePath, boolean noCache, BodySink sink) {
        byte[] body = fetch(relativePath, noCache);
        sink.begin(body.length);
        sink.accept(body, 0, body.length);
    }

    /**
     * Reports that the bytes last fetched for a path failed verification, so the transport can
     * count it against the host that served them and move on to the next one.
     *
     * @param relativePath the path whose bytes were bad
     */
    default void reportCorrupt(String relativePath) {
    }

    /** @return a description of where the files come from, for messages (e.g. the base URL) */
    String describe();

    /**
     * Where a file of this transport is, for error messages: the relative path, and the URL when
     * {@link #describe()} is one.
     *
     * @param relativePath the path below the repository's base
     * @return a location naming path and, when possible, URL
     */
    default FaultLocation locate(String relativePath) {
        String base = describe();
        FaultLocation at = FaultLocation.atPath(relativePath);
        try {
            URI u = new URI(base.endsWith("/") ? base + relativePath : base + "/" + relativePath);
            return u.getScheme() == null ? at.withPath(base + "/" + relativePath) : at.withUrl(u);
        } catch (URISyntaxException | RuntimeException e) {
            return at.withPath(base + "/" + relativePath);
        }
    }

    @Override
    default void close() {
    }
}
