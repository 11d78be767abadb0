package io.cernvm.cvmfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A listing printed by the official client library for a fixture: the ground truth.
 *
 * @param revision the revision in the header
 * @param tag      the tag in the header ({@code (none)} for HEAD)
 * @param entries  path to entry, in printed order
 */
public record LibcvmfsListing(long revision, String tag, Map<String, Line> entries) {

    private static final Pattern HEADER = Pattern.compile("# repo=\\S+ revision=(\\d+) tag=(\\S+)");
    private static final Pattern LINE = Pattern.compile("([fdl]) ([0-7]+) nlink=(\\d+) uid=(\\d+) gid=(\\d+) size=(\\d+) "
            + "mtime=(\\d+) chunks=(\\d+) cvmfs_hash=([0-9a-f]+) sha1=(\\S+) ino=\\d+ (.+) -> (.*)");

    /**
     * One printed entry.
     *
     * @param type        {@code f}, {@code d} or {@code l}
     * @param permissions the permission bits
     * @param nlink       link count
     * @param uid         owner
     * @param gid         group
     * @param size        size
     * @param mtime       Unix seconds
     * @param chunks      chunk count as libcvmfs counts
     * @param cvmfsHash   {@code cvm_checksum}, zeros for non-files
     * @param sha1        SHA-1 of the content, {@code -} for non-files
     * @param path        absolute path
     * @param target      expanded symlink target, empty for non-links
     */
    public record Line(char type, int permissions, long nlink, long uid, long gid, long size, long mtime, int chunks,
                       String cvmfsHash, String sha1, String path, String target) {
    }

    /**
     * @param file a listing file
     * @return its entries
     * @throws IOException on a read failure
     */
    public static LibcvmfsListing read(Path file) throws IOException {
        long revision = -1;
        String tag = null;
        Map<String, Line> entries = new LinkedHashMap<>();
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Matcher h = HEADER.matcher(l);
            if (h.matches()) {
                revision = Long.parseLong(h.group(1));
                tag = h.group(2);
                continue;
            }
            Matcher m = LINE.matcher(l);
            if (m.matches()) {
                Line line = new Line(m.group(1).charAt(0), Integer.parseInt(m.group(2), 8), Long.parseLong(m.group(3)),
                        Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)),
                        Long.parseLong(m.group(7)), Integer.parseInt(m.group(8)), m.group(9), m.group(10), m.group(11),
                        m.group(12));
                entries.put(line.path(), line);
            }
        }
        if (revision < 0 || entries.isEmpty()) {
            throw new AssertionError("not a libcvmfs listing: " + file);
        }
        return new LibcvmfsListing(revision, tag, entries);
    }
}
