package io.cernvm.cvmfs.internal.publish;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Flushes a whole file system to disk with one {@code syncfs(2)}, through coreutils'
 * {@code sync --file-system} (Java has no call for it): every dirty file, directory and inode
 * of that file system is written and waited for, and since Linux 5.8 a write-back error of any
 * of them is reported. For thousands of fresh objects this is several times cheaper than one
 * fsync each, whose CPU cost the publisher would pay itself.
 */
final class FileSystemFlush {
    private FileSystemFlush() {
    }

    /**
     * @param dir a directory on the file system to flush
     * @return {@code true} when the file system was flushed; {@code false} when this platform
     *         cannot (not Linux, no {@code sync} command, or it failed), and the caller must
     *         fsync file by file
     * @throws InterruptedIOException when interrupted while waiting
     */
    static boolean flush(Path dir) throws InterruptedIOException {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return false;
        }
        Process p;
        try {
            p = new ProcessBuilder("sync", "--file-system", dir.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return false;
        }
        try {
            return p.waitFor() == 0;
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while flushing " + dir);
        }
    }
}
