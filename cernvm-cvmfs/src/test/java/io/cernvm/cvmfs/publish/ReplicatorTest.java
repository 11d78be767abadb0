package io.cernvm.cvmfs.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cernvm.api.CernVmException;
import io.cernvm.api.IntegrityException;
import io.cernvm.api.TrustException;
import io.cernvm.cvmfs.Repository;
import io.cernvm.cvmfs.internal.transport.DirectoryTransport;
import io.cernvm.cvmfs.internal.transport.RepositoryTransport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicatorTest {
    private static final String FQRN = "replica.example.org";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T07:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private RepositoryKeys keys;
    private Path origin;
    private Path replica;
    private Path tree;

    @BeforeEach
    void publishOrigin() throws Exception {
        keys = RepositoryKeys.generate(FQRN, CLOCK);
        keys.writeTo(dir.resolve("keys"));
        origin = dir.resolve("origin");
        replica = dir.resolve("replica");
        tree = PublisherRoundTripTest.sampleTree(dir.resolve("tree"));
        TestTrees.file(tree.resolve("big.bin"), TestTrees.random(9, 30_000), "rw-r--r--", PublisherRoundTripTest.MTIME);
        publisher().publish(tree, "v1", null);
        Files.write(tree.resolve("README.txt"), "second".getBytes(StandardCharsets.UTF_8));
        publisher().publish(tree, "v2", null);
    }

    private Publisher publisher() {
        return Publisher.builder().keys(keys).storage(origin).clock(CLOCK)
                .chunking(ChunkingSettings.ofSizes(2048, 4096, 8192)).build();
    }

    private Replicator.Builder replicator() {
        return Replicator.builder().fqrn(FQRN).target(replica).clock(CLOCK)
                .masterKeyFiles(List.of(dir.resolve("keys").resolve(FQRN + ".pub")));
    }

    private static Set<String> objects(Path repo) throws Exception {
        try (Stream<Path> s = Files.walk(repo.resolve("data"))) {
            return s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/txn/"))
                    .map(p -> repo.relativize(p).toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    /** Everything reachable is copied; only untagged catalogs (revision 0) and superseded histories stay behind. */
    private void assertSameReachableObjects() throws Exception {
        Set<String> mine = objects(replica);
        Set<String> theirs = objects(origin);
        assertThat(theirs).containsAll(mine);
        Set<String> left = new TreeSet<>(theirs);
        left.removeAll(mine);
        assertThat(left).allMatch(n -> n.endsWith("C") || n.endsWith("H"));
        assertThat(left.stream().filter(n -> n.endsWith("C"))).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void replicaHasTheSameObjectsAndReadsLikeTheOriginalIncrementally() throws Exception {
        ReplicationResult first = replicator().sourceDirectory(origin).build().replicate();
        assertThat(first.revision()).isEqualTo(2);
        assertSameReachableObjects();
        assertThat(Files.readAllBytes(replica.resolve(".cvmfspublished")))
                .isEqualTo(Files.readAllBytes(origin.resolve(".cvmfspublished")));
        assertThat(replica.resolve(".cvmfs_last_snapshot")).exists();
        try (Repository r = PublishedRepository.open(replica, dir.resolve("keys"), FQRN, CLOCK, dir.resolve("w1"));
                Repository o = PublishedRepository.open(origin, dir.resolve("keys"), FQRN, CLOCK, dir.resolve("w2"))) {
            assertThat(TreeSnapshot.of(r)).isEqualTo(TreeSnapshot.of(o));
            try (Repository rv1 = r.atTag("v1"); Repository ov1 = o.atTag("v1")) {
                assertThat(TreeSnapshot.of(rv1)).isEqualTo(TreeSnapshot.of(ov1));
            }
        }
        Files.write(tree.resolve("added.txt"), "new".getBytes(StandardCharsets.UTF_8));
        publisher().publish(tree, "v3", null);
        ReplicationResult second = replicator().sourceDirectory(origin).build().replicate();
        assertThat(second.revision()).isEqualTo(3);
        assertThat(second.objectsCopied()).isLessThan(first.objectsCopied());
        assertSameReachableObjects();
    }

    @Test
    void anInterruptedReplicationKeepsTheOldRevisionAndResumes() throws Exception {
        replicator().sourceDirectory(origin).build().replicate();
        byte[] servedBefore = Files.readAllBytes(replica.resolve(".cvmfspublished"));
        Files.write(tree.resolve("more.bin"), TestTrees.random(10, 40_000));
        publisher().publish(tree, "v3", null);
        AtomicInteger budget = new AtomicInteger(5);
        RepositoryTransport flaky = new RepositoryTransport() {
            private final DirectoryTransport inner = new DirectoryTransport(origin);

            @Override
            public byte[] fetch(String relativePath, boolean noCache) {
                if (relativePath.startsWith("data/") && budget.decrementAndGet() < 0) {
                    throw new IntegrityException("connection lost", inner.locate(relativePath));
                }
                return inner.fetch(relativePath, noCache);
            }

            @Override
            public String describe() {
                return inner.describe();
            }
        };
        assertThatThrownBy(() -> replicator().source(flaky).build().replicate()).isInstanceOf(CernVmException.class);
        assertThat(Files.readAllBytes(replica.resolve(".cvmfspublished"))).isEqualTo(servedBefore);
        try (Repository r = PublishedRepository.open(replica, dir.resolve("keys"), FQRN, CLOCK, dir.resolve("w"))) {
            assertThat(r.revision()).isEqualTo(2);
            TreeSnapshot.of(r);
        }
        replicator().sourceDirectory(origin).build().replicate();
        assertSameReachableObjects();
    }

    @Test
    void corruptObjectsAndForeignKeysAreRefused() throws Exception {
        RepositoryKeys stranger = RepositoryKeys.generate(FQRN, CLOCK);
        assertThatThrownBy(() -> Replicator.builder().fqrn(FQRN).target(replica).clock(CLOCK)
                .masterKey(stranger.masterPublicKey()).sourceDirectory(origin).build().replicate())
                .isInstanceOf(TrustException.class);
        assertThat(replica.resolve(".cvmfspublished")).doesNotExist();

        Path victim;
        try (Stream<Path> s = Files.walk(origin.resolve("data"))) {
            victim = s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith("P")).findFirst()
                    .orElseThrow();
        }
        byte[] b = Files.readAllBytes(victim);
        b[b.length / 2] ^= 1;
        Files.write(victim, b);
        assertThatThrownBy(() -> replicator().sourceDirectory(origin).build().replicate())
                .isInstanceOf(IntegrityException.class).hasMessageContaining(victim.getFileName().toString());
        assertThat(replica.resolve(".cvmfspublished")).doesNotExist();
    }
}
