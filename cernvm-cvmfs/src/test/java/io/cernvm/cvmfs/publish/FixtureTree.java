package io.cernvm.cvmfs.publish;

import io.cernvm.api.FaultLocation;
import io.cernvm.cvmfs.internal.object.PathHash;
import io.cernvm.cvmfs.internal.object.ZlibCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the server-2.12.0 fixture's HEAD content as a real directory tree: paths, types,
 * modes, mtimes and symlink targets from the libcvmfs listing, file contents from the
 * fixture's own objects (chunks concatenated).
 */
final class FixtureTree {
    private FixtureTree() {
    }

    /** @return the rebuilt tree's root */
    static Path rebuild(Path fixtureRepo, Path into) throws Exception {
        List<String> lines = Files.readAllLines(RepositoryKeysTest.fixtureDir().resolve("libcvmfs-listing-head.txt"));
        Map<PathHash, byte[]> chunked = chunkedContents(fixtureRepo);
        Path root = into.resolve("tree");
        Files.createDirectories(root);
        Map<String, Path> firstOfInode = new HashMap<>();
        List<String[]> dirTimes = new java.util.ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("#") || line.startsWith("LibCvmfs")) {
                continue;
            }
            String[] f = line.split(" ", 12);
            String type = f[0];
            String mode = f[1];
            long mtime = Long.parseLong(f[6].substring("mtime=".length()));
            String hash = f[8].substring("cvmfs_hash=".length());
            String ino = f[10].substring("ino=".length());
            String rest = f[11];
            int arrow = rest.indexOf(" -> ");
            String path = rest.substring(0, arrow);
            String target = rest.substring(arrow + 4);
            Path p = root.resolve(path.substring(1));
            Files.createDirectories(p.getParent());
            switch (type) {
                case "d" -> {
                    Files.createDirectories(p);
                    dirTimes.add(new String[] {path, Long.toString(mtime)});
                }
                case "l" -> {
                    // libcvmfs printed the expanded target; the raw one is in the catalog
                    String raw = path.endsWith("variant-symlink") ? "$(TEST_VARIANT)/x" : target;
                    Files.createSymbolicLink(p, Path.of(raw));
                    Files.getFileAttributeView(p, java.nio.file.attribute.BasicFileAttributeView.class,
                            java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            .setTimes(FileTime.from(mtime, java.util.concurrent.TimeUnit.SECONDS), null, null);
                }
                case "f" -> {
                    if (firstOfInode.containsKey(ino) && line.contains("nlink=3")) {
                        Files.createLink(p, firstOfInode.get(ino));
                        continue;
                    }
                    firstOfInode.put(ino, p);
                    byte[] content = chunked.containsKey(PathHash.of(path)) ? chunked.get(PathHash.of(path))
                            : inflate(fixtureRepo, hash, "");
                    Files.write(p, content);
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms(mode)));
                    Files.setLastModifiedTime(p, FileTime.from(mtime, java.util.concurrent.TimeUnit.SECONDS));
                }
                default -> throw new AssertionError(line);
            }
        }
        for (int i = dirTimes.size() - 1; i >= 0; i--) {
            Files.setLastModifiedTime(root.resolve(dirTimes.get(i)[0].substring(1)),
                    FileTime.from(Long.parseLong(dirTimes.get(i)[1]), java.util.concurrent.TimeUnit.SECONDS));
        }
        return root;
    }

    private static String perms(String octal) {
        int m = Integer.parseInt(octal, 8);
        StringBuilder b = new StringBuilder();
        String rwx = "rwx";
        for (int i = 8; i >= 0; i--) {
            b.append((m & (1 << i)) != 0 ? rwx.charAt(2 - i % 3) : '-');
        }
        return b.toString();
    }

    static byte[] inflate(Path repo, String hash, String suffix) throws IOException {
        Path object = repo.resolve("data").resolve(hash.substring(0, 2)).resolve(hash.substring(2) + suffix);
        return ZlibCodec.inflate(Files.readAllBytes(object), 1L << 31, FaultLocation.atPath(object.toString()));
    }

    /** @return every catalog of the fixture's HEAD, decompressed into files */
    static List<Path> headCatalogs(Path repo, Path into) throws IOException {
        List<Path> out = new java.util.ArrayList<>();
        for (String[] c : new String[][] {{"8d584048e8e011f3fbc6fb3f1c80ac6a383df230", "root"},
                {"be6ad6711c020707f39be48f0d18c81067959394", "nested"}, {"ac928984597b2d44c9fcbd5cf8b670409a0f93f2", "inner"}}) {
            Path f = into.resolve("fixture-" + c[1] + ".db");
            Files.write(f, inflate(repo, c[0], "C"));
            out.add(f);
        }
        return out;
    }

    private static Map<PathHash, byte[]> chunkedContents(Path repo) throws Exception {
        Map<PathHash, byte[]> out = new HashMap<>();
        Path tmp = Files.createTempDirectory("fixture-catalogs");
        try {
            for (Path db : headCatalogs(repo, tmp)) {
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                        PreparedStatement s = c.prepareStatement(
                                "SELECT md5path_1, md5path_2, hash FROM chunks ORDER BY md5path_1, md5path_2, offset");
                        ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        PathHash key = new PathHash(r.getLong(1), r.getLong(2));
                        byte[] part = inflate(repo, HexFormat.of().formatHex(r.getBytes(3)), "P");
                        ByteArrayOutputStream b = new ByteArrayOutputStream();
                        if (out.containsKey(key)) {
                            b.writeBytes(out.get(key));
                        }
                        b.writeBytes(part);
                        out.put(key, b.toByteArray());
                    }
                }
            }
        } finally {
            try (var s = Files.list(tmp)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(tmp);
        }
        return out;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
