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
     * Fetches a file named by an already percent-encoded path, or one byte range of it, handing
     * the body to a sink as {@link #fetchInto} does. For external data ({@code CVMFS_EXTERNAL_URL}
     * + the file's repository path), whose paths may hold any character, and whose chunks are
     * fetched with {@code Range: bytes=offset-(offset+length-1)} as upstream's {@code download.cc}
     * asks for them.
     *
     * @param encodedPath  the path below the base, each segment percent-encoded, never starting with {@code /}
     * @param rangeOffset  the first byte wanted (0 for the whole file)
     * @param rangeLength  how many bytes, or -1 for the whole file
     * @param noCache      as for {@link #fetch(String, boolean)}
     * @param sink         receives the body of each attempt (only the range's bytes)
     * @throws UnsupportedOperationException when this transport cannot fetch such paths
     * @throws io.cernvm.api.NotFoundException         when every server answers that the file does not exist
     * @throws io.cernvm.api.AllMirrorsFailedException when no server could be reached or answered
     */
    default void fetchRangeInto(String encodedPath, long rangeOffset, long rangeLength, boolean noCache, BodySink sink) {
        throw new UnsupportedOperationException(describe() + " cannot serve external data");
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
