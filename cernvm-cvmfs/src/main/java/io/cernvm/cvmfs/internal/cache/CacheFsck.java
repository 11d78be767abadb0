package io.cernvm.cvmfs.internal.cache;

import io.cernvm.cvmfs.cache.FsckReport;
import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.ZlibCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Verifies every cached object as {@code cvmfs_fsck} does: an object is good when its plain
 * bytes, recompressed at zlib's default level, hash to its name (the server's content hash is
 * over the compressed bytes), or when the plain bytes themselves do (an uncompressed object).
 * With repair, bad objects go to {@code quarantaine/} and stale {@code txn/} leftovers of crashed
 * writers are removed.
 */
public final class CacheFsck {

    /** A temporary file younger than this may belong to a live writer in another process. */
    static final Duration STALE_TXN = Duration.ofMinutes(1);

    private final ObjectCache cache;
    private final Clock clock;

    /**
     * @param cache the cache to check
     * @param clock tells which {@code txn/} files are stale
     */
    public CacheFsck(ObjectCache cache, Clock clock) {
        this.cache = cache;
        this.clock = clock;
    }

    /**
     * @param repair quarantine bad objects and remove stale temporary files
     * @return what was found and done
     */
    public FsckReport run(boolean repair) {
        int checked = 0;
        List<String> bad = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        for (CachedObject o : cache.scan()) {
            Optional<ContentHash> hash = ObjectCache.hashOf(o.name());
            if (hash.isEmpty()) {
                foreign.add(o.file().toString());
                continue;
            }
            checked++;
            if (!verifies(hash.get(), o.file())) {
                bad.add(o.file().toString());
                if (repair) {
                    quarantine(o.file());
                }
            }
        }
        List<String> leftovers = new ArrayList<>();
        int removed = 0;
        try (Stream<Path> txn = Files.list(cache.directory().resolve("txn"))) {
            for (Path p : (Iterable<Path>) txn::iterator) {
                leftovers.add(p.toString());
                if (repair && Files.getLastModifiedTime(p).toInstant().isBefore(clock.instant().minus(STALE_TXN))) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + cache.directory().resolve("txn"), e);
        }
        if (repair && !bad.isEmpty()) {
            cache.cleanup(Long.MAX_VALUE); // recount usage after quarantining
        }
        return new FsckReport(cache.directory(), checked, bad, foreign, leftovers, repair ? bad.size() : 0, removed);
    }

    static boolean verifies(ContentHash hash, Path file) {
        byte[] plain;
        try {
            plain = Files.readAllBytes(file);
        } catch (IOException e) {
            return false;
        }
        return hash.matches(ZlibCodec.deflate(plain)) || hash.matches(plain);
    }

    private void quarantine(Path file) {
        try {
            Files.move(file, cache.directory().resolve("quarantaine").resolve(file.getParent().getFileName()
                    + file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot quarantine " + file, e);
        }
    }
}
