package io.cernvm.cvmfs.internal.cache;

import io.cernvm.cvmfs.FixtureRepository;
import static org.assertj.core.api.Assertions.assertThat;

import io.cernvm.cvmfs.cache.FsckReport;
import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.HashAlgorithm;
import io.cernvm.cvmfs.internal.object.ObjectType;
import io.cernvm.cvmfs.internal.object.ZlibCodec;
import io.cernvm.cvmfs.internal.trust.Breadcrumb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectCacheTest {

    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    static final class StepClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance() {
            now = now.plusSeconds(10);
        }
    }

    private static ContentHash hashOf(byte[] plain, HashAlgorithm alg) {
        return ContentHash.of(alg, ZlibCodec.deflate(plain), ObjectType.FILE);
    }

    private static byte[] bytes(String s, int repeat) {
        return s.repeat(repeat).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void storesInUpstreamLayoutAndReadsBack() {
        ObjectCache cache = ObjectCache.open(dir, ObjectCache.UNLIMITED, Clock.systemUTC());
        byte[] plain = bytes("hello\n", 10);
        ContentHash h = hashOf(plain, HashAlgorithm.SHA1);
        Path f = cache.store(h, plain);
        String name = h.toString();
        assertThat(f).isEqualTo(dir.resolve(name.substring(0, 2)).resolve(name.substring(2)));
        assertThat(cache.read(h)).hasValueSatisfying(b -> assertThat(b).isEqualTo(plain));
        assertThat(dir.resolve("txn")).isEmptyDirectory();
        assertThat(dir.resolve("ff")).isDirectory();
        ContentHash rmd = hashOf(plain, HashAlgorithm.RIPEMD160);
        assertThat(cache.store(rmd, plain).getFileName().toString()).endsWith("-rmd160");
        assertThat(cache.read(hashOf(bytes("other", 1), HashAlgorithm.SHA1))).isEmpty();
    }

    @Test
    void quotaEvictsLeastRecentlyUsedDownToHalfButNeverPinned() {
        StepClock clock = new StepClock();
        ObjectCache cache = ObjectCache.open(dir, 10_000, clock);
        List<ContentHash> hashes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] plain = bytes(Integer.toString(i), 2000);
            ContentHash h = hashOf(plain, HashAlgorithm.SHA1);
            cache.store(h, plain);
            hashes.add(h);
            clock.advance();
        }
        cache.pin(hashes.get(0));           // oldest, but a loaded catalog
        cache.read(hashes.get(1));          // used again: now the most recent
        clock.advance();
        byte[] plain = bytes("x", 2500);
        cache.store(hashOf(plain, HashAlgorithm.SHA1), plain); // 8000 + 2500 > 10000
        assertThat(cache.read(hashes.get(0))).as("pinned").isPresent();
        assertThat(cache.read(hashes.get(2))).as("least recently used").isEmpty();
        assertThat(cache.read(hashes.get(3))).as("next least recently used").isEmpty();
        assertThat(cache.usageBytes()).isLessThanOrEqualTo(10_000);
    }

    @Test
    void objectsLargerThanHalfTheQuotaAreNotCached() {
        ObjectCache cache = ObjectCache.open(dir, 1000, Clock.systemUTC());
        byte[] plain = bytes("y", 600);
        ContentHash h = hashOf(plain, HashAlgorithm.SHA1);
        cache.store(h, plain);
        assertThat(cache.read(h)).isEmpty();
    }

    @Test
    void twoInstancesShareOneDirectory() {
        ObjectCache a = ObjectCache.open(dir, ObjectCache.UNLIMITED, Clock.systemUTC());
        ObjectCache b = ObjectCache.open(dir, ObjectCache.UNLIMITED, Clock.systemUTC());
        byte[] plain = bytes("shared", 50);
        ContentHash h = hashOf(plain, HashAlgorithm.SHA1);
        a.store(h, plain);
        assertThat(b.read(h)).hasValueSatisfying(x -> assertThat(x).isEqualTo(plain));
        assertThat(ObjectCache.open(dir, ObjectCache.UNLIMITED, Clock.systemUTC()).usageBytes()).isEqualTo(plain.length);
    }

    @Test
    void anObjectLockIsHeldAgainstEveryOtherHolderUntilReleased() throws Exception {
        ObjectCache a = ObjectCache.open(dir, ObjectCache.UNLIMITED, Clock.systemUTC());
        ObjectCache b = ObjectCache.open(dir, ObjectCache.UNLIMITED, Clock.systemUTC());
        ContentHash h = hashOf(bytes("locked", 5), HashAlgorithm.SHA1);
        ContentHash other = hashOf(bytes("unrelated", 5), HashAlgorithm.SHA1);
        var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            ObjectCache.ObjectLock held = a.lockObject(h);
            var waiting = pool.submit(() -> {
                try (ObjectCache.ObjectLock l = b.lockObject(h)) {
                    return true;
                }
            });
            try (ObjectCache.ObjectLock l = b.lockObject(other)) {
                assertThat(l).as("another object is not blocked").isNotNull();
            }
            Thread.sleep(200);
            assertThat(waiting).as("the second holder waits").isNotDone();
            held.close();
            assertThat(waiting.get(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void breadcrumbsPersistAtomically() {
        ObjectCache cache = ObjectCache.open(dir, ObjectCache.UNLIMITED, Clock.systemUTC());
        assertThat(cache.load("test.cern.ch")).isEmpty();
        ContentHash root = hashOf(bytes("catalog", 3), HashAlgorithm.SHA1).withType(ObjectType.CATALOG);
        cache.store("test.cern.ch", new Breadcrumb(root, 1_700_000_000L, 7));
        assertThat(Files.exists(dir.resolve("cvmfschecksum.test.cern.ch"))).isTrue();
        assertThat(ObjectCache.open(dir, ObjectCache.UNLIMITED, Clock.systemUTC()).load("test.cern.ch"))
                .hasValue(new Breadcrumb(root, 1_700_000_000L, 7));
    }

    @Test
    void fsckFindsAndQuarantinesCorruptionAndCleansStaleTemporaryFiles() throws IOException {
        StepClock clock = new StepClock();
        ObjectCache cache = ObjectCache.open(dir, ObjectCache.UNLIMITED, clock);
        byte[] good = bytes("good\n", 100);
        byte[] other = bytes("other\n", 100);
        ContentHash gh = hashOf(good, HashAlgorithm.SHA1);
        ContentHash oh = hashOf(other, HashAlgorithm.SHAKE128);
        cache.store(gh, good);
        Path bad = cache.store(oh, other);
        Files.write(bad, bytes("torn", 1));
        Path stale = Files.writeString(dir.resolve("txn").resolve("fetch.1.tmp"), "partial");
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.from(clock.now.minus(Duration.ofHours(1))));
        FsckReport check = new CacheFsck(cache, clock).run(false);
        assertThat(check.checked()).isEqualTo(2);
        assertThat(check.bad()).containsExactly(bad.toString());
        assertThat(check.txnLeftovers()).hasSize(1);
        FsckReport repair = new CacheFsck(cache, clock).run(true);
        assertThat(repair.quarantined()).isEqualTo(1);
        assertThat(repair.removedLeftovers()).isEqualTo(1);
        assertThat(bad).doesNotExist();
        assertThat(new CacheFsck(cache, clock).run(false).clean()).isTrue();
        assertThat(cache.read(gh)).isPresent();
        assertThat(cache.read(oh)).isEmpty();
    }

    @Test
    void fsckAcceptsEveryObjectOfTheOfficialFixture() throws Exception {
        Path repo = FixtureRepository.unpack("server-2.12.0", Files.createDirectories(dir.resolve("repo")));
        ObjectCache cache = ObjectCache.open(dir.resolve("cache"), ObjectCache.UNLIMITED, Clock.systemUTC());
        int stored = 0;
        try (var files = Files.walk(repo.resolve("data"))) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = f.getParent().getFileName().toString() + f.getFileName();
                Optional<ContentHash> h = ContentHash.tryParse(name.replaceAll("[CHXMPL]$", ""), ObjectType.FILE);
                if (h.isEmpty()) {
                    continue;
                }
                byte[] raw = Files.readAllBytes(f);
                cache.store(h.get(), ZlibCodec.inflate(raw, 1L << 30, io.cernvm.api.FaultLocation.NOWHERE));
                stored++;
            }
        }
        assertThat(stored).isGreaterThan(20);
        FsckReport report = new CacheFsck(cache, Clock.systemUTC()).run(false);
        assertThat(report.checked()).isEqualTo(stored);
        assertThat(report.bad()).isEmpty();
    }
}
