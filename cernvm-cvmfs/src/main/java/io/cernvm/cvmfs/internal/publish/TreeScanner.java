package io.cernvm.cvmfs.internal.publish;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a directory tree into {@link TreeNode}s and checks that all of it can be published
 * before a single object is written: every directory listable, every file readable, every name
 * representable (valid UTF-8, as catalog names are text), extended attributes within the
 * catalog blob's one-byte limits. Symlinks are kept raw, never followed.
 */
public final class TreeScanner {
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;

    private final Integer uidOverride;
    private final Integer gidOverride;

    /** @param uidOverride owner to publish instead of the tree's, or {@code null}; @param gidOverride likewise the group */
    public TreeScanner(Integer uidOverride, Integer gidOverride) {
        this.uidOverride = uidOverride;
        this.gidOverride = gidOverride;
    }

    /**
     * @param root the tree's root directory
     * @return the root node
     * @throws IntegrityException naming the first entry that cannot be published
     */
    public TreeNode scan(Path root) {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new IntegrityException("the tree to publish is not a directory", FaultLocation.atPath(root.toString()));
        }
        return scan(root, "", "");
    }

    private TreeNode scan(Path file, String name, String repoPath) {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(file, "unix:mode,uid,gid,ino,dev,nlink,size,rdev,lastModifiedTime",
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IntegrityException("cannot read the attributes of " + file + ": " + e.getMessage(),
                    at(file, repoPath), e);
        }
        int mode = (Integer) a.get("mode");
        int uid = uidOverride != null ? uidOverride : (Integer) a.get("uid");
        int gid = gidOverride != null ? gidOverride : (Integer) a.get("gid");
        FileTime t = (FileTime) a.get("lastModifiedTime");
        long mtime = Math.floorDiv(t.to(java.util.concurrent.TimeUnit.NANOSECONDS), 1_000_000_000L);
        int nanos = (int) Math.floorMod(t.to(java.util.concurrent.TimeUnit.NANOSECONDS), 1_000_000_000L);
        long size = (Long) a.get("size");
        int type = mode & S_IFMT;
        switch (type) {
            case S_IFDIR -> {
                List<TreeNode> children = new ArrayList<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(file)) {
                    for (Path child : ds) {
                        String childName = checkName(child, repoPath);
                        children.add(scan(child, childName, repoPath + "/" + childName));
                    }
                } catch (IOException e) {
                    throw new IntegrityException("cannot list directory: " + e.getMessage(), at(file, repoPath), e);
                }
                children.sort(Comparator.comparing(TreeNode::name));
                TreeMap<String, byte[]> attrs = xattrs(file, repoPath);
                return new TreeNode(name, repoPath, file, TreeNode.Kind.DIRECTORY, mode, uid, gid, mtime, nanos, size, "",
                        attrs != null ? attrs : new TreeMap<>(), null, children);
            }
            case S_IFREG -> {
                // Listing the attributes opens the file for reading (JDK's UnixUserDefinedFileAttributeView
                // opens O_RDONLY), so only when that was not possible is readability probed by itself.
                TreeMap<String, byte[]> attrs = xattrs(file, repoPath);
                if (attrs == null) {
                    try (var probe = java.nio.channels.FileChannel.open(file)) {
                        probe.size();
                    } catch (IOException e) {
                        throw new IntegrityException("file is not readable: " + e.getMessage(), at(file, repoPath), e);
                    }
                }
                int nlink = (Integer) a.get("nlink");
                Object inode = nlink > 1 ? List.of(a.get("dev"), a.get("ino")) : null;
                return new TreeNode(name, repoPath, file, TreeNode.Kind.FILE, mode, uid, gid, mtime, nanos, size, "",
                        attrs != null ? attrs : new TreeMap<>(), inode, List.of());
            }
            case S_IFLNK -> {
                String target;
                try {
                    target = Files.readSymbolicLink(file).toString();
                } catch (IOException e) {
                    throw new IntegrityException("cannot read symlink: " + e.getMessage(), at(file, repoPath), e);
                }
                if (target.indexOf('\uFFFD') >= 0) {
                    throw new IntegrityException("symlink target is not valid UTF-8", at(file, repoPath));
                }
                return new TreeNode(name, repoPath, file, TreeNode.Kind.SYMLINK, mode, uid, gid, mtime, nanos,
                        target.getBytes(StandardCharsets.UTF_8).length, target, new TreeMap<>(), null, List.of());
            }
            default -> {
                long specialSize = (type == S_IFCHR || type == S_IFBLK) ? (Long) a.get("rdev") : 0;
                return new TreeNode(name, repoPath, file, TreeNode.Kind.SPECIAL, mode, uid, gid, mtime, nanos,
                        specialSize, "", new TreeMap<>(), null, List.of());
            }
        }
    }

    private static String checkName(Path child, String parentRepoPath) {
        String name = child.getFileName().toString();
        if (name.indexOf('\uFFFD') >= 0) {
            throw new IntegrityException("file name is not valid UTF-8, which a catalog cannot hold",
                    at(child, parentRepoPath + "/" + name));
        }
        return name;
    }

    /**
     * @return the entry's user attributes, or {@code null} when they could not be listed (the
     *         file system keeps none, or the entry could not be opened)
     */
    private static TreeMap<String, byte[]> xattrs(Path file, String repoPath) {
        TreeMap<String, byte[]> out = new TreeMap<>();
        UserDefinedFileAttributeView view =
                Files.getFileAttributeView(file, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return null;
        }
        List<String> names;
        try {
            names = view.list();
        } catch (IOException | UnsupportedOperationException e) {
            return null; // the file system keeps no user attributes, or the entry cannot be opened
        }
        try {
            for (String n : names) {
                ByteBuffer b = ByteBuffer.allocate(view.size(n));
                view.read(n, b);
                out.put("user." + n, java.util.Arrays.copyOf(b.array(), b.position()));
            }
        } catch (IOException e) {
            throw new IntegrityException("cannot read extended attributes: " + e.getMessage(), at(file, repoPath), e);
        }
        String problem = XattrBlobWriter.problem(out);
        if (problem != null) {
            throw new IntegrityException(problem + ", which a catalog cannot hold", at(file, repoPath));
        }
        return out;
    }

    private static FaultLocation at(Path file, String repoPath) {
        return FaultLocation.atPath(file + " (repository path " + (repoPath.isEmpty() ? "/" : repoPath) + ")");
    }
}
