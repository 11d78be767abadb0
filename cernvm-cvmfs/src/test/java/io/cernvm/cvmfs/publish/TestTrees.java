package io.cernvm.cvmfs.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/** Builders of test trees. */
final class TestTrees {
    private TestTrees() {
    }

    static Path file(Path p, byte[] content, String perms, long mtime) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        Files.setLastModifiedTime(p, FileTime.fromMillis(mtime * 1000));
        return p;
    }

    static Path symlink(Path p, String target, long mtime) throws IOException {
        Files.createDirectories(p.getParent());
        Files.createSymbolicLink(p, Path.of(target));
        Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.fromMillis(mtime * 1000), null, null);
        return p;
    }

    static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Sets every directory's mtime (deepest first), as writing children changed them. */
    static void fixDirectoryTimes(Path root, long mtime) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path d : s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted(Comparator.reverseOrder()).toList()) {
                Files.setLastModifiedTime(d, FileTime.fromMillis(mtime * 1000));
            }
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void copy(Path from, Path to) throws IOException {
        Process p = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException("cp -a failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** @return whether user xattrs can be set in {@code dir} */
    static boolean xattrsSupported(Path dir) throws IOException {
        Path probe = Files.createTempFile(dir, "xattr", ".probe");
        try {
            Files.getFileAttributeView(probe, UserDefinedFileAttributeView.class)
                    .write("probe", java.nio.ByteBuffer.wrap(new byte[] {1}));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        } finally {
            Files.delete(probe);
        }
    }
}
