package io.cernvm.cvmfs.internal.transport;

import io.cernvm.api.AllMirrorsFailedException;
import io.cernvm.api.NotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Serves a repository from a directory on disk, laid out as a Stratum 0 web server serves it
 * ({@code .cvmfspublished}, {@code data/XX/...}). For tests and for local use: no caching, so
 * {@code noCache} changes nothing.
 */
public final class DirectoryTransport implements RepositoryTransport {

    private final Path root;

    /**
     * @param root the repository directory, e.g. {@code /srv/cvmfs/test.cern.ch}
     */
    public DirectoryTransport(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    @Override
    public byte[] fetch(String relativePath, boolean noCache) {
        Path file = resolve(relativePath);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no such file in the repository directory", locate(relativePath), e);
        } catch (IOException e) {
            throw new AllMirrorsFailedException(relativePath,
                    List.of(new AllMirrorsFailedException.Attempt(file.toUri(), "DIRECT", String.valueOf(e.getMessage()))), e);
        }
    }

    private Path resolve(String relativePath) {
        if (relativePath.isEmpty() || relativePath.startsWith("/") || relativePath.indexOf('\0') >= 0) {
            throw new NotFoundException("not a repository path: " + relativePath, locate(""));
        }
        Path p = root.resolve(relativePath).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new NotFoundException("path escapes the repository directory", locate(relativePath));
        }
        return p;
    }

    @Override
    public String describe() {
        return root.toUri().toString().replaceAll("/$", "");
    }

    @Override
    public String toString() {
        return "DirectoryTransport[" + root + "]";
    }
}
