package io.cernvm.context.internal.ucernvm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The state machine of {@code cernvm-micro:packages.d/extras/src/parse_user_data.cc}, byte for
 * byte: a line is evaluated only when its {@code \n} arrives, markers compare as whole byte
 * strings, {@code [ucernvm-end]} breaks out even outside a block, the key is upper-cased with the
 * C locale's {@code toupper} (ASCII only), the value compares upper-cased against YES/ON/TRUE and
 * NO/OFF/FALSE, and {@code printf("%s")} cuts key and value at their first NUL byte.
 */
public final class BootloaderParser {

    /** One printed line: key (without the prefix) and value as printed, and the 1-based source line. */
    public record RawEntry(byte[] key, byte[] value, int line) {
    }

    /** The entries and the exact bytes printed. */
    public record Output(List<RawEntry> entries, byte[] bytes) {
    }

    private static final byte[] BEGIN = "[ucernvm-begin]".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "[ucernvm-end]".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PREFIX = "_UCONTEXT_".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] TRUE_WORDS = words("YES", "ON", "TRUE");
    private static final byte[][] FALSE_WORDS = words("NO", "OFF", "FALSE");

    private BootloaderParser() {
    }

    /** @return what the bootloader's parser prints for {@code data} (already gunzipped if it was) */
    public static Output parse(byte[] data) {
        List<RawEntry> entries = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean inBlock = false;
        int start = 0;
        int lineNo = 1;
        for (int i = 0; i < data.length; i++) {
            if (data[i] != '\n') {
                continue;
            }
            int len = i - start;
            if (equalsAt(data, start, len, BEGIN)) {
                inBlock = true;
            } else if (equalsAt(data, start, len, END)) {
                break;
            } else if (inBlock) {
                RawEntry e = entry(data, start, i, lineNo);
                if (e != null) {
                    entries.add(e);
                    out.writeBytes(PREFIX);
                    out.writeBytes(e.key());
                    out.write('=');
                    out.writeBytes(e.value());
                    out.write('\n');
                }
            }
            start = i + 1;
            lineNo++;
        }
        // a last line without '\n' is never evaluated: the read loop ends first
        return new Output(List.copyOf(entries), out.toByteArray());
    }

    private static RawEntry entry(byte[] data, int from, int to, int lineNo) {
        int eq = -1;
        for (int j = from; j < to; j++) {
            if (data[j] == '=') {
                eq = j;
                break;
            }
        }
        if (eq < 0) {
            return null;
        }
        byte[] key = upper(Arrays.copyOfRange(data, from, eq));
        byte[] value = Arrays.copyOfRange(data, eq + 1, to);
        byte[] upperValue = upper(value);
        if (matchesAny(upperValue, TRUE_WORDS)) {
            value = new byte[] {'1'};
        } else if (matchesAny(upperValue, FALSE_WORDS)) {
            value = new byte[] {'0'};
        }
        return new RawEntry(cutAtNul(key), cutAtNul(value), lineNo);
    }

    /** The C locale's {@code toupper}: only a-z change. */
    static byte[] upper(byte[] b) {
        byte[] r = b.clone();
        for (int i = 0; i < r.length; i++) {
            if (r[i] >= 'a' && r[i] <= 'z') {
                r[i] = (byte) (r[i] - ('a' - 'A'));
            }
        }
        return r;
    }

    private static byte[] cutAtNul(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                return Arrays.copyOf(b, i);
            }
        }
        return b;
    }

    private static boolean matchesAny(byte[] v, byte[][] words) {
        for (byte[] w : words) {
            if (Arrays.equals(v, w)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equalsAt(byte[] data, int start, int len, byte[] marker) {
        return len == marker.length && Arrays.equals(data, start, start + len, marker, 0, marker.length);
    }

    private static byte[][] words(String... w) {
        byte[][] r = new byte[w.length][];
        for (int i = 0; i < w.length; i++) {
            r[i] = w[i].getBytes(StandardCharsets.US_ASCII);
        }
        return r;
    }
}
