package io.cernvm.cvmfs.internal.download;

import io.cernvm.api.ConfigurationException;
import io.cernvm.api.FaultLocation;
import io.cernvm.cvmfs.download.DownloadEvent;
import io.cernvm.cvmfs.download.DownloadSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the proxy group {@code auto} as upstream's {@code AutoProxy} and
 * {@code ResolveProxyDescription} ({@code wpad.cc}) do, once, when the transport is set up:
 * the {@code http_proxy} environment variable when it is set (even if empty), else the first
 * PAC file of {@code CVMFS_PAC_URLS} that downloads, evaluates and names a usable proxy
 * ({@code auto} in that list meaning {@link #DEFAULT_PAC_URL}). Its proxies replace each group
 * {@code auto}; when nothing is found the group is dropped, so {@code auto;DIRECT} goes DIRECT,
 * and a proxy string left empty is an error (upstream's {@code kFailWpad}). Every resolution is
 * reported as a {@link DownloadEvent.ProxyAutoResolved}.
 *
 * <p>Like upstream, the last good result can be kept in a file (upstream: the workspace file
 * {@code proxies<suffix>}): written after every discovery in which each {@code auto} found
 * proxies, and used instead of the whole {@code CVMFS_HTTP_PROXY} when one found nothing.
 */
public final class AutoProxy {

    /** What {@code auto} in {@code CVMFS_PAC_URLS} stands for (upstream's {@code kAutoPacLocation}). */
    public static final String DEFAULT_PAC_URL = "http://wpad/wpad.dat";
    /** The key of the PAC URL list. */
    public static final String PAC_URLS_KEY = "CVMFS_PAC_URLS";
    /** The environment variable taken before any PAC file. */
    public static final String HTTP_PROXY_VARIABLE = "http_proxy";

    private static final Logger LOG = LoggerFactory.getLogger(AutoProxy.class);
    private static final long MAX_CACHE_SIZE = 64 * 1024;

    private final DownloadSettings settings;
    private final PacFile pacFile;

    /** What {@code auto} stands for and where it came from. */
    record Resolution(String source, String proxies, String detail) {
    }

    AutoProxy(DownloadSettings settings, PacFile pacFile) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pacFile = Objects.requireNonNull(pacFile, "pacFile");
    }

    /**
     * @param settings the download settings
     * @param resolver resolves {@code auto}; called only when {@code CVMFS_HTTP_PROXY} has such a group
     * @param events   receives the {@link DownloadEvent.ProxyAutoResolved} event
     * @param cacheFile where the last good result is kept, or {@code null} for no cache
     * @return the proxy chain with {@code auto} resolved
     * @throws ConfigurationException when nothing is left of {@code CVMFS_HTTP_PROXY}, or the
     *                                proxies found are not usable
     */
    static ProxyChain chain(DownloadSettings settings, java.util.function.Supplier<Resolution> resolver,
            Consumer<DownloadEvent> events, Path cacheFile) {
        if (!ProxyChain.hasAutoGroup(settings.httpProxy())) {
            return ProxyChain.parse(settings.httpProxy(), settings.fallbackProxy());
        }
        Resolution r = resolver.get();
        String replaced = ProxyChain.replaceAuto(settings.httpProxy(), r.proxies());
        if (cacheFile != null) {
            if (r.proxies().isBlank()) {
                String cached = readCache(cacheFile, settings.fallbackProxy());
                if (cached != null) {
                    r = new Resolution("cache " + cacheFile, cached, r.detail() + "; using the proxies cached in " + cacheFile
                            + " by the last discovery");
                    replaced = cached;
                }
            } else {
                writeCache(cacheFile, replaced);
            }
        }
        events.accept(new DownloadEvent.ProxyAutoResolved(r.source(), r.proxies(), replaced, r.detail()));
        if (replaced.isEmpty()) {
            throw new ConfigurationException(ProxyChain.KEY + "='" + settings.httpProxy() + "': the proxy group 'auto' found no proxy ("
                    + r.detail() + ") and no other group is left; add ';DIRECT' to allow going without a proxy",
                    FaultLocation.atKey(ProxyChain.KEY, null, null));
        }
        try {
            return ProxyChain.parse(replaced, settings.fallbackProxy());
        } catch (ConfigurationException e) {
            throw new ConfigurationException(e.getMessage() + " (the group 'auto' became '" + r.proxies() + "' from " + r.source() + ")",
                    FaultLocation.atKey(ProxyChain.KEY, null, null));
        }
    }

    /** @return the cached proxy string, or {@code null} when there is none usable */
    private static String readCache(Path file, String fallback) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_CACHE_SIZE) {
                return null;
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (text.isEmpty() || ProxyChain.hasAutoGroup(text)) {
                return null;
            }
            ProxyChain.parse(text, fallback);
            return text;
        } catch (IOException | ConfigurationException | java.io.UncheckedIOException e) {
            LOG.warn("ignoring the cached proxies in {}: {}", file, e.getMessage());
            return null;
        }
    }

    private static void writeCache(Path file, String proxies) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, proxies, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("could not cache the discovered proxies in {}: {}", file, e.getMessage());
        }
    }

    /** @return what {@code auto} stands for; empty proxies when nothing was found */
    Resolution resolve() {
        String fromEnvironment = settings.environmentHttpProxy();
        if (fromEnvironment != null) {
            return new Resolution(HTTP_PROXY_VARIABLE, fromEnvironment.trim(),
                    fromEnvironment.isBlank() ? "http_proxy is set but empty" : "from the http_proxy environment variable");
        }
        List<String> urls = pacUrls(settings.pacUrls());
        if (urls.isEmpty()) {
            return new Resolution("none", "", "http_proxy is unset and " + PAC_URLS_KEY + " names no PAC file");
        }
        List<String> failures = new ArrayList<>();
        for (String url : urls) {
            try {
                String proxies = pacFile.proxies(url, settings.servers());
                String tried = failures.isEmpty() ? "" : " after " + String.join("; ", failures);
                return new Resolution(url, proxies, "from the PAC file " + url + tried);
            } catch (PacScript.PacException e) {
                failures.add(e.getMessage());
            }
        }
        return new Resolution("none", "", "http_proxy is unset; PAC files tried: " + String.join("; ", failures));
    }

    /**
     * @param raw {@code CVMFS_PAC_URLS}
     * @return its URLs in order, {@code auto} replaced by {@link #DEFAULT_PAC_URL}, blanks left out
     */
    static List<String> pacUrls(String raw) {
        List<String> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        for (String part : raw.split(";", -1)) {
            String url = part.trim();
            if (url.equals(ProxyChain.AUTO)) {
                out.add(DEFAULT_PAC_URL);
            } else if (!url.isEmpty()) {
                out.add(url);
            }
        }
        return out;
    }
}
