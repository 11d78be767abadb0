package io.cernvm.cvmfs.internal.download;

import io.cernvm.api.ConfigurationException;
import io.cernvm.api.FaultLocation;
import io.cernvm.cvmfs.download.DownloadEvent;
import io.cernvm.cvmfs.download.DownloadSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

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
 * <p>Upstream also keeps the last good result in the workspace file {@code proxies*} and uses
 * it when discovery fails; this client does not (it has no workspace of its own), so a failed
 * discovery is not masked by an old answer.
 */
public final class AutoProxy {

    /** What {@code auto} in {@code CVMFS_PAC_URLS} stands for (upstream's {@code kAutoPacLocation}). */
    public static final String DEFAULT_PAC_URL = "http://wpad/wpad.dat";
    /** The key of the PAC URL list. */
    public static final String PAC_URLS_KEY = "CVMFS_PAC_URLS";
    /** The environment variable taken before any PAC file. */
    public static final String HTTP_PROXY_VARIABLE = "http_proxy";

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
     * @return the proxy chain with {@code auto} resolved
     * @throws ConfigurationException when nothing is left of {@code CVMFS_HTTP_PROXY}, or the
     *                                proxies found are not usable
     */
    static ProxyChain chain(DownloadSettings settings, java.util.function.Supplier<Resolution> resolver,
            Consumer<DownloadEvent> events) {
        if (!ProxyChain.hasAutoGroup(settings.httpProxy())) {
            return ProxyChain.parse(settings.httpProxy(), settings.fallbackProxy());
        }
        Resolution r = resolver.get();
        String replaced = ProxyChain.replaceAuto(settings.httpProxy(), r.proxies());
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
