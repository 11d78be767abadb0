package io.cernvm.context.ucernvm;

import java.util.Locale;
import java.util.Optional;

/**
 * The keys of the {@code [ucernvm-begin]} block the µCernVM bootloader acts on
 * ({@code cernvm-micro:scripts.d/06context}, {@code 08clustercontext}, {@code 10root},
 * {@code 14cvmfs}, {@code 25inject}, {@code include/runtime-init.sh}). Any other key is exported
 * to the shell and ignored.
 */
public enum UcernvmKey {
    /** Boolean; unset means the cache partition takes the whole disk, {@code off} caps it at 20 GiB. */
    RESIZE_ROOTFS("resize_rootfs"),
    /** Boolean, undocumented; {@code 1} puts the cache on the boot disk and ignores empty disks. */
    USE_BOOTHD("use_boothd"),
    /** Proxy chain, groups separated by {@code ;}, load-balanced members by {@code |}; disables the CDN. */
    CVMFS_HTTP_PROXY("cvmfs_http_proxy"),
    /** {@code ;}-separated PAC URLs. */
    CVMFS_PAC_URLS("cvmfs_pac_urls"),
    /** Comma-separated Stratum 1 host names; disables the CDN. */
    CVMFS_SERVER("cvmfs_server"),
    /** CDN host list, or {@code NONE}; applied after the proxy and server keys. */
    CVMFS_CDN("cvmfs_cdn"),
    /** The repository the OS is mounted from, e.g. {@code cernvm-prod.cern.ch}. */
    CVMFS_BRANCH("cvmfs_branch"),
    /** A CernVM-FS named snapshot; used on a fresh boot only. */
    CVMFS_TAG("cvmfs_tag"),
    /** The read-only subtree of the repository: {@code cvm3}, {@code cvm4}, … */
    CERNVM_PATH("cernvm_path"),
    /** Seconds per proxy probe; the bootloader then loops until a proxy answers. */
    CVMFS_WAIT_ON_SQUID("cvmfs_wait_on_squid"),
    /** Base64 of a {@code .tar.gz} unpacked into {@code /} once. */
    CERNVM_INJECT("cernvm_inject"),
    /** Boolean, default on: glideinWMS user-data auto-detection. */
    USEGLIDEINWMS("useglideinWMS"),
    /** The 12-character cluster PIN of CernVM Online cluster pairing. */
    CVM_CLUSTER_PIN("cvm_cluster_pin"),
    /** Boolean: this VM is the cluster master (true/True/1/yes). */
    CVM_CLUSTER_MASTER("cvm_cluster_master"),
    /** The cluster pairing service URL; default {@code https://cernvm-online.cern.ch}. */
    CVM_SERVICE_URL("cvm_service_url");

    private final String spelling;

    UcernvmKey(String spelling) {
        this.spelling = spelling;
    }

    /** @return the key as the documentation spells it, e.g. {@code useglideinWMS} */
    public String spelling() {
        return spelling;
    }

    /**
     * @param key a key as written in user data
     * @return the known key it names, ignoring ASCII case (the bootloader upper-cases keys)
     */
    public static Optional<UcernvmKey> of(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (UcernvmKey u : values()) {
            if (u.spelling.toLowerCase(Locale.ROOT).equals(k)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }
}
