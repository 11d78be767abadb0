package io.cernvm.cvmfs.publish;

import java.util.Locale;

/**
 * The content hash a repository is published with ({@code CVMFS_HASH_ALGORITHM}): it names every
 * object, the catalog rows, the manifest's hash line and the whitelist fingerprint.
 */
public enum ContentHashAlgorithm {
    /** SHA-1, no algorithm id in object names (upstream's default). */
    SHA1("sha1", ""),
    /** RIPEMD-160, object names end in {@code -rmd160}. */
    RIPEMD160("rmd160", "-rmd160"),
    /** SHAKE-128 squeezed to 160 bits, object names end in {@code -shake128}. */
    SHAKE128("shake128", "-shake128");

    private final String settingName;
    private final String suffix;

    ContentHashAlgorithm(String settingName, String suffix) {
        this.settingName = settingName;
        this.suffix = suffix;
    }

    /** @return the name upstream's {@code CVMFS_HASH_ALGORITHM} uses: {@code sha1}, {@code rmd160}, {@code shake128} */
    public String settingName() {
        return settingName;
    }

    /** @return the algorithm id appended to hex digests: {@code ""}, {@code -rmd160}, {@code -shake128} */
    public String suffix() {
        return suffix;
    }

    /**
     * @param name {@code sha1}, {@code rmd160} or {@code shake128} (case-insensitive)
     * @return the algorithm
     * @throws IllegalArgumentException for any other name
     */
    public static ContentHashAlgorithm fromSettingName(String name) {
        for (ContentHashAlgorithm a : values()) {
            if (a.settingName.equals(name.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown hash algorithm '" + name + "' (sha1, rmd160 or shake128)");
    }
}
