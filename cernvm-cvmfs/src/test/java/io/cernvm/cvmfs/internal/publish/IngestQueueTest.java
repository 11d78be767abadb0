package io.cernvm.cvmfs.internal.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cernvm.api.IntegrityException;
import io.cernvm.cvmfs.internal.object.HashAlgorithm;
import io.cernvm.cvmfs.publish.ChunkingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestQueueTest {
    @TempDir
    Path dir;

    private static TreeNode file(Path source, String name, long size, Object inode) {
        return new TreeNode(name, "/" + name, source, TreeNode.Kind.FILE, 0100644, 0, 0, 0, 0, size, "",
                new TreeMap<>(), inode, List.of());
    }

    private static TreeNode root(List<TreeNode> children) {
        return new TreeNode("", "", null, TreeNode.Kind.DIRECTORY, 040755, 0, 0, 0, 0, 4096, "", new TreeMap<>(), null,
                children);
    }

    private ObjectStore store() throws Exception {
        ObjectStore store = new ObjectStore(dir.resolve("repo"), HashAlgorithm.SHA1);
        store.prepare();
        return store;
    }

    @Test
    void aFileWhoseSizeChangedFailsInTreeOrderAndLeavesNoTemporaries() throws Exception {
        ObjectStore store = store();
        List<TreeNode> children = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Path f = Files.writeString(dir.resolve("f" + i), "content " + i);
            // f7 and f30 were scanned with a size they no longer have
            long size = i == 7 || i == 30 ? 1 : Files.size(f);
            children.add(file(f, String.format("f%02d", i), size, null));
        }
        TreeNode root = root(children);
        try (IngestQueue q = new IngestQueue(new FileIngester(store, ChunkingSettings.DEFAULT), 4)) {
            q.submitAll(root);
            for (int i = 0; i < 7; i++) {
                assertThat(q.take(root.children().get(i)).whole()).isNotNull();
            }
            assertThatThrownBy(() -> q.take(root.children().get(7))).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("changed while publishing").hasMessageContaining("/f07");
        }
        try (var s = Files.list(dir.resolve("repo/data/txn"))) {
            // the objects written before the failure were never synced, and the mark says so
            assertThat(s.toList()).allMatch(p -> p.getFileName().toString().equals(ObjectStore.UNSYNCED_MARK));
        }
    }

    @Test
    void hardLinksAreIngestedOnceUnlessTheSizesDiffer() throws Exception {
        ObjectStore store = store();
        Path a = Files.writeString(dir.resolve("a"), "linked content");
        Object inode = List.of(1L, 2L);
        TreeNode first = file(a, "a", Files.size(a), inode);
        TreeNode second = file(a, "b", Files.size(a), inode);
        TreeNode root = root(List.of(first, second));
        try (IngestQueue q = new IngestQueue(new FileIngester(store, ChunkingSettings.DEFAULT), 2)) {
            q.submitAll(root);
            assertThat(q.take(second)).isSameAs(q.take(first));
        }
        assertThat(store.written()).isEqualTo(1);
        assertThat(store.deduplicated()).isZero();
    }

    @Test
    void sameContentFromManyThreadsIsWrittenOnce() throws Exception {
        ObjectStore store = store();
        List<TreeNode> children = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Path f = Files.writeString(dir.resolve("same" + i), "identical");
            children.add(file(f, String.format("s%02d", i), Files.size(f), null));
        }
        TreeNode root = root(children);
        try (IngestQueue q = new IngestQueue(new FileIngester(store, ChunkingSettings.DEFAULT), 8)) {
            q.submitAll(root);
            for (TreeNode c : children) {
                q.take(c);
            }
        }
        assertThat(store.written()).isEqualTo(1);
        assertThat(store.deduplicated()).isEqualTo(39);
    }
}
