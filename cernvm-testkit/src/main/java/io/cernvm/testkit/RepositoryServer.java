package io.cernvm.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 server for CernVM-FS repositories, for tests and for {@code cvmfs serve}: it
 * serves a directory the way a Stratum 1 does (keep-alive, range requests, {@code Expires} and
 * {@code Cache-Control} of 61 seconds for {@code .cvmfs*} and {@code *.json} files and of three
 * days for everything else, as {@code cvmfs_server}'s Apache configuration sets them), counts
 * requests per path, and shows injected {@link Fault faults} for chosen paths.
 *
 * <p>Built with {@link Builder#forwardProxy()}, it is instead a minimal forward proxy: it
 * answers absolute-URI requests ({@code GET http://host:port/path HTTP/1.1}) by fetching from
 * the origin, so proxy failover can be tested without Squid. Its counters and faults are keyed
 * by the origin path, and an unreachable origin gets a 502 with {@code X-Squid-Error}, as
 * Squid answers.
 *
 * <p>Every accepted socket has {@code TCP_NODELAY} set: with Nagle's algorithm and delayed
 * acknowledgements small objects take tens of milliseconds each. The server binds to
 * {@code 127.0.0.1} and a free port unless told otherwise. It is thread-safe; {@link #close()}
 * drops every connection, including black-holed ones.
 *
 * <pre>{@code
 * try (RepositoryServer server = RepositoryServer.builder().root(repoDir).build()) {
 *     server.inject("data/**", new Fault.Status(503));
 *     ... server.baseUri() ... server.requestCount(".cvmfspublished") ...
 * }
 * }</pre>
 */
public final class RepositoryServer implements AutoCloseable {

    private final Path root;
    private final boolean proxy;
    private final String urlPrefix;
    private final Clock clock;
    private final ServerSocket serverSocket;
    private final ExecutorService workers;
    private final Thread acceptor;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final List<FaultRule> faults = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final java.util.Deque<RecordedRequest> recorded = new java.util.ArrayDeque<>();

    private RepositoryServer(Builder b) throws IOException {
        this.root = b.root == null ? null : b.root.toAbsolutePath().normalize();
        this.proxy = b.proxy;
        this.urlPrefix = b.urlPrefix;
        this.clock = b.clock;
        this.serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(b.bindAddress, b.port), 128);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "repository-server-" + port() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "repository-server-" + port() + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return a builder with the defaults: loopback, a free port, no URL prefix, the system clock */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the port the server listens on */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** @return the address the server listens on */
    public InetSocketAddress address() {
        return new InetSocketAddress(serverSocket.getInetAddress(), port());
    }

    /**
     * @return the URL of the served directory without a trailing slash, e.g.
     *         {@code http://127.0.0.1:41234/cvmfs/test.cern.ch}; for a proxy, its own address
     */
    public URI baseUri() {
        String host = serverSocket.getInetAddress().getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port() + (proxy ? "" : urlPrefix));
    }

    /**
     * @param relativePath a path below the served directory, without leading {@code /}
     * @return its URL
     */
    public URI uri(String relativePath) {
        return URI.create(baseUri() + "/" + relativePath);
    }

    /** @return whether this server is a forward proxy rather than a repository server */
    public boolean isProxy() {
        return proxy;
    }

    /**
     * @param relativePath a path as the server sees it, without leading {@code /}
     * @return how many requests for it arrived (including those answered by a fault)
     */
    public int requestCount(String relativePath) {
        AtomicInteger c = counts.get(relativePath);
        return c == null ? 0 : c.get();
    }

    /** @return the request count of every path requested so far, sorted by path */
    public Map<String, Integer> requestCounts() {
        Map<String, Integer> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.get()));
        return Map.copyOf(copy);
    }

    /** @return how many requests arrived in all */
    public int totalRequests() {
        return total.get();
    }

    /** Sets every request counter back to zero and forgets the recorded requests. */
    public void resetCounts() {
        counts.clear();
        total.set(0);
        synchronized (recorded) {
            recorded.clear();
        }
    }

    /** @return the most recent requests (at most {@value #RECORDED_LIMIT}), oldest first */
    public List<RecordedRequest> recordedRequests() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    /** How many requests {@link #recordedRequests()} keeps. */
    public static final int RECORDED_LIMIT = 1000;

    /**
     * Makes every request whose path matches the glob show the fault, until removed.
     *
     * @param glob  a {@link PathPattern} glob
     * @param fault the misbehaviour
     * @return a handle that removes the fault
     */
    public FaultHandle inject(String glob, Fault fault) {
        return inject(PathPattern.of(glob), fault, -1);
    }

    /**
     * Makes the next {@code times} requests whose path matches show the fault.
     *
     * @param pattern the paths
     * @param fault   the misbehaviour
     * @param times   how many requests see it; a negative number means every one
     * @return a handle that removes the fault
     */
    public FaultHandle inject(PathPattern pattern, Fault fault, int times) {
        FaultRule rule = new FaultRule(Objects.requireNonNull(pattern, "pattern"), Objects.requireNonNull(fault, "fault"),
                new AtomicInteger(times));
        faults.add(rule);
        return () -> faults.remove(rule);
    }

    /** @return how many TCP connections the server has accepted so far (connection reuse shows here) */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** Removes every injected fault. */
    public void clearFaults() {
        faults.clear();
    }

    /** Stops listening, drops every open connection and releases the worker threads. */
    @Override
    public void close() {
        closed.countDown();
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : connections) {
            closeQuietly(s);
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Removes one injected fault. */
    @FunctionalInterface
    public interface FaultHandle {
        /** Removes the fault; later requests are answered normally. */
        void remove();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket s = serverSocket.accept();
                accepted.incrementAndGet();
                s.setTcpNoDelay(true);
                connections.add(s);
                workers.execute(() -> {
                    try {
                        new Exchange(this, s).serve();
                    } finally {
                        connections.remove(s);
                        closeQuietly(s);
                    }
                });
            } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                if (serverSocket.isClosed()) {
                    return;
                }
            }
        }
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    // --- used by Exchange ---

    Path root() {
        return root;
    }

    boolean proxyMode() {
        return proxy;
    }

    String urlPrefix() {
        return urlPrefix;
    }

    Clock clock() {
        return clock;
    }

    void count(RequestHead head, String path) {
        synchronized (recorded) {
            if (recorded.size() >= RECORDED_LIMIT) {
                recorded.removeFirst();
            }
            recorded.addLast(new RecordedRequest(head.method(), head.target(), path, head.headers()));
        }
        counts.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
        total.incrementAndGet();
    }

    Optional<Fault> faultFor(String path) {
        for (FaultRule rule : faults) {
            if (rule.pattern().matches(path) && rule.take()) {
                return Optional.of(rule.fault());
            }
        }
        return Optional.empty();
    }

    /** Blocks until the server is closed; black-holed connections wait here. */
    void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return whether the server was closed while sleeping */
    boolean sleepUnlessClosed(long millis) {
        try {
            return closed.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    static void resetConnection(Socket s) {
        try {
            s.setSoLinger(true, 0); // close() then sends RST instead of FIN
        } catch (SocketException ignored) {
            // closing anyway
        }
        closeQuietly(s);
    }

    private record FaultRule(PathPattern pattern, Fault fault, AtomicInteger remaining) {
        boolean take() {
            while (true) {
                int r = remaining.get();
                if (r < 0) {
                    return true;
                }
                if (r == 0) {
                    return false;
                }
                if (remaining.compareAndSet(r, r - 1)) {
                    return true;
                }
            }
        }
    }

    /** Settings of a {@link RepositoryServer}. */
    public static final class Builder {
        private Path root;
        private boolean proxy;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private String urlPrefix = "";
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * @param directory the directory to serve (a repository's base, holding
         *                  {@code .cvmfspublished} and {@code data/})
         * @return this builder
         */
        public Builder root(Path directory) {
            this.root = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** @return this builder, set to make a forward proxy instead of serving a directory */
        public Builder forwardProxy() {
            this.proxy = true;
            return this;
        }

        /**
         * @param address the address to bind to; the default is {@code 127.0.0.1}
         * @return this builder
         */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * @param port the port, 0 (the default) for a free one
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * @param prefix a URL path under which the directory appears, e.g.
         *               {@code /cvmfs/test.cern.ch}; empty (the default) for the server root
         * @return this builder
         */
        public Builder urlPrefix(String prefix) {
            String p = Objects.requireNonNull(prefix, "prefix");
            while (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            if (!p.isEmpty() && !p.startsWith("/")) {
                p = "/" + p;
            }
            this.urlPrefix = p;
            return this;
        }

        /**
         * @param clock the clock for {@code Date} and {@code Expires} headers
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Binds the socket and starts serving.
         *
         * @return the running server
         * @throws UncheckedIOException when the address cannot be bound
         */
        public RepositoryServer build() {
            if (proxy == (root != null)) {
                throw new IllegalStateException("set exactly one of root(...) and forwardProxy()");
            }
            if (root != null && !Files.isDirectory(root)) {
                throw new IllegalStateException("not a directory: " + root);
            }
            try {
                return new RepositoryServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind " + bindAddress + ":" + port, e);
            }
        }
    }
}
