package io.cernvm.cvmfs.internal.publish;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ingests the regular files of a tree on a few threads ahead of the catalog writer, which takes
 * the results one by one in its own (tree) order. Objects are named by their content, so which
 * thread writes which object, and when, changes nothing in the catalogs: the same tree gives the
 * same catalogs and objects as a serial run. Upstream's ingestion pipeline is parallel likewise
 * ({@code ingestion/pipeline.cc}).
 *
 * <p>The files of a hard-link group are ingested once, as the serial writer did: a later link to
 * an inode already queued reuses its result unless the scan saw a different size.
 */
public final class IngestQueue implements AutoCloseable {
    private final FileIngester ingester;
    private final ExecutorService pool;
    private final Map<TreeNode, Future<IngestedFile>> pending = new IdentityHashMap<>();

    /**
     * @param ingester turns a file into objects; its store must accept calls from several threads
     * @param threads  how many files are ingested at once
     */
    public IngestQueue(FileIngester ingester, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.ingester = ingester;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "publish-ingest-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues every regular file under {@code root}, in the order the catalog writer visits them. */
    public void submitAll(TreeNode root) {
        Map<Object, Queued> byInode = new HashMap<>();
        submitChildren(root, byInode);
    }

    private record Queued(long size, Future<IngestedFile> result) {
    }

    private void submitChildren(TreeNode dir, Map<Object, Queued> byInode) {
        for (TreeNode c : dir.children()) {
            if (c.kind() == TreeNode.Kind.DIRECTORY) {
                submitChildren(c, byInode);
            } else if (c.kind() == TreeNode.Kind.FILE) {
                Queued q = c.inode() != null ? byInode.get(c.inode()) : null;
                if (q == null || q.size() != c.size()) {
                    q = new Queued(c.size(), pool.submit(() -> ingester.ingest(c.source(), c.size(), c.repoPath())));
                    if (c.inode() != null) {
                        byInode.put(c.inode(), q);
                    }
                }
                pending.put(c, q.result());
            }
        }
    }

    /**
     * Waits for one queued file.
     *
     * @param file a regular file passed to {@link #submitAll}
     * @return its objects
     * @throws IOException as the ingester threw it (an {@code IntegrityException} is rethrown as is)
     */
    public IngestedFile take(TreeNode file) throws IOException {
        Future<IngestedFile> f = pending.get(file);
        if (f == null) {
            throw new IllegalStateException("not queued: " + file.repoPath());
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while ingesting " + file.repoPath());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new UncheckedIOException(new IOException(cause));
        }
    }

    /**
     * Cancels what is still queued and waits for the files being ingested to stop, so no
     * thread writes objects after the publish that started it has returned.
     */
    @Override
    public void close() throws InterruptedIOException {
        pool.shutdownNow();
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // a file being read stops at its next buffer (FileIngester checks interrupts)
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stopping ingestion");
        }
    }
}
