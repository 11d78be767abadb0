package io.cernvm.cvmfs.internal.cache;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One file in the cache.
 *
 * @param name    the two-character directory and file name concatenated: the hash with its algorithm id
 * @param file    where it is
 * @param size    its size in bytes
 * @param lastUse its last use (the file's modification time)
 */
record CachedObject(String name, Path file, long size, Instant lastUse) {
}
