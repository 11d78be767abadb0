package io.cernvm.cvmfs.publish;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Test-side split of a signed letter into text, hash line and signature (as {@code CutLetter}). */
record SignedFileParts(byte[] text, String hashLine, byte[] signature) {
    static SignedFileParts of(byte[] file) {
        for (int i = 0; i + 3 < file.length; i++) {
            if (file[i] == '\n' && file[i + 1] == '-' && file[i + 2] == '-' && file[i + 3] == '\n') {
                int hashStart = i + 4;
                int nl = hashStart;
                while (file[nl] != '\n') {
                    nl++;
                }
                return new SignedFileParts(Arrays.copyOf(file, i + 1),
                        new String(file, hashStart, nl - hashStart, StandardCharsets.US_ASCII),
                        Arrays.copyOfRange(file, nl + 1, file.length));
            }
        }
        throw new AssertionError("no signature block");
    }

    String textString() {
        return new String(text, StandardCharsets.UTF_8);
    }
}
