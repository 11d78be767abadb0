package io.cernvm.cvmfs.internal.object;

import java.util.HexFormat;

/** Hex literals in tests. */
final class HexOf {
    private HexOf() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
