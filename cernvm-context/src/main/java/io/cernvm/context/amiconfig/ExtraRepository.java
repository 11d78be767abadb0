package io.cernvm.context.amiconfig;

import java.util.Objects;

/**
 * One {@code name|server|base64key} entry of {@code [cernvm] extra_repositories}: the plugin
 * writes {@code CVMFS_SERVER_URL=http://<server>/cvmfs/<name>} and the key. Serialised by its
 * component names.
 *
 * @param name            the repository name
 * @param server          the server host
 * @param publicKeyBase64 the public key, base64
 */
public record ExtraRepository(String name, String server, String publicKeyBase64) {

    /** Checks the components. */
    public ExtraRepository {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(publicKeyBase64, "publicKeyBase64");
    }
}
