package io.cernvm.cvmfs.internal.download;

import io.cernvm.cvmfs.download.DownloadEvent;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import okhttp3.HttpUrl;

/**
 * Asks the Geo API of up to three random Stratum 1s for the order of the host chain and the
 * fallback proxy groups, and installs the first valid answer, as upstream's {@code ProbeGeo}
 * does at mount. The request goes through the active proxy; the proxy part of the path is
 * {@code CVMFS_PROXY_TEMPLATE} if set, else the active proxy's host name, else (no proxy) the
 * client's UUID; from a fallback proxy group the request goes without proxy, since the fallback
 * proxies are themselves being ordered ({@code download.cc}, the {@code @proxy@} replacement).
 * A failure never fails the caller: the configured order stays and a
 * {@link DownloadEvent.HostOrderKept} says why.
 *
 * <p>Gap: each host gets one request; upstream's fetch could also fail over to another proxy of
 * the active group first.
 */
final class GeoSort {

    /** How many hosts are asked at most, as upstream. */
    static final int MAX_HOSTS_ASKED = 3;

    /** Fetches a reply body as text; a non-2xx status or a body over {@code maxBytes} is an {@link IOException}. */
    @FunctionalInterface
    interface Fetcher {
        /**
         * @param url      the Geo API URL
         * @param proxy    the proxy to go through
         * @param maxBytes the largest acceptable body
         * @return the body, bytes as ISO-8859-1 characters
         * @throws IOException on any failure
         */
        String get(HttpUrl url, ProxyEndpoint proxy, int maxBytes) throws IOException;
    }

    private GeoSort() {
    }

    /**
     * @param chain         the chain to reorder
     * @param proxyTemplate {@code CVMFS_PROXY_TEMPLATE}, empty for none
     * @param uuid          gives the client's UUID when it is needed
     * @param random        chooses the hosts asked
     * @param fetcher       makes the requests
     * @param events        receives the outcome
     */
    static void run(FailoverChain chain, String proxyTemplate, Supplier<String> uuid, Random random, Fetcher fetcher,
            Consumer<DownloadEvent> events) {
        FailoverChain.GeoLayout layout = chain.geoLayout();
        GeoOrder order = GeoOrder.of(layout.hosts(), layout.fallbackNames(), layout.regularProxies());
        if (!order.worthAsking()) {
            return;
        }
        ProxyEndpoint proxy = layout.active();
        String proxyName;
        if (!proxyTemplate.isEmpty()) {
            proxyName = proxyTemplate;
        } else if (proxy.isDirect()) {
            proxyName = uuid.get();
        } else if (layout.activeIsFallback()) {
            proxy = ProxyEndpoint.DIRECT;
            proxyName = uuid.get();
        } else {
            proxyName = proxy.host().indexOf(':') >= 0 ? "[" + proxy.host() + "]" : proxy.host();
        }
        String path = order.path(proxyName);
        int maxBytes = 4096 + 24 * order.names().size(); // a permutation is at most about 21 bytes per name
        List<URI> asked = new ArrayList<>(layout.hosts());
        Collections.shuffle(asked, random);
        int attempts = Math.min(asked.size(), MAX_HOSTS_ASKED);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            URI host = asked.get(i);
            HttpUrl url = HttpUrl.parse(host.toString());
            if (url == null) {
                problems.add(host + ": not an HTTP URL");
                continue;
            }
            url = url.newBuilder().addPathSegments(GeoOrder.API_PATH).addPathSegment(proxyName)
                    .addPathSegment(String.join(",", order.names())).build();
            String reply;
            try {
                reply = Objects.requireNonNull(fetcher.get(url, proxy, maxBytes), "reply");
            } catch (IOException | RuntimeException e) {
                problems.add(url + ": " + e.getMessage());
                continue;
            }
            GeoOrder.Reading reading = order.read(reply);
            if (!reading.valid()) {
                problems.add(url + ": invalid reply (" + reading.problem() + ") [" + printable(reply) + "]");
                continue;
            }
            chain.reorder(reading.hostOrder(), reading.fallbackOrder());
            FailoverChain.GeoLayout now = chain.geoLayout();
            events.accept(new DownloadEvent.HostsOrdered(path, layout.hosts(), now.hosts(), chain.fallbackGroupsText(),
                    url.uri(), i + 1));
            return;
        }
        events.accept(new DownloadEvent.HostOrderKept(path, layout.hosts(), String.join("; ", problems), attempts));
    }

    /** The start of a reply, fit for a log line. */
    private static String printable(String reply) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < reply.length() && b.length() < 80; i++) {
            char c = reply.charAt(i);
            if (c == '\n') {
                b.append("\\n");
            } else if (c < 0x20 || c > 0x7e) {
                b.append('?');
            } else {
                b.append(c);
            }
        }
        return reply.length() > 80 ? b + "..." : b.toString();
    }
}
