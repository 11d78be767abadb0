package io.cernvm.context;

import java.util.Locale;

/** The three programs of a CernVM that read user data, each in its own way. */
public enum Agent {
    /** The µCernVM bootloader: the raw {@code [ucernvm-begin]} block, no MIME decoding. */
    UCERNVM,
    /** amiconfig: INI sections in the raw user data, no MIME decoding. */
    AMICONFIG,
    /** cloud-init: every part its handlers accept, after full MIME decoding. */
    CLOUD_INIT;

    /** @return the name used in JSON: {@code ucernvm}, {@code amiconfig}, {@code cloud-init} */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
