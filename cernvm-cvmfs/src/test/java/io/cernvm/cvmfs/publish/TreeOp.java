package io.cernvm.cvmfs.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One generated step building or changing a test tree: make a directory, write a file, make a
 * symlink, add a hard link, drop a nested-catalog marker, delete an entry or rewrite a file.
 * Steps that do not apply (a name taken, nothing to link) do nothing, so any list is valid.
 *
 * @param kind   0 directory, 1 file, 2 symlink, 3 hard link, 4 catalog marker, 5 delete, 6 rewrite
 * @param choice picks the parent directory, the name and the target
 * @param size   file size in bytes (chunk sizes are in KiB, so sizes cross chunk boundaries)
 */
record TreeOp(int kind, int choice, int size) {
    private static final String[] NAMES = {"a", "b c", "ünïcödé", "日本語", "x.txt", "with space.bin", "Ω", "d-e_f",
        ".hidden", "z"};
    private static final String[] TARGETS = {"a", "../b c", "/cvmfs/other/ü", "$(ARCH)/lib", "$(V:-def)/x", "nowhere",
        "."};

    void apply(Path root, long mtime) throws IOException {
        List<Path> dirs = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted().toList()) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    dirs.add(p);
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(p);
                }
                if (!p.equals(root)) {
                    all.add(p);
                }
            }
        }
        Path parent = dirs.get(Math.floorMod(choice, dirs.size()));
        Path target = parent.resolve(NAMES[Math.floorMod(choice / 7, NAMES.length)]);
        boolean free = !Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        switch (kind) {
            case 0 -> {
                if (free) {
                    Files.createDirectory(target);
                }
            }
            case 1 -> {
                if (free) {
                    TestTrees.file(target, TestTrees.random(choice * 31L + size, size), "rw-r--r--", mtime);
                }
            }
            case 2 -> {
                if (free) {
                    TestTrees.symlink(target, TARGETS[Math.floorMod(choice / 3, TARGETS.length)], mtime);
                }
            }
            case 3 -> {
                List<Path> here = files.stream().filter(f -> f.getParent().equals(parent)).toList();
                if (free && !here.isEmpty()) {
                    Files.createLink(target, here.get(Math.floorMod(choice / 5, here.size())));
                }
            }
            case 4 -> {
                Path marker = parent.resolve(".cvmfscatalog");
                if (!parent.equals(root) && !Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
                    TestTrees.file(marker, new byte[0], "rw-r--r--", mtime);
                }
            }
            case 5 -> {
                if (!all.isEmpty()) {
                    TestTrees.deleteRecursively(all.get(Math.floorMod(choice, all.size())));
                }
            }
            case 6 -> {
                if (!files.isEmpty()) {
                    Path f = files.get(Math.floorMod(choice, files.size()));
                    Files.write(f, ("rewritten " + size).getBytes(StandardCharsets.UTF_8));
                    Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(mtime * 1000));
                }
            }
            default -> throw new IllegalArgumentException("kind " + kind);
        }
    }

    static void applyAll(List<TreeOp> ops, Path root, long mtime) throws IOException {
        Files.createDirectories(root);
        for (TreeOp op : ops) {
            op.apply(root, mtime);
        }
        TestTrees.fixDirectoryTimes(root, mtime);
    }
}
