package io.cernvm.testkit.userdata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.random.RandomGenerator;

/** Generators of {@code [ucernvm-begin]…[ucernvm-end]} blocks, well formed and hostile. */
public final class UcernvmBlocks {
    private UcernvmBlocks() {
    }

    /** The keys the µCernVM bootloader reads. */
    public static final List<String> KNOWN_KEYS = List.of("resize_rootfs", "use_boothd", "cvmfs_http_proxy",
            "cvmfs_pac_urls", "cvmfs_server", "cvmfs_cdn", "cvmfs_branch", "cvmfs_tag", "cernvm_path",
            "cvmfs_wait_on_squid", "cernvm_inject", "useglideinWMS", "cvm_cluster_pin", "cvm_cluster_master",
            "cvm_service_url");

    private static final List<String> BOOLEAN_WORDS = List.of("yes", "no", "on", "off", "true", "false",
            "YES", "Off", "True", "FALSE", "1", "0");

    /**
     * A well-formed block: LF line ends, exact markers, {@code key=value} lines with known and
     * unknown keys, values safe to source in a shell.
     *
     * @param r the source of randomness
     * @return the block text, ending with a newline
     */
    public static String wellFormed(RandomGenerator r) {
        StringBuilder b = new StringBuilder("[ucernvm-begin]\n");
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            String key = r.nextInt(4) == 0 ? "x_" + Pick.word(r, Pick.NAME, 8) : Pick.one(r, KNOWN_KEYS);
            String value = r.nextBoolean() ? Pick.one(r, BOOLEAN_WORDS) : Pick.word(r, Pick.NAME + ".:/-", 12);
            b.append(key).append('=').append(value).append('\n');
        }
        return b.append("[ucernvm-end]\n").toString();
    }

    /**
     * Raw user data that stresses the bootloader parser's rules: CRLF, spaces around markers,
     * missing or early end markers, second blocks, lines without {@code =}, comment-like lines,
     * shell metacharacters, non-ASCII and random bytes, a last line without a newline.
     *
     * @param r the source of randomness
     * @return the raw bytes
     */
    public static byte[] hostile(RandomGenerator r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int lines = r.nextInt(14);
        for (int i = 0; i < lines; i++) {
            String eol = r.nextInt(5) == 0 ? "\r\n" : "\n";
            String line = switch (r.nextInt(9)) {
                case 0 -> "[ucernvm-begin]";
                case 1 -> "[ucernvm-end]";
                case 2 -> Pick.one(r, List.of(" [ucernvm-begin]", "[ucernvm-begin] ", "[UCERNVM-BEGIN]", "[ucernvm-end] "));
                case 3 -> Pick.word(r, Pick.NAME, 10);
                case 4 -> "#" + Pick.one(r, KNOWN_KEYS) + "=" + Pick.word(r, Pick.VALUE, 8);
                case 5 -> Pick.one(r, KNOWN_KEYS) + (r.nextBoolean() ? " = " : "=") + Pick.one(r, BOOLEAN_WORDS);
                case 6 -> Pick.word(r, Pick.NAME, 6) + "=" + Pick.word(r, Pick.VALUE, 16);
                case 7 -> Pick.one(r, KNOWN_KEYS) + "=" + Pick.word(r, Pick.VALUE, 16) + "=" + Pick.word(r, Pick.VALUE, 4);
                default -> randomBytesLine(r);
            };
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            if (i < lines - 1 || r.nextInt(4) != 0) {
                out.writeBytes(eol.getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    }

    private static String randomBytesLine(RandomGenerator r) {
        int n = 1 + r.nextInt(10);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = (char) (1 + r.nextInt(0x2ff));
            b.append(c == '\n' || c == '\r' ? ' ' : c);
        }
        return b.toString();
    }
}
