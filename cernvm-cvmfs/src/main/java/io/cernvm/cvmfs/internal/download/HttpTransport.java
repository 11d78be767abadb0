package io.cernvm.cvmfs.internal.download;

import io.cernvm.api.AllMirrorsFailedException;
import io.cernvm.api.CernVmException;
import io.cernvm.api.FaultLocation;
import io.cernvm.api.NotFoundException;
import io.cernvm.cvmfs.config.ClientConfiguration;
import io.cernvm.cvmfs.download.DownloadEvent;
import io.cernvm.cvmfs.download.DownloadListener;
import io.cernvm.cvmfs.download.DownloadSettings;
import io.cernvm.cvmfs.download.FailoverReason;
import io.cernvm.cvmfs.internal.transport.BodySink;
import io.cernvm.cvmfs.internal.transport.SharedDownloads;
import io.cernvm.cvmfs.internal.transport.RepositoryTransport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches repository files over HTTP through the host chain and the proxy groups with upstream's
 * failover rules ({@code network/download.cc}, {@code VerifyAndFinalize}):
 * <ul>
 * <li>host errors (5xx, 400, 404, unfollowed redirects) switch to the next host while this fetch
 * has not tried every host; proxy errors (a Squid error header, other statuses through a proxy)
 * burn the proxy in its group; once this fetch has tried as many proxies as there are, the proxy
 * groups are reset and the next host is tried ({@link FailoverReason#HOST_AFTER_PROXY});</li>
 * <li>transfer errors (timeouts, low speed, cut transfers, HTTP 429) are retried on the same URL
 * up to {@code CVMFS_MAX_RETRIES} times after a random exponential backoff, then fail over;</li>
 * <li>a refused connection fails over at once, without retry or backoff;</li>
 * <li>requests without proxy use {@code CVMFS_TIMEOUT_DIRECT}, through a proxy {@code CVMFS_TIMEOUT},
 * as connect and read timeouts (zero: none, as curl's 0); a body arriving slower than
 * {@code CVMFS_LOW_SPEED_LIMIT} bytes per second over a timeout period, measured with the injected
 * clock, is too slow. There is no total-transfer timeout.</li>
 * </ul>
 * Concurrent fetches of one path share one download; at most {@code maxParallel} downloads run
 * at once. Requests carry upstream's {@code User-Agent}, ask for the bytes unencoded (so they
 * arrive exactly as served) and, for {@code noCache}, {@code Pragma: no-cache} and
 * {@code Cache-Control: no-cache}. With {@code CVMFS_USE_GEOAPI}, the Geo API orders the hosts
 * once before the first fetch ({@link GeoSort}). Every switch, retry, backoff, failure and
 * success, and the Geo API's outcome, is a {@link DownloadEvent} for the {@link DownloadListener}.
 */
public final class HttpTransport implements RepositoryTransport {

    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
    private static final int MAX_ATTEMPTS = 1000;
    private static final int REMEMBERED_PATHS = 4096;
    private static final long MAX_BODY = Integer.MAX_VALUE - 16;
    private static final int READ_BUFFER = 64 * 1024;

    private final DownloadSettings settings;
    private final FailoverChain chain;
    /** The proxy groups, {@code auto} resolved. */
    private final ProxyChain proxyChain;
    private final DownloadListener listener;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Random random;
    private final OkHttpClient baseClient;
    private final boolean ownsClient;
    private final Map<ProxyEndpoint, OkHttpClient> clients = new ConcurrentHashMap<>();
    private final Semaphore slots;
    /** Request headers, built once: the same for every request but for no-cache. */
    private final Headers headers;
    private final Headers noCacheHeaders;
    /**
     * Each host's base URL parsed once, or {@code null} where a path is appended as text and parsed
     * whole. Replaced only by the Geo API step, which ends before any attempt starts.
     */
    private HttpUrl[] hostUrls;
    /** Whether the Geo API step ({@code CVMFS_USE_GEOAPI}) is done or not wanted; it runs once, before the first fetch. */
    private volatile boolean hostsSorted;
    private final Object geoLock = new Object();
    private final String clientUuid;
    private volatile ProxyClient lastClient;
    private final SharedDownloads<InFlightKey> inFlight = new SharedDownloads<>();
    private final Map<String, Route> lastServed = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Route> eldest) {
            return size() > REMEMBERED_PATHS;
        }
    };

    private record InFlightKey(String path, boolean noCache) {
    }

    private record ProxyClient(ProxyEndpoint proxy, OkHttpClient client) {
    }

    private HttpTransport(Builder b) {
        this.settings = Objects.requireNonNull(b.settings, "settings");
        this.listener = b.listener;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.random = b.random;
        this.ownsClient = b.client == null;
        OkHttpClient base = b.client != null ? b.client
                : new OkHttpClient.Builder()
                        // idle connections are dropped before Apache's default KeepAliveTimeout (5 s) closes
                        // them: OkHttp does not probe pooled connections before a GET, and with its silent
                        // retry off a stale one would count as a cut transfer
                        .connectionPool(new ConnectionPool(Math.max(5, settings.maxParallel()), 4, TimeUnit.SECONDS))
                        .dispatcher(new Dispatcher())
                        .build();
        this.baseClient = base.newBuilder()
                .followRedirects(settings.followRedirects())
                .followSslRedirects(settings.followRedirects())
                .retryOnConnectionFailure(false) // failover is ours; a silent retry would hide resets
                .callTimeout(Duration.ZERO)
                .build();
        this.proxyChain = proxyChain(b);
        this.chain = new FailoverChain(settings.servers(), proxyChain, clock, random, settings.proxyResetAfter(), settings.hostResetAfter());
        this.slots = new Semaphore(settings.maxParallel(), true);
        this.headers = new Headers.Builder()
                .add("User-Agent", settings.userAgent())
                .add("Connection", "Keep-Alive")
                .add("Accept-Encoding", "identity") // bytes exactly as served: the hash is over them
                .build();
        this.noCacheHeaders = headers.newBuilder().add("Pragma", "no-cache").add("Cache-Control", "no-cache").build();
        this.clientUuid = b.clientUuid;
        if (!settings.useGeoApi()) {
            chain.truncateHosts(settings.maxServers()); // with the Geo API, after it (sortHostsOnce)
        }
        this.hostUrls = baseUrls(chain.hosts());
        this.hostsSorted = !settings.useGeoApi(); // after hostUrls: the volatile write publishes them
    }

    private static HttpUrl[] baseUrls(List<URI> hosts) {
        HttpUrl[] urls = new HttpUrl[hosts.size()];
        for (int i = 0; i < hosts.size(); i++) {
            urls[i] = baseUrl(hosts.get(i));
        }
        return urls;
    }

    /**
     * The proxy groups, the group {@code auto} resolved now, before the first fetch, as upstream
     * resolves it when it sets up its download manager; PAC files are fetched DIRECT.
     */
    private ProxyChain proxyChain(Builder b) {
        try {
            PacScript script = new PacScript(b.pacHostResolver, clock.withZone(java.time.ZoneId.systemDefault()), b.pacInstructionBudget);
            PacFile pacFile = new PacFile(newClientFor(ProxyEndpoint.DIRECT), script);
            return AutoProxy.chain(settings, () -> new AutoProxy(settings, pacFile).resolve(), this::emit, b.autoProxyCache);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * A host's URL parsed once, so that a request only appends the path (parsing the host part,
     * the costly bit, for every object made small files noticeably slower); {@code null} for a
     * URL with a query, fragment or trailing slash, whose text the request keeps appending to.
     */
    private static HttpUrl baseUrl(URI host) {
        String text = host.toString();
        if (host.getRawQuery() != null || host.getRawFragment() != null || text.endsWith("/")) {
            return null;
        }
        HttpUrl parsed = HttpUrl.parse(text);
        return parsed != null && parsed.toString().equals(text + (parsed.encodedPath().equals("/") ? "/" : "")) ? parsed : null;
    }

    /** @return a builder; {@link Builder#settings} or {@link Builder#configuration} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the settings this transport uses */
    public DownloadSettings settings() {
        return settings;
    }

    /** @return the host and proxy the next fetch would use */
    public Route activeRoute() {
        return chain.peek();
    }

    @Override
    public byte[] fetch(String relativePath, boolean noCache) {
        checkPath(relativePath);
        return inFlight.get(new InFlightKey(relativePath, noCache), () -> {
            ByteArraySink sink = new ByteArraySink();
            download(relativePath, noCache, sink, 0, -1);
            return sink.bytes();
        });
    }

    @Override
    public void fetchInto(String relativePath, boolean noCache, BodySink sink) {
        checkPath(relativePath);
        Objects.requireNonNull(sink, "sink");
        download(relativePath, noCache, sink, 0, -1);
    }

    @Override
    public void fetchRangeInto(String encodedPath, long rangeOffset, long rangeLength, boolean noCache, BodySink sink) {
        checkPath(encodedPath, true);
        Objects.requireNonNull(sink, "sink");
        if (rangeOffset < 0 || rangeLength < -1 || (rangeLength == -1 && rangeOffset != 0) || rangeLength == 0
                || (rangeLength > 0 && rangeOffset > Long.MAX_VALUE - rangeLength)) {
            throw new IllegalArgumentException("bad byte range " + rangeOffset + "+" + rangeLength);
        }
        download(encodedPath, noCache, sink, rangeOffset, rangeLength);
    }

    private static void checkPath(String p) {
        checkPath(p, false);
    }

    /** @param percentEscapes whether {@code %XX} escapes are allowed (an encoded external path) */
    private static void checkPath(String p, boolean percentEscapes) {
        Objects.requireNonNull(p, "relativePath");
        // repository paths are printable ASCII (.cvmfs* files, data/xx/hex...): nothing to escape
        // one pass, no allocation: this runs for every object fetched
        int segmentStart = 0;
        for (int i = 0; i <= p.length(); i++) {
            char c = i < p.length() ? p.charAt(i) : '/';
            if (c == '%' && percentEscapes && i + 2 < p.length() && isHex(p.charAt(i + 1)) && isHex(p.charAt(i + 2))) {
                continue;
            }
            if (c < 0x21 || c > 0x7e || c == '?' || c == '#' || c == '%' || c == '\\') {
                throw new IllegalArgumentException("not a repository-relative path: " + p);
            }
            if (c == '/') {
                int len = i - segmentStart;
                if (len == 0 || (len == 1 && p.charAt(segmentStart) == '.')
                        || (len == 2 && p.charAt(segmentStart) == '.' && p.charAt(segmentStart + 1) == '.')) {
                    throw new IllegalArgumentException("not a repository-relative path: " + p);
                }
                segmentStart = i + 1;
            }
        }
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    @Override
    public void reportCorrupt(String relativePath) {
        Route served;
        synchronized (lastServed) {
            served = lastServed.remove(relativePath);
        }
        if (served == null) {
            return;
        }
        chain.switchHost(served).ifPresent(s -> emit(new DownloadEvent.HostSwitch(relativePath, s.from(), s.to(),
                FailoverReason.BAD_DATA, 1)));
    }

    @Override
    public String describe() {
        return String.join(";", chain.hosts().stream().map(URI::toString).toList()) + " via " + proxyChain;
    }

    /**
     * Where a file is, for error messages: the path and its URL on the host now active.
     *
     * @param relativePath the path below the repository's base
     * @return a location naming path and URL
     */
    public FaultLocation locate(String relativePath) {
        FaultLocation at = FaultLocation.atPath(relativePath);
        try {
            return at.withUrl(chain.peek().url(relativePath));
        } catch (IllegalArgumentException e) {
            return at;
        }
    }

    @Override
    public void close() {
        if (ownsClient) {
            baseClient.dispatcher().executorService().shutdown();
            baseClient.connectionPool().evictAll();
        }
    }

    /** @param rangeLength -1 for the whole file, else the bytes wanted from {@code rangeOffset} */
    private void download(String path, boolean noCache, BodySink sink, long rangeOffset, long rangeLength) {
        sortHostsOnce();
        List<AllMirrorsFailedException.Attempt> attempts = new ArrayList<>();
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AllMirrorsFailedException(path + " (interrupted while waiting for a download slot)", attempts, e);
        }
        try {
            failover(path, noCache, sink, rangeOffset, rangeLength, attempts);
        } finally {
            slots.release();
        }
    }

    private void failover(String path, boolean noCache, BodySink sink, long rangeOffset, long rangeLength,
            List<AllMirrorsFailedException.Attempt> attempts) {
        int usedProxies = 1;
        int usedHosts = 1;
        int retries = 0;
        long backoffMs = 0;
        boolean every404 = true;
        Throwable lastCause = null;
        int attempt = 1;
        Route route = chain.current(path, attempt, this::emit);
        while (true) {
            AttemptResult result = attemptOnce(route, path, noCache, sink, rangeOffset, rangeLength);
            if (result.ok()) {
                if (chain.numHosts() > 1) { // with one host a corrupt object has nowhere else to go
                    synchronized (lastServed) {
                        lastServed.put(path, route);
                    }
                }
                if (listener != DownloadListener.NONE || LOG.isDebugEnabled()) { // the URI is built only for someone to see
                    emit(new DownloadEvent.Success(path, URI.create(urlText(route, path)), route.proxy().toString(), result.bytes(), attempt));
                }
                return;
            }
            URI url = URI.create(urlText(route, path));
            FailoverReason reason = result.reason();
            attempts.add(new AllMirrorsFailedException.Attempt(url, route.proxy().toString(), reason.description() + " (" + result.detail() + ")"));
            every404 &= result.status() == 404 && reason == FailoverReason.HOST_HTTP;
            lastCause = result.cause() != null ? result.cause() : lastCause;
            emit(new DownloadEvent.Failure(path, url, route.proxy().toString(), reason, result.detail(), attempt));
            if (Thread.currentThread().isInterrupted()) {
                throw new AllMirrorsFailedException(path + " (interrupted)", attempts, lastCause);
            }

            boolean sameUrlRetry = !noCache && retries < settings.maxRetries() && reason.retriedInPlace();
            boolean tryAgain = sameUrlRetry
                    || (reason.side() == FailoverReason.Side.HOST && usedHosts < chain.numHosts());
            if (sameUrlRetry || reason.side() == FailoverReason.Side.PROXY) {
                tryAgain = true;
                if (!sameUrlRetry && usedProxies >= chain.numProxies()) {
                    if (usedHosts < chain.numHosts()) {
                        final int a = attempt;
                        chain.resetProxiesForHostFailover().ifPresent(s -> emit(new DownloadEvent.ProxySwitch(path,
                                s.from().toString(), s.to().toString(), FailoverReason.HOST_AFTER_PROXY, a)));
                        usedProxies = 1;
                        reason = FailoverReason.HOST_AFTER_PROXY;
                    } else {
                        tryAgain = false;
                    }
                }
            }
            if (!tryAgain || attempt >= MAX_ATTEMPTS) {
                throw giveUp(path, attempts, every404, lastCause);
            }

            final int a = attempt;
            final FailoverReason r = reason;
            if (sameUrlRetry) {
                retries++;
                emit(new DownloadEvent.Retry(path, url, route.proxy().toString(), reason, attempt));
                long initMs = Math.min(millis(settings.backoffInit()), Long.MAX_VALUE - 1);
                backoffMs = backoffMs == 0 ? random.nextLong(initMs + 1) : (backoffMs > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : backoffMs * 2);
                backoffMs = Math.min(backoffMs, millis(settings.backoffMax()));
                Duration delay = Duration.ofMillis(backoffMs);
                emit(new DownloadEvent.Backoff(path, delay, attempt));
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AllMirrorsFailedException(path + " (interrupted during backoff)", attempts, e);
                }
            } else if (reason.side() == FailoverReason.Side.PROXY) {
                chain.switchProxy(route).ifPresent(s -> emit(new DownloadEvent.ProxySwitch(path, s.from().toString(),
                        s.to().toString(), r, a)));
                usedProxies++;
            } else {
                chain.switchHost(route).ifPresent(s -> emit(new DownloadEvent.HostSwitch(path, s.from(), s.to(), r, a)));
                usedHosts++;
            }
            attempt++;
            route = chain.current(path, attempt, this::emit);
        }
    }

    /**
     * The Geo API step of upstream's mount ({@code ProbeGeo}, then {@code CVMFS_MAX_SERVERS}):
     * once, before the first attempt; concurrent first fetches wait for it. It never fails a fetch.
     */
    private void sortHostsOnce() {
        if (hostsSorted) {
            return;
        }
        synchronized (geoLock) {
            if (hostsSorted) {
                return;
            }
            try {
                GeoSort.run(chain, settings.proxyTemplate(), () -> clientUuid != null ? clientUuid : UUID.randomUUID().toString(),
                        random, this::geoGet, this::emit);
            } catch (RuntimeException e) {
                LOG.warn("Geo API ordering of {} failed; keeping the configured order", chain.hosts(), e);
            } finally {
                chain.truncateHosts(settings.maxServers());
                hostUrls = baseUrls(chain.hosts());
                hostsSorted = true; // publishes hostUrls to every later attempt
            }
        }
    }

    private String geoGet(HttpUrl url, ProxyEndpoint proxy, int maxBytes) throws IOException {
        Request request = new Request.Builder().url(url).headers(headers).build();
        try (Response response = clientFor(proxy).newCall(request).execute()) {
            if (response.code() / 100 != 2) {
                String squid = response.header("X-Squid-Error");
                throw new IOException("HTTP " + response.code() + (squid != null ? ", X-Squid-Error: " + squid : ""));
            }
            BufferedSource in = response.body().source();
            if (in.request(maxBytes + 1L)) {
                throw new IOException("reply longer than " + maxBytes + " bytes");
            }
            return in.readString(StandardCharsets.ISO_8859_1);
        }
    }

    private CernVmException giveUp(String path, List<AllMirrorsFailedException.Attempt> attempts, boolean every404, Throwable cause) {
        URI last = attempts.get(attempts.size() - 1).url();
        if (every404) {
            return new NotFoundException(path + " does not exist on any server (HTTP 404 from " + attempts.size()
                    + " attempt(s))", FaultLocation.atUrl(last).withPath(path));
        }
        return new AllMirrorsFailedException(path + " from " + describe(), attempts, cause);
    }

    private static String urlText(Route route, String path) {
        return route.host() + "/" + path;
    }

    private AttemptResult attemptOnce(Route route, String path, boolean noCache, BodySink sink, long rangeOffset,
            long rangeLength) {
        boolean proxied = !route.proxy().isDirect();
        HttpUrl base = route.hostIndex() < hostUrls.length && route.host() == chain.hosts().get(route.hostIndex())
                ? hostUrls[route.hostIndex()] : null;
        // checked paths hold no '%' unless it starts an escape: the encoded form adds nothing else
        Request.Builder builder = new Request.Builder()
                .url(base != null ? base.newBuilder().addEncodedPathSegments(path).build() : HttpUrl.get(urlText(route, path)))
                .headers(noCache ? noCacheHeaders : headers);
        boolean ranged = rangeLength > 0;
        if (ranged) {
            builder.header("Range", "bytes=" + rangeOffset + "-" + (rangeOffset + rangeLength - 1));
        }
        Request request = builder.build();
        try (Response response = clientFor(route.proxy()).newCall(request).execute()) {
            int code = response.code();
            if (ranged && code / 100 == 2) {
                // upstream takes any 2xx and lets the chunk's hash fail on a whole-file 200; a reply
                // that is not exactly the range asked for is this host's error straight away
                String problem = RangeReply.problem(code, response.header("Content-Range"), response.body().contentLength(),
                        rangeOffset, rangeLength);
                if (problem != null) {
                    return AttemptResult.failed(FailoverReason.HOST_HTTP, problem, code, null);
                }
                AttemptResult read = readBody(response, proxied, sink);
                if (read.ok() && read.bytes() != rangeLength) {
                    return AttemptResult.failed(proxied ? FailoverReason.PROXY_SHORT_TRANSFER : FailoverReason.HOST_SHORT_TRANSFER,
                            "range body of " + read.bytes() + " bytes, " + rangeLength + " asked for", code, null);
                }
                return read;
            }
            if (code / 100 == 2) {
                return readBody(response, proxied, sink);
            }
            FailoverReason reason = ResponseClassifier.status(code, proxied, response.header("X-Squid-Error") != null,
                    response.header("Proxy-Status"));
            String squid = response.header("X-Squid-Error");
            return AttemptResult.failed(reason, "HTTP " + code + (squid != null ? ", X-Squid-Error: " + squid : ""), code, null);
        } catch (IOException e) {
            return AttemptResult.failed(ResponseClassifier.exception(e, proxied), String.valueOf(e), 0, e);
        } catch (IllegalArgumentException e) {
            return AttemptResult.failed(FailoverReason.OTHER, "bad URL: " + e.getMessage(), 0, e);
        }
    }

    private AttemptResult readBody(Response response, boolean proxied, BodySink sink) throws IOException {
        ResponseBody body = response.body();
        long length = body.contentLength();
        if (length > MAX_BODY) {
            return AttemptResult.failed(FailoverReason.OTHER, "resource too big to download: " + length + " bytes", response.code(), null);
        }
        Duration timeout = proxied ? settings.timeout() : settings.timeoutDirect();
        long windowMs = millis(timeout);
        long minBytesPerWindow = saturatedProduct(settings.lowSpeedLimit(), Math.max(1, timeout.toSeconds()));
        boolean checkSpeed = windowMs > 0 && minBytesPerWindow > 0; // a zero timeout or limit switches the check off, as in curl
        // a small body needs no 64 KiB buffer; a large one is handed on in 64 KiB pieces
        byte[] buf = new byte[length >= 0 ? (int) Math.max(512, Math.min(length, READ_BUFFER)) : READ_BUFFER];
        sink.begin(length);
        long total = 0;
        long windowStart = clock.millis();
        long windowBytes = 0;
        try (BufferedSource in = body.source()) {
            int n;
            while ((n = in.read(buf, 0, buf.length)) != -1) {
                total += n;
                if (total > MAX_BODY) {
                    return AttemptResult.failed(FailoverReason.OTHER, "resource too big to download", response.code(), null);
                }
                sink.accept(buf, 0, n);
                windowBytes += n;
                long now = clock.millis();
                if (checkSpeed && now - windowStart >= windowMs) {
                    // curl's CURLOPT_LOW_SPEED_LIMIT / _TIME: too few bytes over a whole timeout period
                    if (windowBytes < minBytesPerWindow) {
                        throw new InterruptedIOException("transfer slower than " + settings.lowSpeedLimit() + " B/s for "
                                + timeout.toSeconds() + " s");
                    }
                    windowStart = now;
                    windowBytes = 0;
                }
            }
        }
        return AttemptResult.ok(total, response.code());
    }

    private static long millis(Duration d) {
        try {
            return d.toMillis();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long saturatedProduct(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return (hi == 0 && lo >= 0) ? lo : Long.MAX_VALUE;
    }

    /** The client for a proxy; the last one used is at hand without a map lookup. */
    private OkHttpClient clientFor(ProxyEndpoint proxy) {
        ProxyClient last = lastClient;
        if (last != null && last.proxy().equals(proxy)) {
            return last.client();
        }
        OkHttpClient client = clients.computeIfAbsent(proxy, this::newClientFor);
        lastClient = new ProxyClient(proxy, client);
        return client;
    }

    private OkHttpClient newClientFor(ProxyEndpoint proxy) {
        Duration timeout = proxy.isDirect() ? settings.timeoutDirect() : settings.timeout();
        return baseClient.newBuilder()
                .proxy(proxy.toProxy())
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .build();
    }

    private void emit(DownloadEvent event) {
        LOG.debug("{}", event);
        try {
            if (event instanceof DownloadEvent.ProxySwitch e) {
                LOG.warn("switching proxy from {} to {} ({}) while fetching {}", e.from(), e.to(), e.reason().description(), e.path());
                listener.proxySwitched(e);
            } else if (event instanceof DownloadEvent.HostSwitch e) {
                LOG.warn("switching host from {} to {} ({}) while fetching {}", e.from(), e.to(), e.reason().description(), e.path());
                listener.hostSwitched(e);
            } else if (event instanceof DownloadEvent.Retry e) {
                listener.retrying(e);
            } else if (event instanceof DownloadEvent.Backoff e) {
                listener.backingOff(e);
            } else if (event instanceof DownloadEvent.Failure e) {
                listener.attemptFailed(e);
            } else if (event instanceof DownloadEvent.Success e) {
                listener.succeeded(e);
            } else if (event instanceof DownloadEvent.HostsOrdered e) {
                LOG.info("Geo API order of the hosts from {}: {}", e.source(), e.to());
                listener.hostsOrdered(e);
            } else if (event instanceof DownloadEvent.HostOrderKept e) {
                LOG.warn("failed to retrieve the geographic order of the hosts, keeping {}: {}", e.hosts(), e.reason());
                listener.hostOrderKept(e);
            } else if (event instanceof DownloadEvent.ProxyAutoResolved e) {
                LOG.info("proxy group auto: '{}' from {} ({}); {} is now '{}'", e.proxies(), e.source(), e.detail(), ProxyChain.KEY, e.chain());
                listener.proxyAutoResolved(e);
            }
        } catch (RuntimeException e) {
            LOG.warn("download listener failed on {}", event, e);
        }
    }

    /** Settings and collaborators of an {@link HttpTransport}. */
    public static final class Builder {
        private DownloadSettings settings;
        private DownloadListener listener = DownloadListener.NONE;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.THREAD;
        private Random random = new Random();
        private OkHttpClient client;
        private String clientUuid;
        private PacHostResolver pacHostResolver = PacHostResolver.SYSTEM;
        private long pacInstructionBudget = PacScript.DEFAULT_INSTRUCTION_BUDGET;
        private java.nio.file.Path autoProxyCache;

        private Builder() {
        }

        /**
         * @param value the client's UUID, sent to the Geo API in place of a proxy name when
         *              requests go without proxy (upstream keeps it in the cache's {@code uuid}
         *              file); by default a random one
         * @return this builder
         */
        public Builder clientUuid(String value) {
            this.clientUuid = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value the name lookups of PAC files ({@code dnsResolve}, {@code isInNet},
         *              {@code myIpAddress}); the system resolver by default
         * @return this builder
         */
        public Builder pacHostResolver(PacHostResolver value) {
            this.pacHostResolver = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param file where the proxies the group {@code auto} resolved to are kept, and taken
         *             from when a later resolution finds nothing (upstream's workspace file
         *             {@code proxies}); none by default
         * @return this builder
         */
        public Builder autoProxyCache(java.nio.file.Path file) {
            this.autoProxyCache = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * @param instructions how many JavaScript instructions a PAC file may run before it is
         *                     given up (default 20 million)
         * @return this builder
         */
        public Builder pacInstructionBudget(long instructions) {
            if (instructions < 1) {
                throw new IllegalArgumentException("instructions must be positive");
            }
            this.pacInstructionBudget = instructions;
            return this;
        }

        /**
         * @param value the download settings
         * @return this builder
         */
        public Builder settings(DownloadSettings value) {
            this.settings = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param configuration a loaded client configuration; its repository name fills {@code @fqrn@}
         * @return this builder, with the settings the configuration gives
         */
        public Builder configuration(ClientConfiguration configuration) {
            return settings(configuration.downloadSettings());
        }

        /**
         * @param value receives every download event
         * @return this builder
         */
        public Builder listener(DownloadListener value) {
            this.listener = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value the clock for proxy and host resets and the low-speed check
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value waits for backoffs
         * @return this builder
         */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value chooses among load-balanced proxies and draws backoffs
         * @return this builder
         */
        public Builder random(Random value) {
            this.random = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value an HTTP client whose connection pool and dispatcher are shared; the
         *              transport derives its own settings from it and does not shut it down
         * @return this builder
         */
        public Builder okHttpClient(OkHttpClient value) {
            this.client = Objects.requireNonNull(value, "value");
            return this;
        }

        /** @return the transport */
        public HttpTransport build() {
            if (settings == null) {
                throw new IllegalStateException("settings(...) or configuration(...) is required");
            }
            return new HttpTransport(this);
        }
    }
}
