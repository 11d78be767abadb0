package io.cernvm.cvmfs.publish;

import io.cernvm.cvmfs.DirectoryEntry;
import io.cernvm.cvmfs.FileAttributes;
import io.cernvm.cvmfs.Repository;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything the round trip must preserve about each entry of a tree, as one comparable string
 * per path: type, full mode, uid, gid, file size (a symlink's reported size is that of its
 * expanded target, so the raw target is compared instead), mtime seconds, link count of files, raw symlink
 * target, content SHA-1, extended attributes. Built from a directory (no link followed) and
 * from a repository through the cvmfs-core reader.
 */
final class TreeSnapshot {
    private TreeSnapshot() {
    }

    /** @return path → description, for a directory tree (the root excluded) */
    static Map<String, String> of(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                if (p.equals(root)) {
                    continue;
                }
                String path = "/" + root.relativize(p).toString();
                Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size,nlink,lastModifiedTime",
                        LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) a.get("mode");
                int type = mode & 0170000;
                String kind = type == 0040000 ? "d" : type == 0120000 ? "l" : "f";
                String target = kind.equals("l") ? Files.readSymbolicLink(p).toString() : "";
                String content = kind.equals("f") ? sha1(Files.readAllBytes(p)) : "";
                long nlink = kind.equals("f") ? ((Integer) a.get("nlink")).longValue() : 0;
                long mtime = ((FileTime) a.get("lastModifiedTime")).toInstant().getEpochSecond();
                out.put(path, describe(kind, mode, (Integer) a.get("uid"), (Integer) a.get("gid"),
                        kind.equals("f") ? (Long) a.get("size") : 0, mtime, nlink, target, content,
                        kind.equals("l") ? Map.of() : xattrs(p)));
            }
        }
        return out;
    }

    /** @return path → description, for a repository read by the client */
    static Map<String, String> of(Repository r) {
        Map<String, String> out = new TreeMap<>();
        List<String> dirs = new ArrayList<>(List.of("/"));
        while (!dirs.isEmpty()) {
            String d = dirs.remove(0);
            for (DirectoryEntry e : r.list(d)) {
                FileAttributes a = e.attributes();
                String kind = a.isDirectory() ? "d" : a.isSymbolicLink() ? "l" : "f";
                String content = kind.equals("f") ? sha1(r.readAllBytes(e.path())) : "";
                out.put(e.path(), describe(kind, a.mode(), (int) a.uid(), (int) a.gid(), kind.equals("f") ? a.size() : 0,
                        a.mtime().getEpochSecond(), kind.equals("f") ? a.nlink() : 0,
                        kind.equals("l") ? a.rawTarget() : "", content,
                        kind.equals("l") ? Map.of() : r.xattrs(e.path())));
                if (a.isDirectory()) {
                    dirs.add(e.path());
                }
            }
        }
        return out;
    }

    private static String describe(String kind, int mode, int uid, int gid, long size, long mtime, long nlink,
            String target, String content, Map<String, byte[]> xattrs) {
        StringBuilder x = new StringBuilder();
        new TreeMap<>(xattrs).forEach((k, v) -> x.append(k).append('=').append(HexFormat.of().formatHex(v)).append(';'));
        return kind + " mode=" + Integer.toOctalString(mode) + " uid=" + uid + " gid=" + gid + " size=" + size
                + " mtime=" + mtime + " nlink=" + nlink + " target=" + target + " sha1=" + content + " xattr=" + x;
    }

    private static Map<String, byte[]> xattrs(Path p) {
        Map<String, byte[]> out = new TreeMap<>();
        UserDefinedFileAttributeView v = Files.getFileAttributeView(p, UserDefinedFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        try {
            for (String n : v.list()) {
                ByteBuffer b = ByteBuffer.allocate(v.size(n));
                v.read(n, b);
                out.put("user." + n, java.util.Arrays.copyOf(b.array(), b.position()));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // no user attributes on this file system
        }
        return out;
    }

    static String sha1(byte[] data) {
        return io.cernvm.cvmfs.internal.publish.HashForms.hashStringOf(
                io.cernvm.cvmfs.internal.object.HashAlgorithm.SHA1, data);
    }
}
