package io.cernvm.testkit.userdata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Generators of typed user-data parts: cloud-config, amiconfig, µCernVM blocks, scripts, boothooks. */
public final class UserDataParts {
    private UserDataParts() {
    }

    /**
     * One part whose payload matches its declared type.
     *
     * @param r     the source of randomness
     * @param index used to make the file name unique
     * @return the part
     */
    public static GeneratedPart part(RandomGenerator r, int index) {
        return switch (r.nextInt(6)) {
            case 0 -> text("cloud-" + index + ".yaml", "text/cloud-config", CloudConfigDocuments.document(r));
            case 1 -> text("context-" + index + ".ini", "text/amiconfig", AmiconfigDocuments.document(r));
            case 2 -> text("block-" + index + ".txt", "text/ucernvm", UcernvmBlocks.wellFormed(r));
            case 3 -> text("script-" + index + ".sh", "text/x-shellscript",
                    "#!/bin/sh\necho " + Pick.word(r, Pick.NAME, 10) + "\n");
            case 4 -> text("hook-" + index + ".sh", "text/cloud-boothook", "#cloud-boothook\n#!/bin/sh\ntrue\n");
            default -> text("notes-" + index + ".txt", "text/plain", Pick.word(r, Pick.VALUE + "\n", 60));
        };
    }

    /**
     * Between one and {@code max} parts.
     *
     * @param r   the source of randomness
     * @param max the most parts, at least 1
     * @return the parts
     */
    public static List<GeneratedPart> parts(RandomGenerator r, int max) {
        int n = 1 + r.nextInt(max);
        List<GeneratedPart> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            parts.add(part(r, i));
        }
        return List.copyOf(parts);
    }

    /**
     * Arbitrary bytes, for hostile-input tests.
     *
     * @param r         the source of randomness
     * @param maxLength the most bytes
     * @return the bytes
     */
    public static byte[] bytes(RandomGenerator r, int maxLength) {
        // Two draws, not one per byte: a shrinking library then shrinks the length (and the
        // seed) instead of recording a million draws per example.
        byte[] b = new byte[r.nextInt(maxLength + 1)];
        new java.util.SplittableRandom(r.nextLong()).nextBytes(b);
        return b;
    }

    private static GeneratedPart text(String name, String type, String body) {
        return new GeneratedPart(name, type, body.getBytes(StandardCharsets.UTF_8));
    }
}
