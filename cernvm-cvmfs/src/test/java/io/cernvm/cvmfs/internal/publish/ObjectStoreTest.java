package io.cernvm.cvmfs.internal.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.HashAlgorithm;
import io.cernvm.cvmfs.internal.object.ObjectType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.InflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectStoreTest {
    @TempDir
    Path dir;

    private static byte[] inflate(byte[] z) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InflaterOutputStream in = new InflaterOutputStream(out)) {
            in.write(z);
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void objectsFromManyThreadsAreNamedByTheirCompressedBytesAndSynced(boolean flushFileSystem) throws Exception {
        ObjectStore store = new ObjectStore(dir, HashAlgorithm.SHA1, flushFileSystem);
        store.prepare();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<ContentHash>> hashes = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                byte[] plain = ("object " + (i % 50) + "\n").repeat(1 + i % 50).getBytes(StandardCharsets.UTF_8);
                hashes.add(pool.submit(() -> store.put(plain, ObjectType.FILE)));
            }
            for (Future<ContentHash> f : hashes) {
                ContentHash h = f.get();
                byte[] stored = store.read(h);
                assertThat(h.matches(stored)).isTrue();
                assertThat(new String(inflate(stored), StandardCharsets.UTF_8)).startsWith("object ");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.written()).isEqualTo(50);
        assertThat(store.deduplicated()).isEqualTo(150);
        store.sync();
        store.sync(); // nothing new: a no-op
        try (var s = Files.list(dir.resolve("data/txn"))) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void aSliceOfAnArrayIsStoredAsItsOwnBytes() throws Exception {
        ObjectStore store = new ObjectStore(dir, HashAlgorithm.RIPEMD160);
        store.prepare();
        byte[] whole = "xxhelloyy".getBytes(StandardCharsets.US_ASCII);
        ContentHash slice = store.put(whole, 2, 5, ObjectType.CATALOG);
        assertThat(slice).isEqualTo(store.put("hello".getBytes(StandardCharsets.US_ASCII), ObjectType.CATALOG));
        assertThat(inflate(store.read(slice))).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
        assertThat(slice.objectPath()).endsWith("-rmd160C");
    }

    @Test
    void afterACrashBeforeSyncAnObjectWhoseBytesWereLostIsWrittenAgain() throws Exception {
        byte[] plain = "content that a power loss emptied\n".repeat(20).getBytes(StandardCharsets.UTF_8);
        ObjectStore first = new ObjectStore(dir, HashAlgorithm.SHA1);
        first.prepare();
        ContentHash h = first.put(plain, ObjectType.FILE);
        Path mark = dir.resolve("data/txn").resolve(ObjectStore.UNSYNCED_MARK);
        assertThat(mark).exists();
        // power lost before sync: the rename reached the disk, the data did not
        Files.write(dir.resolve(h.objectPath()), new byte[0]);

        ObjectStore next = new ObjectStore(dir, HashAlgorithm.SHA1);
        next.prepare();
        assertThat(next.put(plain, ObjectType.FILE)).isEqualTo(h);
        assertThat(next.written()).isEqualTo(1);
        assertThat(h.matches(next.read(h))).isTrue();
        next.sync();
        assertThat(mark).doesNotExist();

        // once synced, present objects are trusted again without being read
        ObjectStore later = new ObjectStore(dir, HashAlgorithm.SHA1);
        later.prepare();
        later.put(plain, ObjectType.FILE);
        assertThat(later.deduplicated()).isEqualTo(1);
        assertThat(later.written()).isZero();
    }
}
