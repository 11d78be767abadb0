package io.cernvm.cvmfs.internal.publish;

import io.cernvm.api.ConfigurationException;
import io.cernvm.api.FaultLocation;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one-writer-at-a-time lock of a repository directory: an OS file lock on
 * {@code data/txn/publish.lock}, released when closed or when the process dies.
 */
public final class StorageLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private StorageLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param storage the repository directory
     * @return the held lock
     * @throws ConfigurationException when another writer holds it
     */
    public static StorageLock acquire(Path storage) throws IOException {
        Path txn = storage.resolve("data").resolve("txn");
        Files.createDirectories(txn);
        FileChannel ch = FileChannel.open(txn.resolve("publish.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another writer in this JVM
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            throw new ConfigurationException("another publisher is working on this repository",
                    FaultLocation.atPath(storage.toString()));
        }
        return new StorageLock(ch, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
