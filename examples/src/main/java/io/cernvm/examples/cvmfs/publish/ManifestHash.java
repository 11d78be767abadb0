package io.cernvm.examples.cvmfs.publish;

import io.cernvm.cvmfs.publish.ContentHashAlgorithm;
import io.cernvm.examples.CliErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The content hash an existing repository uses, read from the root catalog line ({@code C}) of its manifest. */
final class ManifestHash {
    private ManifestHash() {
    }

    /**
     * @param storage the repository directory
     * @return its algorithm, or empty when nothing is published there yet
     */
    static Optional<ContentHashAlgorithm> of(Path storage) {
        Path manifest = storage.resolve(".cvmfspublished");
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        try {
            // the signed part ends at "--"; its lines are ASCII fields, a letter then the value
            for (String line : new String(Files.readAllBytes(manifest), StandardCharsets.ISO_8859_1).split("\n")) {
                if (line.equals("--")) {
                    break;
                }
                if (line.startsWith("C")) {
                    int dash = line.indexOf('-');
                    String suffix = dash < 0 ? "" : line.substring(dash);
                    for (ContentHashAlgorithm a : ContentHashAlgorithm.values()) {
                        if (a.suffix().equals(suffix)) {
                            return Optional.of(a);
                        }
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(CliErrors.describeIo(e), e));
        }
    }
}
