package io.cernvm.cvmfs.internal.transport;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Downloads in progress, by key: a caller asking for one already running waits for it and gets
 * its own copy of the bytes (or its exception), so concurrent requests for one object cost one
 * transfer, as {@code download.cc} queues a second request for a URL in flight.
 *
 * @param <K> what identifies one download
 */
public final class SharedDownloads<K> {

    private final Map<K, CompletableFuture<byte[]>> running = new ConcurrentHashMap<>();

    /**
     * @param key      the download
     * @param download fetches the bytes when no one else is fetching them
     * @return the bytes; a caller that waited gets a copy
     */
    public byte[] get(K key, Supplier<byte[]> download) {
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> other = running.putIfAbsent(key, mine);
        if (other != null) {
            return join(other).clone();
        }
        try {
            byte[] bytes = download.get();
            mine.complete(bytes);
            return bytes;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }

    private static byte[] join(CompletableFuture<byte[]> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
