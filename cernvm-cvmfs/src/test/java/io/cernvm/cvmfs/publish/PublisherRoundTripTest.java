package io.cernvm.cvmfs.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cernvm.api.ConfigurationException;
import io.cernvm.api.IntegrityException;
import io.cernvm.api.TrustException;
import io.cernvm.cvmfs.FileAttributes;
import io.cernvm.cvmfs.Repository;
import io.cernvm.cvmfs.Tag;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trees published by this publisher read back through the cvmfs-core client exactly. */
class PublisherRoundTripTest {
    static final String FQRN = "roundtrip.example.org";
    static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final long MTIME = 1_790_000_000L;
    static RepositoryKeys keys;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() {
        keys = RepositoryKeys.generate(FQRN, CLOCK);
    }

    private Path keyDir() {
        Path k = dir.resolve("keys");
        if (!Files.exists(k)) {
            keys.writeTo(k);
        }
        return k;
    }

    private Publisher.Builder publisher(Path storage) {
        return Publisher.builder().keys(keys).storage(storage).clock(CLOCK);
    }

    private Repository open(Path storage) {
        return PublishedRepository.open(storage, keyDir(), FQRN, CLOCK, dir.resolve("client-work"));
    }

    static Path sampleTree(Path root) throws Exception {
        TestTrees.file(root.resolve("README.txt"), "hello\n".getBytes(StandardCharsets.UTF_8), "rw-r--r--", MTIME);
        TestTrees.file(root.resolve("bin/run.sh"), "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8), "rwxr-xr-x", MTIME);
        TestTrees.file(root.resolve("empty"), new byte[0], "rw-------", MTIME + 5);
        TestTrees.file(root.resolve("dir with space/ünïcödé.txt"), "ü".getBytes(StandardCharsets.UTF_8), "rw-r--r--", MTIME);
        Files.createDirectories(root.resolve("emptydir"));
        TestTrees.symlink(root.resolve("links/rel"), "../README.txt", MTIME);
        TestTrees.symlink(root.resolve("links/variant"), "$(ARCH)/lib", MTIME);
        TestTrees.symlink(root.resolve("links/dangling"), "nowhere", MTIME);
        Path h = TestTrees.file(root.resolve("links/hard-a"), "shared".getBytes(StandardCharsets.UTF_8), "rw-r--r--", MTIME);
        Files.createLink(root.resolve("links/hard-b"), h);
        TestTrees.file(root.resolve("nested/.cvmfscatalog"), new byte[0], "rw-r--r--", MTIME);
        TestTrees.file(root.resolve("nested/deeper/.cvmfscatalog"), new byte[0], "rw-r--r--", MTIME);
        TestTrees.file(root.resolve("nested/deeper/leaf.bin"), TestTrees.random(1, 3000), "rw-r--r--", MTIME);
        TestTrees.file(root.resolve("nested/same-as-readme"), "hello\n".getBytes(StandardCharsets.UTF_8), "rw-r--r--", MTIME);
        TestTrees.fixDirectoryTimes(root, MTIME);
        return root;
    }

    @Test
    void treeAtUpstreamsDefaultChunkSizesReadsBackExactly() throws Exception {
        Path tree = sampleTree(dir.resolve("tree"));
        TestTrees.file(tree.resolve("large/random-9MiB.bin"), TestTrees.random(2, 9 << 20), "rw-r--r--", MTIME);
        TestTrees.fixDirectoryTimes(tree, MTIME);
        Path storage = dir.resolve("repo");
        PublishResult r = publisher(storage).build().publish(tree, "v1", "first");
        assertThat(r.revision()).isEqualTo(1);
        try (Repository repo = open(storage)) {
            assertThat(repo.revision()).isEqualTo(1);
            assertThat(TreeSnapshot.of(repo)).isEqualTo(TreeSnapshot.of(tree));
            FileAttributes big = repo.stat("/large/random-9MiB.bin");
            assertThat(big.chunks()).isEqualTo(2);
            assertThat(repo.stat("/links/hard-a").hardlinkGroup()).isEqualTo(repo.stat("/links/hard-b").hardlinkGroup())
                    .isNotZero();
            assertThat(repo.stat("/nested/deeper").nestedCatalogMountpoint()).isTrue();
            assertThat(repo.tags()).extracting(Tag::name).contains("v1", "trunk");
        }
    }

    @Test
    void laterRevisionReadsAsTheChangedTreeWhileTheEarlierTagReadsAsBefore() throws Exception {
        Path v1 = sampleTree(dir.resolve("v1"));
        Path storage = dir.resolve("repo");
        ChunkingSettings small = ChunkingSettings.ofSizes(1024, 2048, 4096);
        publisher(storage).chunking(small).build().publish(v1, "v1", "first");

        Path v2 = dir.resolve("v2");
        TestTrees.copy(v1, v2);
        Files.write(v2.resolve("README.txt"), "changed\n".getBytes(StandardCharsets.UTF_8));   // modification
        Files.delete(v2.resolve("empty"));                                                        // deletion
        Files.delete(v2.resolve("links/rel"));                                                    // symlink -> file
        TestTrees.file(v2.resolve("links/rel"), "now a file".getBytes(StandardCharsets.UTF_8), "rw-r--r--", MTIME);
        TestTrees.deleteRecursively(v2.resolve("emptydir"));                                      // dir -> symlink
        TestTrees.symlink(v2.resolve("emptydir"), "README.txt", MTIME);
        Files.delete(v2.resolve("bin/run.sh"));                                                   // file -> dir
        TestTrees.file(v2.resolve("bin/run.sh/inside"), TestTrees.random(3, 10_000), "rw-r--r--", MTIME); // chunked
        Files.delete(v2.resolve("nested/.cvmfscatalog"));                                         // catalog merged up
        TestTrees.file(v2.resolve("added/new.txt"), "new".getBytes(StandardCharsets.UTF_8), "rw-r--r--", MTIME); // addition
        TestTrees.fixDirectoryTimes(v2, MTIME + 100);

        Clock later = Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC);
        PublishResult second = publisher(storage).chunking(small).clock(later).build().publish(v2);
        assertThat(second.revision()).isEqualTo(2);
        assertThat(second.tag()).isEqualTo("generic-2026-11-27T04:00:00Z");
        try (Repository head = PublishedRepository.open(storage, keyDir(), FQRN, later, dir.resolve("w"))) {
            assertThat(TreeSnapshot.of(head)).isEqualTo(TreeSnapshot.of(v2));
            assertThat(head.stat("/bin/run.sh/inside").chunks()).isGreaterThan(1);
            try (Repository old = head.atTag("v1")) {
                assertThat(old.revision()).isEqualTo(1);
                assertThat(TreeSnapshot.of(old)).isEqualTo(TreeSnapshot.of(v1));
            }
            try (Repository previous = head.atTag("trunk-previous")) {
                assertThat(previous.revision()).isEqualTo(1);
            }
        }
    }

    @Test
    void everyHashAlgorithmAndUnchunkedFilesRoundTrip() throws Exception {
        for (ContentHashAlgorithm a : ContentHashAlgorithm.values()) {
            Path tree = sampleTree(dir.resolve("tree-" + a));
            TestTrees.file(tree.resolve("big.bin"), TestTrees.random(4, 20_000), "rw-r--r--", MTIME);
            TestTrees.fixDirectoryTimes(tree, MTIME);
            Path storage = dir.resolve("repo-" + a);
            ChunkingSettings chunking = a == ContentHashAlgorithm.SHA1 ? ChunkingSettings.disabled()
                    : ChunkingSettings.ofSizes(2048, 4096, 8192);
            PublishResult r = publisher(storage).hashAlgorithm(a).chunking(chunking).build().publish(tree);
            assertThat(r.rootHash()).endsWith(a.suffix());
            try (Repository repo = open(storage)) {
                assertThat(TreeSnapshot.of(repo)).as(a.toString()).isEqualTo(TreeSnapshot.of(tree));
                int chunks = repo.stat("/big.bin").chunks();
                assertThat(chunks).as(a.toString()).matches(n -> a == ContentHashAlgorithm.SHA1 ? n == 1 : n > 1);
                assertThat(repo.stat("/big.bin").hash() == null || repo.stat("/big.bin").hash().endsWith(a.suffix()))
                        .isTrue();
            }
            try (var s = Files.walk(storage.resolve("data"))) {
                assertThat(s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/txn/"))
                        .allMatch(p -> p.getFileName().toString().contains(a.suffix()))).isTrue();
            }
        }
    }

    @Test
    void extendedAttributesRoundTrip() throws Exception {
        Path tree = sampleTree(dir.resolve("tree"));
        Assumptions.assumeTrue(TestTrees.xattrsSupported(tree), "file system without user xattrs");
        UserDefinedFileAttributeView v = Files.getFileAttributeView(tree.resolve("README.txt"),
                UserDefinedFileAttributeView.class);
        v.write("color", ByteBuffer.wrap("blue".getBytes(StandardCharsets.UTF_8)));
        v.write("a", ByteBuffer.wrap(new byte[] {0, 1, 2}));
        Path storage = dir.resolve("repo");
        publisher(storage).build().publish(tree);
        try (Repository repo = open(storage)) {
            Map<String, byte[]> x = repo.xattrs("/README.txt");
            assertThat(x).containsOnlyKeys("user.a", "user.color");
            assertThat(x.get("user.color")).isEqualTo("blue".getBytes(StandardCharsets.UTF_8));
            assertThat(TreeSnapshot.of(repo)).isEqualTo(TreeSnapshot.of(tree));
        }
        v.write("big", ByteBuffer.wrap(new byte[300]));
        assertThatThrownBy(() -> publisher(storage).build().publish(tree))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("README.txt");
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path tree = sampleTree(dir.resolve("tree"));
        Path storage = dir.resolve("repo");
        publisher(storage).build().publish(tree, "v1", null);
        byte[] manifest = Files.readAllBytes(storage.resolve(".cvmfspublished"));
        long objects = countObjects(storage);

        // a name that is not UTF-8 cannot be a catalog name
        Process p = new ProcessBuilder("bash", "-c", "touch \"$1\"/$'bad\\xffname'", "x", tree.toString()).start();
        assertThat(p.waitFor()).isZero();
        assertThatThrownBy(() -> publisher(storage).build().publish(tree))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("UTF-8").hasMessageContaining(tree.toString());
        try (var s = Files.newDirectoryStream(tree, "bad*")) {
            for (Path bad : s) {
                Files.delete(bad);
            }
        }
        // keys that did not publish the repository
        RepositoryKeys stranger = RepositoryKeys.generate(FQRN, CLOCK);
        assertThatThrownBy(() -> Publisher.builder().keys(stranger).storage(storage).clock(CLOCK).build().publish(tree))
                .isInstanceOf(TrustException.class).hasMessageContaining("keys do not match");
        // an existing or reserved tag
        assertThatThrownBy(() -> publisher(storage).build().publish(tree, "v1", null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> publisher(storage).build().publish(tree, "trunk", null))
                .isInstanceOf(ConfigurationException.class);
        // not a directory
        assertThatThrownBy(() -> publisher(storage).build().publish(tree.resolve("README.txt")))
                .isInstanceOf(IntegrityException.class);

        assertThat(Files.readAllBytes(storage.resolve(".cvmfspublished"))).isEqualTo(manifest);
        assertThat(countObjects(storage)).isEqualTo(objects);
        assertThat(publisher(storage).build().publish(tree).revision()).isEqualTo(2);
    }

    @Test
    void aCrashedPublishLeavesThePreviousRevisionAndTheNextPublishSucceeds() throws Exception {
        Path tree = sampleTree(dir.resolve("tree"));
        Path storage = dir.resolve("repo");
        publisher(storage).build().publish(tree, "v1", null);
        // what an interrupted publish leaves: temporaries in txn, orphan objects, no new manifest
        Files.write(storage.resolve("data/txn/publish-999-1"), new byte[] {1, 2, 3});
        Files.write(storage.resolve("data/ab/cdef0123456789abcdef0123456789abcdef01"), new byte[] {9});
        Files.write(storage.resolve(".cvmfspublished.tmp-999-1"), new byte[] {1});
        try (Repository repo = open(storage)) {
            assertThat(repo.revision()).isEqualTo(1);
            assertThat(TreeSnapshot.of(repo)).isEqualTo(TreeSnapshot.of(tree));
        }
        Files.write(tree.resolve("README.txt"), "v2".getBytes(StandardCharsets.UTF_8));
        assertThat(publisher(storage).build().publish(tree).revision()).isEqualTo(2);
        assertThat(storage.resolve("data/txn/publish-999-1")).doesNotExist();
        assertThat(storage.resolve(".cvmfspublished.tmp-999-1")).doesNotExist();
        try (Repository repo = open(storage)) {
            assertThat(repo.readAllBytes("/README.txt")).isEqualTo("v2".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void tagsCanBeAddedMovedAndRemoved() throws Exception {
        Path tree = sampleTree(dir.resolve("tree"));
        Path storage = dir.resolve("repo");
        Publisher pub = publisher(storage).build();
        pub.publish(tree, "v1", "one");
        Files.write(tree.resolve("README.txt"), "two".getBytes(StandardCharsets.UTF_8));
        pub.publish(tree, "v2", "two");
        TagEditor tags = pub.tags();
        Tag stable = tags.add("stable", "the stable one", 1);
        assertThat(stable.revision()).isEqualTo(1);
        assertThat(tags.add("latest", null).revision()).isEqualTo(2);
        assertThat(tags.move("stable", 2).revision()).isEqualTo(2);
        assertThat(tags.find("stable")).get().extracting(Tag::description).isEqualTo("the stable one");
        tags.remove("v1");
        assertThat(tags.list()).extracting(Tag::name)
                .containsExactlyInAnyOrder("v2", "stable", "latest", "trunk", "trunk-previous");
        assertThatThrownBy(() -> tags.remove("nope")).isInstanceOf(io.cernvm.api.NotFoundException.class);
        assertThatThrownBy(() -> tags.add("trunk", null)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> tags.add("v2", null)).isInstanceOf(ConfigurationException.class);
        try (Repository repo = open(storage)) {
            assertThat(repo.revision()).isEqualTo(2);
            assertThat(repo.tags()).extracting(Tag::name).contains("stable", "latest").doesNotContain("v1");
            try (Repository stableRepo = repo.atTag("stable")) {
                assertThat(stableRepo.readAllBytes("/README.txt")).isEqualTo("two".getBytes(StandardCharsets.UTF_8));
            }
            try (Repository previous = repo.atTag("trunk-previous")) {
                assertThat(previous.readAllBytes("/README.txt")).isEqualTo("hello\n".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void whitelistIsResignedWithTheChosenValidity() throws Exception {
        Path tree = sampleTree(dir.resolve("tree"));
        Path storage = dir.resolve("repo");
        Publisher pub = publisher(storage).whitelistValidity(java.time.Duration.ofDays(3)).build();
        pub.publish(tree);
        assertThat(SignedFileParts.of(Files.readAllBytes(storage.resolve(".cvmfswhitelist"))).textString())
                .startsWith("20261127030000\nE20261130030000\n");
        Publisher.builder().keys(keys).storage(storage).clock(Clock.fixed(NOW.plusSeconds(86400), ZoneOffset.UTC)).build()
                .resignWhitelist(java.time.Duration.ofDays(10));
        assertThat(SignedFileParts.of(Files.readAllBytes(storage.resolve(".cvmfswhitelist"))).textString())
                .startsWith("20261128030000\nE20261208030000\n");
        try (Repository repo = PublishedRepository.open(storage, keyDir(), FQRN,
                Clock.fixed(NOW.plusSeconds(5 * 86400), ZoneOffset.UTC), dir.resolve("w"))) {
            assertThat(repo.revision()).isEqualTo(1);
        }
    }

    @Test
    void dirtabPatternsMakeNestedCatalogs() throws Exception {
        Path tree = sampleTree(dir.resolve("tree"));
        TestTrees.file(tree.resolve(".cvmfsdirtab"), "/sw/*\n! /sw/skip\n".getBytes(StandardCharsets.UTF_8),
                "rw-r--r--", MTIME);
        TestTrees.file(tree.resolve("sw/gcc/bin/gcc"), "gcc".getBytes(StandardCharsets.UTF_8), "rwxr-xr-x", MTIME);
        TestTrees.file(tree.resolve("sw/skip/x"), "x".getBytes(StandardCharsets.UTF_8), "rw-r--r--", MTIME);
        TestTrees.fixDirectoryTimes(tree, MTIME);
        Path storage = dir.resolve("repo");
        publisher(storage).replicable(true).build().publish(tree);
        assertThat(storage.resolve(".cvmfs_master_replica")).isEmptyFile();
        try (Repository repo = open(storage)) {
            assertThat(TreeSnapshot.of(repo)).isEqualTo(TreeSnapshot.of(tree));
            assertThat(repo.stat("/sw/gcc").nestedCatalogMountpoint()).isTrue();
            assertThat(repo.stat("/sw/skip").nestedCatalogMountpoint()).isFalse();
            assertThat(repo.stat("/nested").nestedCatalogMountpoint()).isTrue();
        }
    }

    @Test
    void onePublisherAtATime() throws Exception {
        Path tree = sampleTree(dir.resolve("tree"));
        Path storage = dir.resolve("repo");
        Publisher pub = publisher(storage).build();
        pub.publish(tree);
        try (var held = pub.lock()) {
            assertThatThrownBy(() -> publisher(storage).build().publish(tree))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("another publisher");
        }
        assertThat(pub.publish(tree).revision()).isEqualTo(2);
    }

    private static long countObjects(Path storage) throws Exception {
        try (var s = Files.walk(storage.resolve("data"))) {
            return s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/txn/")).count();
        }
    }

    static boolean same(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
