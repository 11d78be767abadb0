package io.cernvm.examples.cvmfs.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cernvm.cvmfs.CvmfsClient;
import io.cernvm.cvmfs.DirectoryEntry;
import io.cernvm.cvmfs.FileAttributes;
import io.cernvm.cvmfs.FileType;
import io.cernvm.cvmfs.Repository;
import io.cernvm.cvmfs.Tag;
import io.cernvm.cvmfs.download.DownloadSettings;
import io.cernvm.examples.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What the serve and replicate tests share: a published origin and reading a repository over HTTP. */
final class ServedRepositories {
    static final String FQRN = "served.example.org";

    private ServedRepositories() {
    }

    /**
     * Publishes two tagged revisions of a small tree into {@code root/cvmfs/<fqrn>} with keys in {@code keys}.
     *
     * @return the repository directory
     */
    static Path publishOrigin(Path dir, Path root, Path keys) throws IOException {
        assertThat(PublishCli.of("keys", FQRN, "-d", keys.toString()).exitCode()).isZero();
        Path storage = root.resolve("cvmfs").resolve(FQRN);
        Path tree = dir.resolve("origin-tree");
        Files.createDirectories(tree.resolve("lib/deep/er"));
        for (int i = 0; i < 12; i++) {
            byte[] b = new byte[1000 + 997 * i];
            new java.util.Random(i).nextBytes(b);
            Files.write(tree.resolve("lib/deep/er/file" + i + ".bin"), b);
        }
        Files.writeString(tree.resolve("README"), "first\n");
        Files.createSymbolicLink(tree.resolve("link"), Path.of("lib/deep"));
        publish(storage, keys, tree, "v1");
        Files.writeString(tree.resolve("README"), "second\n");
        Files.writeString(tree.resolve("lib/new.txt"), "new in v2\n");
        publish(storage, keys, tree, "v2");
        return storage;
    }

    private static void publish(Path storage, Path keys, Path tree, String tag) {
        CliRun run = PublishCli.of("publish", FQRN, "--storage", storage.toString(), "--keys", keys.toString(),
                "--source", tree.toString(), "--tag", tag);
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    /** Opens the repository at {@code <base>/cvmfs/<fqrn>}, through {@code proxy} unless empty. */
    static Repository openOverHttp(String base, String proxy, Path keys, Path work) {
        return CvmfsClient.builder().downloads(DownloadSettings.builder()
                        .serverUrl(base + "/cvmfs/@fqrn@").fqrn(FQRN).httpProxy(proxy).build())
                .publicKeys(List.of(keys.resolve(FQRN + ".pub"))).workDirectory(work).build().open(FQRN);
    }

    static Repository openLocal(Path storage, Path keys, Path work) {
        return CvmfsClient.builder().localRepository(storage).publicKeys(List.of(keys.resolve(FQRN + ".pub")))
                .workDirectory(work).build().open(FQRN);
    }

    /** Every path with its type, mode, size, target and content hash, and every tag: what a client sees. */
    static Map<String, String> view(Repository repo) {
        Map<String, String> out = new TreeMap<>();
        walk(repo, "/", out);
        for (Tag t : repo.tags()) {
            out.put("tag:" + t.name(), t.revision() + " " + t.rootHash());
        }
        return out;
    }

    private static void walk(Repository repo, String path, Map<String, String> out) {
        for (DirectoryEntry e : repo.list(path)) {
            String p = (path.equals("/") ? "" : path) + "/" + e.name();
            FileAttributes a = e.attributes();
            String content = a.type() == FileType.FILE
                    ? HexFormat.of().formatHex(sha256(repo.readAllBytes(p))) : "";
            out.put(p, a.type() + " " + Integer.toOctalString(a.mode()) + " " + a.size() + " " + a.rawTarget() + " " + content);
            if (a.type() == FileType.DIRECTORY) {
                walk(repo, p, out);
            }
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the object files of a repository directory, relative to it */
    static List<String> objects(Path repo) throws IOException {
        try (Stream<Path> s = Files.walk(repo.resolve("data"))) {
            return s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/txn/"))
                    .map(p -> repo.relativize(p).toString()).sorted().toList();
        }
    }

    /** @return a manifest field's value (the line starting with {@code letter}) */
    static String manifestField(Path repo, char letter) throws IOException {
        for (String line : Files.readAllLines(repo.resolve(".cvmfspublished"), java.nio.charset.StandardCharsets.ISO_8859_1)) {
            if (line.equals("--")) {
                break;
            }
            if (!line.isEmpty() && line.charAt(0) == letter) {
                return line.substring(1);
            }
        }
        throw new AssertionError("no manifest field " + letter);
    }
}
