package io.cernvm.cvmfs.internal.transport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transport that serves replaced files over another one, and records what was asked: the
 * tampering and corruption cases of the trust and object tests.
 */
public final class OverlayTransport implements RepositoryTransport {

    private final RepositoryTransport base;
    private final Map<String, byte[]> replaced = new ConcurrentHashMap<>();
    private final Map<String, byte[]> replacedOnce = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();
    /** Paths reported corrupt, in order. */
    public final List<String> corrupt = new CopyOnWriteArrayList<>();
    /** Paths fetched with no-cache, in order. */
    public final List<String> noCacheFetches = new CopyOnWriteArrayList<>();

    /**
     * @param base the real files
     */
    public OverlayTransport(RepositoryTransport base) {
        this.base = base;
    }

    /**
     * @param path  a relative path
     * @param bytes what to serve instead, every time
     * @return this
     */
    public OverlayTransport replace(String path, byte[] bytes) {
        replaced.put(path, bytes.clone());
        return this;
    }

    /**
     * @param path  a relative path
     * @param bytes what to serve instead, the first time only (a corrupting proxy)
     * @return this
     */
    public OverlayTransport replaceOnce(String path, byte[] bytes) {
        replacedOnce.put(path, bytes.clone());
        return this;
    }

    /**
     * @param path a relative path
     * @return how often it was fetched
     */
    public int fetchCount(String path) {
        AtomicInteger n = fetches.get(path);
        return n == null ? 0 : n.get();
    }

    /** @return the number of fetches of any path */
    public int totalFetches() {
        return fetches.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public byte[] fetch(String relativePath, boolean noCache) {
        fetches.computeIfAbsent(relativePath, k -> new AtomicInteger()).incrementAndGet();
        if (noCache) {
            noCacheFetches.add(relativePath);
        }
        byte[] once = replacedOnce.remove(relativePath);
        if (once != null) {
            return once;
        }
        byte[] r = replaced.get(relativePath);
        return r != null ? r.clone() : base.fetch(relativePath, noCache);
    }

    @Override
    public void reportCorrupt(String relativePath) {
        corrupt.add(relativePath);
        base.reportCorrupt(relativePath);
    }

    @Override
    public String describe() {
        return base.describe();
    }
}
