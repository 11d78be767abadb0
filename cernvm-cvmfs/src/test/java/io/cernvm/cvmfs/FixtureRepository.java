package io.cernvm.cvmfs;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The shared CernVM-FS fixtures: unpacks a {@code repository.tar.gz} into a test's temporary
 * directory. A missing fixture fails the test.
 */
public final class FixtureRepository {

    /** The repository name of both fixtures. */
    public static final String FQRN = "test.cern.ch";

    private FixtureRepository() {
    }

    /**
     * @param version {@code server-2.12.0} or {@code server-2.2.0}
     * @return the fixture directory
     */
    public static Path dir(String version) {
        String shared = System.getProperty("cernvm.shared");
        if (shared == null) {
            throw new AssertionError("system property cernvm.shared is not set");
        }
        Path dir = Path.of(shared, "fixtures", "cvmfs", version);
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("missing fixture " + dir);
        }
        return dir;
    }

    /**
     * @param version {@code server-2.12.0} or {@code server-2.2.0}
     * @return the master public key file
     */
    public static Path publicKey(String version) {
        return dir(version).resolve("test.cern.ch.pub");
    }

    /**
     * Unpacks the fixture's repository.
     *
     * @param version {@code server-2.12.0} or {@code server-2.2.0}
     * @param into    an empty temporary directory
     * @return the repository directory ({@code cvmfs/test.cern.ch})
     * @throws IOException on a read or write failure
     */
    public static Path unpack(String version, Path into) throws IOException {
        Path archive = dir(version).resolve("repository.tar.gz");
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
            untar(in, into);
        }
        Path repo = into.resolve("cvmfs").resolve(FQRN);
        if (!Files.isRegularFile(repo.resolve(".cvmfspublished"))) {
            throw new AssertionError("fixture did not unpack to cvmfs/test.cern.ch: " + archive);
        }
        return repo;
    }

    private static void untar(InputStream in, Path into) throws IOException {
        byte[] header = new byte[512];
        Path root = into.toAbsolutePath().normalize();
        while (in.readNBytes(header, 0, 512) == 512) {
            if (header[0] == 0) {
                return;
            }
            String name = field(header, 0, 100);
            String prefix = field(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
            char type = (char) header[156];
            Path target = root.resolve(name).normalize();
            if (!target.startsWith(root)) {
                throw new IOException("tar entry escapes: " + name);
            }
            long padding = (512 - size % 512) % 512;
            if (type == '5') {
                Files.createDirectories(target);
                in.skipNBytes(size + padding);
            } else if (type == '0' || type == 0) {
                Files.createDirectories(target.getParent());
                Files.write(target, in.readNBytes((int) size));
                in.skipNBytes(padding);
            } else {
                in.skipNBytes(size + padding);
            }
        }
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }
}
