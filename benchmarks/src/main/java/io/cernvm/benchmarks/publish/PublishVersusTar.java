package io.cernvm.benchmarks.publish;

import io.cernvm.cvmfs.publish.PublishResult;
import io.cernvm.cvmfs.publish.Publisher;
import io.cernvm.cvmfs.publish.RepositoryKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Publishing a tree as the first revision of a new repository against {@code tar czf} of the same
 * tree, in one run: 10,000 small files, then large files (1 GiB by default). Both write
 * compressed, hashed (publisher) or checksummed (gzip) output once; the tree is in the page
 * cache for both. One warm-up publish of each tree is discarded (JIT); then rounds alternate
 * publisher and tar, each into a fresh directory, and the medians are reported with their ratio
 * (tar time / publish time; above 1 the publisher is faster).
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.cernvm.benchmarks.publish.PublishVersusTar [rounds] [large MiB]}
 */
public final class PublishVersusTar {
    private static final String FQRN = "bench-publish.example.org";
    private static final int SMALL_FILES = 10_000;

    private PublishVersusTar() {
    }

    /**
     * Runs both comparisons and prints one line each.
     *
     * @param args rounds (default 3), the large tree's size in MiB (default 1024; 0 for the small
     *             tree only), and {@code keep} to leave the outputs in place (see {@link #compare})
     * @throws Exception when a tree cannot be written or tar fails
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int largeMiB = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        boolean keep = args.length > 2 && args[2].equals("keep");
        Path work = Files.createTempDirectory("bench-publish-");
        try {
            RepositoryKeys keys = RepositoryKeys.generate(FQRN, Clock.systemUTC());
            Path small = smallTree(work.resolve("small"));
            compare("10,000 small files (1-8 KiB)", small, keys, work, rounds, keep);
            if (!keep) {
                delete(small);
            }
            if (largeMiB > 0) {
                Path large = largeTree(work.resolve("large"), largeMiB);
                compare(largeMiB + " MiB in 64 MiB files (half compressible)", large, keys, work, rounds, keep);
            }
        } finally {
            if (keep) {
                System.out.println("outputs kept in " + work);
            } else {
                delete(work);
            }
        }
    }

    private static void compare(String label, Path tree, RepositoryKeys keys, Path work, int rounds, boolean keep)
            throws Exception {
        // Outputs are kept until the comparison ends: on a file system without a journal, ext4
        // skips inodes freed in the last minutes (fs/ext4/ialloc.c, recently_deleted) when it
        // allocates new ones, scanning past each, so deleting one round's 10,000 objects made the
        // next round's file creations several times slower. For the same reason repeated runs
        // a few minutes apart measure each other's clean-up unless run with "keep".
        Path out = Files.createDirectories(work.resolve("out-" + tree.getFileName()));
        publish(tree, keys, out.resolve("warm-up")); // JIT warm-up, discarded
        List<Long> publishNanos = new ArrayList<>();
        List<Long> tarNanos = new ArrayList<>();
        PublishResult last = null;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            last = publish(tree, keys, out.resolve("repo-" + i));
            publishNanos.add(System.nanoTime() - t0);
            Path archive = out.resolve("tree-" + i + ".tar.gz");
            t0 = System.nanoTime();
            tar(tree, archive);
            tarNanos.add(System.nanoTime() - t0);
        }
        double floor = createFiles(out.resolve("floor"), last.objectsWritten()) / 1e9;
        if (!keep) {
            delete(out);
        }
        double p = median(publishNanos) / 1e9;
        double t = median(tarNanos) / 1e9;
        System.out.printf("%-44s publish %7.2f s  tar czf %7.2f s  ratio tar/publish %.2fx  (%d objects, median of %d;"
                + " creating as many empty files there: %.2f s)%n",
                label, p, t, t / p, last.objectsWritten(), rounds, floor);
    }

    /**
     * Creates {@code n} empty files in 256 directories, as many as the publisher wrote objects:
     * the least any publisher of one file per object must do, which on a file system that is
     * slow to allocate inodes can alone exceed {@code tar czf}'s time.
     */
    private static long createFiles(Path dir, long n) throws IOException {
        for (int i = 0; i < 256; i++) {
            Files.createDirectories(dir.resolve(Integer.toString(i)));
        }
        long t0 = System.nanoTime();
        for (long i = 0; i < n; i++) {
            Files.newOutputStream(dir.resolve(Long.toString(i % 256)).resolve("f" + i)).close();
        }
        return System.nanoTime() - t0;
    }

    private static PublishResult publish(Path tree, RepositoryKeys keys, Path storage) throws IOException {
        return Publisher.builder().keys(keys).storage(storage).build().publish(tree);
    }

    private static void tar(Path tree, Path archive) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tar", "czf", archive.toString(), "-C", tree.toString(), ".")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IOException("tar czf failed with exit code " + p.exitValue());
        }
    }

    /** 10,000 files of 1-8 KiB of text-like content in 100 directories. */
    static Path smallTree(Path root) throws IOException {
        Random r = new Random(1);
        for (int i = 0; i < SMALL_FILES; i++) {
            Path f = root.resolve("d" + (i % 100)).resolve("file-" + i + ".txt");
            Files.createDirectories(f.getParent());
            StringBuilder b = new StringBuilder();
            int size = 1024 + r.nextInt(7 * 1024);
            while (b.length() < size) {
                b.append("line ").append(r.nextInt(1_000_000)).append(" of file ").append(i).append('\n');
            }
            Files.writeString(f, b, StandardCharsets.US_ASCII);
        }
        return root;
    }

    /** Files of 64 MiB whose 64 KiB blocks are half random bytes, half repeated text, so gzip and zlib both work. */
    static Path largeTree(Path root, int mib) throws IOException {
        Files.createDirectories(root);
        Random r = new Random(2);
        byte[] block = new byte[64 * 1024];
        byte[] text = "CernVM-FS publishing benchmark text, repeated to be compressible. ".repeat(1024)
                .getBytes(StandardCharsets.US_ASCII);
        long remaining = (long) mib << 20;
        for (int n = 0; remaining > 0; n++) {
            long size = Math.min(remaining, 64L << 20);
            try (OutputStream out = Files.newOutputStream(root.resolve("large-" + n + ".bin"))) {
                for (long w = 0; w < size; w += block.length) {
                    r.nextBytes(block);
                    System.arraycopy(text, (int) (w % 1024), block, block.length / 2, block.length / 2);
                    out.write(block, 0, (int) Math.min(block.length, size - w));
                }
            }
            remaining -= size;
        }
        return root;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
