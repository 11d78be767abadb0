package io.cernvm.cvmfs.internal.download;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.Objects;

/**
 * One member of a proxy group: an HTTP proxy or {@code DIRECT} (no proxy).
 *
 * @param host the proxy host, {@code null} for DIRECT
 * @param port the proxy port, 0 for DIRECT
 */
public record ProxyEndpoint(String host, int port) {

    /** The member meaning "no proxy". */
    public static final ProxyEndpoint DIRECT = new ProxyEndpoint(null, 0);

    /** Checks that host and port go together. */
    public ProxyEndpoint {
        if ((host == null) != (port == 0)) {
            throw new IllegalArgumentException("host and port go together");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** @return whether this is DIRECT */
    public boolean isDirect() {
        return host == null;
    }

    /** @return the proxy for OkHttp; the name is resolved when connecting */
    public Proxy toProxy() {
        return isDirect() ? Proxy.NO_PROXY : new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
    }

    /** @return {@code DIRECT} or {@code http://host:port} */
    @Override
    public String toString() {
        if (isDirect()) {
            return "DIRECT";
        }
        return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    static ProxyEndpoint of(String host, int port) {
        return new ProxyEndpoint(Objects.requireNonNull(host, "host"), port);
    }
}
