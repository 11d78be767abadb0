package io.cernvm.benchmarks;

import io.cernvm.cvmfs.DirectoryEntry;
import io.cernvm.cvmfs.Repository;
import io.cernvm.cvmfs.config.ClientConfiguration;
import io.cernvm.cvmfs.internal.download.HttpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Inflater;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The whole-process cvmfs goals, each against a baseline measured in the same run, in one JVM
 * (warm-up rounds discarded until the JIT has settled, {@link JitWarmUp}; the median of the
 * measured rounds reported):
 * heap per idle open repository, cold read of a 20 MiB chunked file vs curl + SHA-1 + inflate,
 * 1,000 small files cold in parallel vs the raw request rate at the same concurrency, and the
 * failover latency for a refused proxy.
 * Usage: {@code java -cp benchmarks.jar io.cernvm.benchmarks.CvmfsGoals [rounds [heap|cold|small|failover]...]}
 */
public final class CvmfsGoals {

    private static final int CONCURRENCY = 8;
    /** Rounds always run first and discarded: the JIT is still compiling OkHttp's and the client's paths. */
    private static final int WARM_UP_ROUNDS = 4;
    /** The longest warm-up while waiting for the JIT to settle ({@link JitWarmUp}). */
    private static final Duration MAX_WARM_UP = Duration.ofSeconds(60);

    private CvmfsGoals() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path work = Files.createTempDirectory("bench-cvmfs-");
        try {
            Path storage = BenchRepositories.publish(work);
            Path fixture = BenchRepositories.unpackFixture(Files.createDirectories(work.resolve("fixture")));
            try (ServedRepository published = new ServedRepository(storage, BenchRepositories.FQRN,
                    BenchRepositories.publishedPublicKey(work), work);
                    ServedRepository test = new ServedRepository(fixture, "test.cern.ch", BenchRepositories.fixturePublicKey(),
                            work.resolve("fixture"))) {
                if (wanted(args, "heap")) {
                    heapPerRepository(test);
                }
                if (wanted(args, "cold")) {
                    coldChunkedRead(published, rounds);
                }
                if (wanted(args, "small")) {
                    smallFilesParallel(published, rounds);
                }
                if (wanted(args, "failover")) {
                    refusedProxyFailover(published, rounds * 4);
                }
            }
        } finally {
            Cleanup.delete(work);
        }
    }

    /** Sections named after the rounds run alone (heap, cold, small, failover); none named: all. */
    private static boolean wanted(String[] args, String section) {
        return args.length < 2 || Arrays.asList(args).subList(1, args.length).contains(section);
    }

    // ---- heap per idle open repository ----

    private static void heapPerRepository(ServedRepository served) throws Exception {
        int n = 20;
        List<String> paths = BenchRepositories.fixturePaths();
        long heapBefore = usedHeapAfterGc();
        long rssBefore = rssKiB();
        List<Repository> open = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Repository r = served.open();
            for (String p : paths) {
                r.stat(p); // every catalog mounted: the repository as it idles after use
            }
            open.add(r);
        }
        long heapAfter = usedHeapAfterGc();
        long rssAfter = rssKiB();
        double perRepoMiB = (heapAfter - heapBefore) / (double) n / (1 << 20);
        System.out.printf("heap per idle open repository (%d open, all catalogs mounted, retained after GC): %.2f MiB"
                + "  (RSS delta %.2f MiB each, includes sqlite's native memory)  goal<=32 MB: %s%n",
                n, perRepoMiB, (rssAfter - rssBefore) / (double) n / 1024, perRepoMiB * 1.048576 <= 32 ? "met" : "NOT met");
        for (Repository r : open) {
            r.close();
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    // ---- cold read of a 20 MiB chunked file ----

    private static void coldChunkedRead(ServedRepository served, int rounds) throws Exception {
        double[] client = new double[rounds];
        double[] baseline = new double[rounds];
        double[] clientCpu = new double[rounds];
        JitWarmUp warmUp = new JitWarmUp("cold 20 MiB read", WARM_UP_ROUNDS, MAX_WARM_UP);
        while (warmUp.another()) {
            coldReadRound(served);
        }
        ColdReadRound last = null;
        for (int i = 0; i < rounds; i++) {
            last = coldReadRound(served);
            client[i] = last.clientMBps();
            baseline[i] = last.baselineMBps();
            clientCpu[i] = last.clientCpuMillis();
        }
        double c = median(client);
        double b = median(baseline);
        System.out.printf("cold read of a 20 MiB chunked file (%d objects): client %.1f MB/s, curl+SHA-1+inflate %.1f MB/s,"
                + " ratio %.2f  goal>=0.9: %s%n", last.objects(), c, b, c / b, c / b >= 0.9 ? "met" : "NOT met");
        System.out.printf("  client process CPU per read (server included) %.0f ms; per round client %s baseline %s MB/s;"
                + " JIT compiling during the measured rounds: %s of their time%n",
                median(clientCpu), rounded(client), rounded(baseline), warmUp.measuredCompileShare());
    }

    /** One round of each side: throughputs, the client's process CPU, the number of objects. */
    private record ColdReadRound(double clientMBps, double baselineMBps, double clientCpuMillis, int objects) {
    }

    private static ColdReadRound coldReadRound(ServedRepository served) throws Exception {
        long bytes;
        long t0;
        long t1;
        long c0;
        long c1;
        List<String> objects;
        try (Repository r = served.open()) {
            served.server().resetCounts();
            c0 = processCpuNanos();
            t0 = System.nanoTime();
            bytes = readAll(r, BenchRepositories.FILE_20M);
            t1 = System.nanoTime();
            c1 = processCpuNanos();
            objects = served.server().requestCounts().keySet().stream().sorted().toList();
        }
        if (bytes != 20 << 20) {
            throw new IllegalStateException("read " + bytes + " bytes");
        }
        long b0 = System.nanoTime();
        long inflated = curlShaInflate(served, objects);
        long b1 = System.nanoTime();
        if (inflated != bytes) {
            throw new IllegalStateException("baseline inflated " + inflated + " bytes");
        }
        return new ColdReadRound(bytes / ((t1 - t0) / 1e9) / 1e6, bytes / ((b1 - b0) / 1e9) / 1e6, (c1 - c0) / 1e6,
                objects.size());
    }

    private static long readAll(Repository r, String path) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        long total = 0;
        try (SeekableByteChannel ch = r.open(path)) {
            int n;
            while ((n = ch.read(buf.clear())) >= 0) {
                total += n;
            }
        }
        return total;
    }

    /** The baseline pipeline: curl fetches each object, the JVM hashes and inflates its bytes. */
    private static long curlShaInflate(ServedRepository served, List<String> objects) throws Exception {
        byte[] out = new byte[1 << 20];
        byte[] in = new byte[1 << 16];
        long total = 0;
        for (String object : objects) {
            Process curl = new ProcessBuilder("curl", "-sf", served.url(object)).start();
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            Inflater inflater = new Inflater();
            try (InputStream s = curl.getInputStream()) {
                int n;
                while ((n = s.read(in)) > 0) {
                    sha1.update(in, 0, n);
                    inflater.setInput(in, 0, n);
                    int k;
                    while ((k = inflater.inflate(out)) > 0) {
                        total += k;
                    }
                }
            } finally {
                inflater.end();
            }
            sha1.digest();
            if (curl.waitFor() != 0) {
                throw new IOException("curl failed on " + object);
            }
        }
        return total;
    }

    // ---- 1,000 small files cold, in parallel ----

    private static void smallFilesParallel(ServedRepository served, int rounds) throws Exception {
        double[] client = new double[rounds];
        double[] baseline = new double[rounds];
        double[] clientCpu = new double[rounds];
        double[] baselineCpu = new double[rounds];
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            JitWarmUp warmUp = new JitWarmUp("1,000 small files", WARM_UP_ROUNDS, MAX_WARM_UP);
            while (warmUp.another()) {
                smallFilesRound(served, pool);
            }
            for (int i = 0; i < rounds; i++) {
                SmallFilesRound r = smallFilesRound(served, pool);
                // the same number of new TCP connections on both sides, or the comparison is unfair
                System.out.printf("    round %d: new connections: client %d, raw %d%n", i, r.clientConnections(),
                        r.baselineConnections());
                client[i] = r.clientRate();
                baseline[i] = r.baselineRate();
                clientCpu[i] = r.clientCpuMicros();
                baselineCpu[i] = r.baselineCpuMicros();
            }
            double c = median(client);
            double b = median(baseline);
            System.out.printf("1,000 small files cold, %d threads: client %.0f files/s, raw OkHttp GET %.0f requests/s,"
                    + " ratio %.2f  goal>=0.8: %s%n", CONCURRENCY, c, b, c / b, c / b >= 0.8 ? "met" : "NOT met");
            System.out.printf("  process CPU per file (server, GC and JIT included): client %.0f us, raw GET %.0f us;"
                    + " per round client %s raw %s files/s; JIT compiling during the measured rounds: %s of their time%n",
                    median(clientCpu), median(baselineCpu), rounded(client), rounded(baseline), warmUp.measuredCompileShare());
        } finally {
            pool.shutdown();
        }
    }

    /** One round of each side: rates, process CPU per file and new connections. */
    private record SmallFilesRound(double clientRate, double baselineRate, double clientCpuMicros, double baselineCpuMicros,
            int clientConnections, int baselineConnections) {
    }

    private static SmallFilesRound smallFilesRound(ServedRepository served, ExecutorService pool) throws Exception {
        long t0;
        long t1;
        long c0;
        long c1;
        int clientConns;
        List<String> objects;
        try (Repository r = served.open()) {
            List<DirectoryEntry> files = r.list(BenchRepositories.SMALL_DIR);
            served.server().resetCounts();
            c0 = processCpuNanos();
            t0 = System.nanoTime();
            clientConns = served.server().acceptedConnections();
            List<Future<Integer>> done = new ArrayList<>();
            for (DirectoryEntry e : files) {
                String p = BenchRepositories.SMALL_DIR + "/" + e.name();
                done.add(pool.submit(() -> r.readAllBytes(p).length));
            }
            for (Future<Integer> f : done) {
                f.get();
            }
            t1 = System.nanoTime();
            clientConns = served.server().acceptedConnections() - clientConns;
            c1 = processCpuNanos();
            if (files.size() != BenchRepositories.SMALL_FILES) {
                throw new IllegalStateException(files.size() + " files listed");
            }
            objects = served.server().requestCounts().keySet().stream().sorted().toList();
        }
        // the same connection reuse as the client: a fresh connection pool each round (the
        // client's repository is opened fresh, with its own transport), one request made
        // untimed first (the client fetched manifest and catalogs over one connection before
        // the clock started), as many idle connections kept as the client's transport keeps
        // (CVMFS_MAX_PARALLEL's default, 16); synchronous calls, so the dispatcher's
        // per-host limit (5, for queued calls only) caps neither side
        OkHttpClient http = new OkHttpClient.Builder()
                .connectionPool(new okhttp3.ConnectionPool(16, 4, java.util.concurrent.TimeUnit.SECONDS))
                .retryOnConnectionFailure(false)
                .dispatcher(new okhttp3.Dispatcher()).build();
        try (Response first = http.newCall(new Request.Builder().url(served.url(".cvmfspublished")).build()).execute()) {
            first.body().bytes();
        }
        long bc0 = processCpuNanos();
        long b0 = System.nanoTime();
        int rawConns = served.server().acceptedConnections();
        List<Future<Integer>> got = new ArrayList<>();
        for (String o : objects) {
            String url = served.url(o);
            got.add(pool.submit(() -> {
                try (Response resp = http.newCall(new Request.Builder().url(url).build()).execute()) {
                    if (!resp.isSuccessful()) {
                        throw new IOException(url + ": " + resp.code());
                    }
                    return resp.body().bytes().length;
                }
            }));
        }
        for (Future<Integer> f : got) {
            f.get();
        }
        long b1 = System.nanoTime();
        long bc1 = processCpuNanos();
        rawConns = served.server().acceptedConnections() - rawConns;
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        return new SmallFilesRound(BenchRepositories.SMALL_FILES / ((t1 - t0) / 1e9), objects.size() / ((b1 - b0) / 1e9),
                (c1 - c0) / 1e3 / BenchRepositories.SMALL_FILES, (bc1 - bc0) / 1e3 / objects.size(), clientConns, rawConns);
    }

    // ---- failover latency for a refused proxy ----

    private static void refusedProxyFailover(ServedRepository served, int rounds) throws Exception {
        int refusedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            refusedPort = s.getLocalPort(); // closed again: connecting to it is refused
        }
        double[] direct = new double[rounds];
        double[] refused = new double[rounds];
        for (int i = -5; i < rounds; i++) {
            double d = firstFetchMillis(served, "DIRECT");
            double r = firstFetchMillis(served, "http://127.0.0.1:" + refusedPort + ";DIRECT");
            if (i >= 0) {
                direct[i] = d;
                refused[i] = r;
            }
        }
        double d = median(direct);
        double r = median(refused);
        System.out.printf("refused proxy then DIRECT: first fetch %.2f ms vs %.2f ms DIRECT alone; failover latency %.2f ms%n",
                r, d, r - d);
    }

    private static double firstFetchMillis(ServedRepository served, String proxy) throws IOException {
        Path etc = Files.createTempDirectory("bench-failover-");
        try {
            Files.writeString(etc.resolve("default.local"), "CVMFS_SERVER_URL=\"http://127.0.0.1:" + served.server().port()
                    + "/cvmfs/@fqrn@\"\nCVMFS_HTTP_PROXY='" + proxy + "'\n");
            ClientConfiguration cfg = ClientConfiguration.builder().root(etc).load(BenchRepositories.FQRN);
            try (HttpTransport t = HttpTransport.builder().configuration(cfg).build()) {
                long t0 = System.nanoTime();
                t.fetch(".cvmfspublished", false);
                return (System.nanoTime() - t0) / 1e6;
            }
        } finally {
            Cleanup.delete(etc);
        }
    }

    /** CPU time of this whole process (all threads: client, server, GC, JIT). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String rounded(double[] values) {
        return Arrays.toString(Arrays.stream(values).mapToLong(Math::round).toArray());
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
