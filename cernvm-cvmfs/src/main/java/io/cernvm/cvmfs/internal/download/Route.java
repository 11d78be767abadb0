package io.cernvm.cvmfs.internal.download;

import java.net.URI;
import java.util.Objects;

/**
 * The host and proxy one attempt uses, with the host's index in the chain so that only an
 * attempt that saw the current host can switch it (upstream's {@code SwitchHost(info)}).
 *
 * @param hostIndex index of the host in the chain
 * @param host      the host's base URL
 * @param proxy     the proxy, possibly DIRECT
 */
public record Route(int hostIndex, URI host, ProxyEndpoint proxy) {

    /** Checks that every component is present. */
    public Route {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(proxy, "proxy");
    }

    /**
     * @param relativePath a path below the repository base
     * @return the URL of the path on this route's host
     */
    public URI url(String relativePath) {
        return URI.create(host + "/" + relativePath);
    }
}
