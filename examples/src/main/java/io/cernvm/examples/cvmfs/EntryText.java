package io.cernvm.examples.cvmfs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cernvm.cvmfs.FileAttributes;
import io.cernvm.cvmfs.FileType;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How {@code ls} and {@code stat} print one entry: a JSON object, an {@code ls -l} line, or {@code key: value} lines. */
final class EntryText {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter LONG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private EntryText() {
    }

    /**
     * The JSON fields, in order: {@code path}, {@code type}, {@code mode} (octal string of
     * the full {@code st_mode}), {@code nlink}, {@code uid}, {@code gid}, {@code size},
     * {@code mtime} (Unix seconds), {@code chunks}, {@code hash} (no type suffix, or null),
     * {@code target} and {@code rawTarget} (null but for symlinks).
     *
     * @param a an entry
     * @return its fields
     */
    static Map<String, Object> fields(FileAttributes a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", a.path());
        m.put("type", type(a.type()));
        m.put("mode", Integer.toOctalString(a.mode()));
        m.put("nlink", a.nlink());
        m.put("uid", a.uid());
        m.put("gid", a.gid());
        m.put("size", a.size());
        m.put("mtime", a.mtime().getEpochSecond());
        m.put("chunks", a.chunks());
        m.put("hash", a.hash());
        m.put("target", a.target());
        m.put("rawTarget", a.rawTarget());
        return m;
    }

    /**
     * @param a an entry
     * @return one line of JSON
     */
    static String json(FileAttributes a) {
        try {
            return JSON.writeValueAsString(fields(a));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + a.path(), e);
        }
    }

    /**
     * @param a    an entry
     * @param name the name to print (the path with {@code -R}, else the entry's name)
     * @return an {@code ls -l}-style line
     */
    static String longLine(FileAttributes a, String name) {
        String line = String.format(Locale.ROOT, "%s %3d %5d %5d %12d %s %s", modeString(a), a.nlink(), a.uid(), a.gid(),
                a.size(), LONG_TIME.format(a.mtime()), name);
        return a.type() == FileType.SYMLINK ? line + " -> " + a.target() : line;
    }

    /**
     * @param a an entry
     * @return {@code key: value} lines for {@code stat}
     */
    static String statLines(FileAttributes a) {
        StringBuilder sb = new StringBuilder();
        fields(a).forEach((k, v) -> {
            if (v != null) {
                sb.append(k).append(": ").append(v).append('\n');
            }
        });
        sb.append("permissions: ").append(modeString(a)).append('\n');
        sb.append("catalog: ").append(a.catalog()).append('\n');
        if (a.hardlinkGroup() != 0) {
            sb.append("hardlinkGroup: ").append(a.hardlinkGroup()).append('\n');
        }
        return sb.toString();
    }

    /**
     * @param t a type
     * @return its JSON name: {@code file}, {@code directory}, {@code symlink}, or the lower-case type
     */
    static String type(FileType t) {
        return switch (t) {
            case FILE -> "file";
            case DIRECTORY -> "directory";
            case SYMLINK -> "symlink";
            default -> t.name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }

    private static String modeString(FileAttributes a) {
        char kind = switch (a.type()) {
            case DIRECTORY -> 'd';
            case SYMLINK -> 'l';
            case FIFO -> 'p';
            case SOCKET -> 's';
            case CHARACTER_DEVICE -> 'c';
            case BLOCK_DEVICE -> 'b';
            default -> '-';
        };
        StringBuilder sb = new StringBuilder().append(kind);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            sb.append((a.mode() & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        return sb.toString();
    }
}
