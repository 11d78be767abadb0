package io.cernvm.cvmfs.internal.download;

import io.cernvm.api.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PAC file: downloaded DIRECT (upstream fetches it before any proxy is set), at most
 * {@link #MAX_SIZE} bytes, then evaluated for every server's {@code <host>/.cvmfspublished} as
 * upstream's {@code ParsePac} does. The first server's answer counts; a different answer for a
 * later server is only logged. {@code http://}, {@code https://} and {@code file:} URLs are
 * read (upstream's curl reads all three; its own tests use {@code file:}).
 */
final class PacFile {

    /** Larger PAC files are refused: real ones are a few kilobytes. */
    static final int MAX_SIZE = 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(PacFile.class);

    private final OkHttpClient directClient;
    private final PacScript script;

    /**
     * @param directClient an HTTP client without proxy and with the direct timeouts
     * @param script       evaluates the file
     */
    PacFile(OkHttpClient directClient, PacScript script) {
        this.directClient = Objects.requireNonNull(directClient, "directClient");
        this.script = Objects.requireNonNull(script, "script");
    }

    /**
     * @param url     the PAC file's URL
     * @param servers the host chain
     * @return the proxy string the file gives for the first server
     * @throws PacScript.PacException when the file cannot be read or evaluated, or names no usable proxy
     */
    String proxies(String url, List<URI> servers) throws PacScript.PacException {
        String source = new String(download(url), StandardCharsets.UTF_8);
        List<URI> targets = servers.stream().map(s -> URI.create(s + "/.cvmfspublished")).toList();
        List<String> answers = script.evaluate(source, url, targets);
        PacResult first;
        try {
            first = PacResult.parse(answers.get(0));
        } catch (IllegalArgumentException e) {
            throw new PacScript.PacException(url + ": " + e.getMessage());
        }
        if (first.isEmpty()) {
            throw new PacScript.PacException(url + " named no usable proxy (it answered '" + shorten(answers.get(0)) + "')");
        }
        try {
            ProxyChain.parse(first.proxies(), null);
        } catch (ConfigurationException e) {
            throw new PacScript.PacException(url + " answered '" + shorten(answers.get(0)) + "': " + e.getMessage());
        }
        if (!first.skipped().isEmpty()) {
            LOG.warn("{}: skipped the entries {} (no SOCKS support; only PROXY and DIRECT)", url, first.skipped());
        }
        for (int i = 1; i < answers.size(); i++) {
            String other = PacResult.parse(answers.get(i)).proxies();
            if (!other.equals(first.proxies())) {
                LOG.debug("{} gives {} for {} but {} for the first server; the first server's answer is used", url, other,
                        servers.get(i), first.proxies());
            }
        }
        return first.proxies();
    }

    private byte[] download(String url) throws PacScript.PacException {
        String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        if (scheme.equals("file")) {
            return readFile(url);
        }
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw new PacScript.PacException(url + " is not an http://, https:// or file: URL");
        }
        Request request = new Request.Builder().url(parsed).get().build();
        try (Response response = directClient.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new PacScript.PacException(url + " answered HTTP " + response.code());
            }
            ResponseBody body = response.body();
            try (InputStream in = body.byteStream()) {
                return capped(in, url);
            }
        } catch (IOException e) {
            throw new PacScript.PacException(url + " could not be downloaded: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    private static byte[] readFile(String url) throws PacScript.PacException {
        Path path;
        try {
            path = Path.of(new URI(url));
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new PacScript.PacException(url + " is not a usable file: URL");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return capped(in, url);
        } catch (IOException e) {
            throw new PacScript.PacException(url + " could not be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    private static byte[] capped(InputStream in, String url) throws IOException, PacScript.PacException {
        byte[] bytes = in.readNBytes(MAX_SIZE + 1);
        if (bytes.length > MAX_SIZE) {
            throw new PacScript.PacException(url + " is larger than " + MAX_SIZE + " bytes");
        }
        return bytes;
    }

    private static String shorten(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
