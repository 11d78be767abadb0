package io.cernvm.cvmfs.internal.publish;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe file replacement: write a temporary file beside the target, fsync it, rename it
 * over the target, fsync the directory. A reader sees the old or the new content, never a part.
 */
public final class AtomicFiles {
    /** Marks the temporary file of a replacement: {@code <target>.tmp-<pid>-<thread>}. */
    public static final String TEMP_MARK = ".tmp-";
    private AtomicFiles() {
    }

    /** Replaces {@code target} with {@code data}. */
    public static void write(Path target, byte[] data) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + TEMP_MARK + ProcessHandle.current().pid()
                + "-" + Thread.currentThread().getId());
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        move(temp, target);
    }

    /** Fsyncs {@code temp}, then renames it to {@code target} and fsyncs the directory. */
    public static void commit(Path temp, Path target) throws IOException {
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        move(temp, target);
    }

    private static void move(Path temp, Path target) throws IOException {
        rename(temp, target);
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Renames {@code temp} over {@code target} atomically without syncing anything: the caller
     * makes both durable later (see {@code ObjectStore.sync}), before anything refers to them.
     */
    public static void rename(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Fsyncs a regular file's content and metadata. */
    public static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Fsyncs a directory so a rename in it survives a crash (a no-op where unsupported). */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms cannot open directories; the rename itself is still atomic.
        }
    }
}
