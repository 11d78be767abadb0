package io.cernvm.cvmfs.internal.download;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The client's UUID as upstream keeps it: the first line of the {@code uuid} file in the cache
 * workspace ({@code util/uuid.cc}, {@code mountpoint.cc}). Only read here; a missing, large or
 * malformed file gives nothing, and the caller makes up a UUID of its own.
 */
public final class ClientUuid {

    /** The file name in the cache directory. */
    public static final String FILE_NAME = "uuid";

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final long MAX_SIZE = 4096;

    private ClientUuid() {
    }

    /**
     * @param cacheDirectory the cache directory, which may hold a {@value #FILE_NAME} file
     * @return the UUID written there, if the file holds one on its first line
     */
    public static Optional<String> read(Path cacheDirectory) {
        Path file = cacheDirectory.resolve(FILE_NAME);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_SIZE) {
                return Optional.empty();
            }
            String first = Files.readString(file, StandardCharsets.ISO_8859_1).lines().findFirst().orElse("").strip();
            return UUID_TEXT.matcher(first).matches() ? Optional.of(first) : Optional.empty();
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
