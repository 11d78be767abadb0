package io.cernvm.examples.cvmfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shared CernVM-FS fixture {@code server-2.12.0} and libcvmfs's listings of it. */
final class Fixture {

    static final String FQRN = "test.cern.ch";

    private static final Pattern LINE = Pattern.compile("([fdl]) ([0-7]+) nlink=(\\d+) uid=(\\d+) gid=(\\d+) size=(\\d+) "
            + "mtime=(\\d+) chunks=(\\d+) cvmfs_hash=([0-9a-f]+) sha1=(\\S+) ino=\\d+ (.+) -> (.*)");

    private Fixture() {
    }

    /** @return the fixture directory; a missing one fails the test */
    static Path dir() {
        String shared = System.getProperty("cernvm.shared");
        if (shared == null) {
            throw new AssertionError("system property cernvm.shared is not set");
        }
        Path dir = Path.of(shared, "fixtures", "cvmfs", "server-2.12.0");
        if (!Files.isRegularFile(dir.resolve("repository.tar.gz"))) {
            throw new AssertionError("missing fixture " + dir);
        }
        return dir;
    }

    /**
     * @param into an empty directory
     * @return the unpacked repository directory
     * @throws Exception when tar fails
     */
    static Path unpack(Path into) throws Exception {
        Files.createDirectories(into);
        Process tar = new ProcessBuilder("tar", "xzf", dir().resolve("repository.tar.gz").toString(), "-C", into.toString())
                .redirectErrorStream(true).start();
        String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (tar.waitFor() != 0) {
            throw new AssertionError("tar failed: " + out);
        }
        return into.resolve("cvmfs").resolve(FQRN);
    }

    /**
     * One libcvmfs listing line.
     *
     * @param type        f, d or l
     * @param permissions permission bits
     * @param nlink       link count
     * @param uid         owner
     * @param gid         group
     * @param size        size
     * @param mtime       Unix seconds
     * @param chunks      chunk count
     * @param cvmfsHash   cvm_checksum
     * @param sha1        SHA-1 of the content or -
     * @param path        path
     * @param target      symlink target or empty
     */
    record Line(char type, int permissions, long nlink, long uid, long gid, long size, long mtime, int chunks,
                String cvmfsHash, String sha1, String path, String target) {
    }

    /**
     * @param name {@code libcvmfs-listing-head.txt} or {@code libcvmfs-listing-v1.0.txt}
     * @return path to entry
     * @throws IOException on a read failure
     */
    static Map<String, Line> listing(String name) throws IOException {
        Map<String, Line> entries = new LinkedHashMap<>();
        for (String l : Files.readAllLines(dir().resolve(name), StandardCharsets.UTF_8)) {
            Matcher m = LINE.matcher(l);
            if (m.matches()) {
                entries.put(m.group(11), new Line(m.group(1).charAt(0), Integer.parseInt(m.group(2), 8), Long.parseLong(m.group(3)),
                        Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)), Long.parseLong(m.group(7)),
                        Integer.parseInt(m.group(8)), m.group(9), m.group(10), m.group(11), m.group(12)));
            }
        }
        if (entries.isEmpty()) {
            throw new AssertionError("not a libcvmfs listing: " + name);
        }
        return entries;
    }
}
