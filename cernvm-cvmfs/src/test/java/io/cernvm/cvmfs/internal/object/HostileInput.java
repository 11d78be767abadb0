package io.cernvm.cvmfs.internal.object;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.quicktheories.core.Gen;

/** Generators of hostile input shared by the parser properties of this module. */
public final class HostileInput {

    private HostileInput() {
    }

    /**
     * @param maxLength largest length
     * @return arbitrary byte arrays, shrinking towards short and zero
     */
    public static Gen<byte[]> bytes(int maxLength) {
        return lists().of(integers().between(-128, 127)).ofSizeBetween(0, maxLength).map(HostileInput::toBytes)
                .describedAs(b -> java.util.HexFormat.of().formatHex(b));
    }

    /**
     * @param alphabet  characters to draw from
     * @param maxLength largest length
     * @return strings over {@code alphabet}
     */
    public static Gen<String> stringsOver(String alphabet, int maxLength) {
        return lists().of(integers().between(0, alphabet.length() - 1)).ofSizeBetween(0, maxLength)
                .map(l -> {
                    StringBuilder b = new StringBuilder();
                    l.forEach(i -> b.append(alphabet.charAt(i)));
                    return b.toString();
                });
    }

    /**
     * @param valid a valid input
     * @return that input with one byte changed, truncated, or extended; shrinking towards the valid input
     */
    public static Gen<byte[]> mutationsOf(byte[] valid) {
        Gen<Integer> kind = integers().between(0, 3);
        Gen<Integer> position = integers().between(0, Math.max(0, valid.length - 1));
        Gen<Integer> value = integers().between(-128, 127);
        return kind.zip(position, value, (k, p, v) -> mutate(valid, k, p, v));
    }

    private static byte[] mutate(byte[] valid, int kind, int position, int value) {
        byte[] copy = valid.clone();
        switch (kind) {
            case 0 -> {
                if (copy.length > 0) {
                    copy[position] = (byte) value;
                }
                return copy;
            }
            case 1 -> {
                return java.util.Arrays.copyOf(copy, position);
            }
            case 2 -> {
                byte[] longer = java.util.Arrays.copyOf(copy, copy.length + 1 + Math.abs(value));
                java.util.Arrays.fill(longer, copy.length, longer.length, (byte) value);
                return longer;
            }
            default -> {
                if (copy.length > 0) {
                    copy[position] = (byte) (copy[position] ^ (1 << (Math.abs(value) % 8)));
                }
                return copy;
            }
        }
    }

    private static byte[] toBytes(List<Integer> l) {
        byte[] b = new byte[l.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = l.get(i).byteValue();
        }
        return b;
    }

    /**
     * @param s text
     * @return its UTF-8 bytes
     */
    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
