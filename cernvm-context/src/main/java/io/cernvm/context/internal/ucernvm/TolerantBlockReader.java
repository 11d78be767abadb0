package io.cernvm.context.internal.ucernvm;

import io.cernvm.context.Finding;
import io.cernvm.context.Severity;
import io.cernvm.context.ucernvm.UcernvmFindings;
import io.cernvm.context.ucernvm.UcernvmSetting;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the first {@code [ucernvm-begin]} block in a sequence of texts and reads it tolerantly:
 * CRLF and LF, markers trimmed and matched ignoring ASCII case, blank lines and {@code #}
 * comments skipped, key and value trimmed, one pair of surrounding quotes removed, a last line
 * without a newline read, a block without an end running to the end of its text.
 */
public final class TolerantBlockReader {

    /** One text to search: its part index ({@code null} for a whole document) and content. */
    public record Source(Integer part, String text) {
    }

    /** The entries of the first block, and what was noticed while reading. */
    public record Result(List<UcernvmSetting> entries, List<Finding> findings, boolean found) {
    }

    private TolerantBlockReader() {
    }

    /**
     * @param sources the texts in order
     * @param extra   whether the texts are extra user data
     * @return the first block's entries
     */
    public static Result read(List<Source> sources, boolean extra) {
        List<UcernvmSetting> entries = new ArrayList<>();
        CappedFindings findings = new CappedFindings();
        boolean found = false;
        for (Source s : sources) {
            String[] lines = s.text().split("\n", -1);
            boolean inBlock = false;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                int lineNo = i + 1;
                String t = strip(line);
                if (isMarker(t, "[ucernvm-begin]")) {
                    if (found) {
                        findings.add(new Finding(Severity.WARNING, UcernvmFindings.SECOND_BLOCK, s.part(), lineNo,
                                column(line), "a second [ucernvm-begin]; the bootloader reads only the first block",
                                "merge the blocks into one"));
                        continue;
                    }
                    found = true;
                    inBlock = true;
                    continue;
                }
                if (isMarker(t, "[ucernvm-end]")) {
                    inBlock = false;
                    continue;
                }
                if (!inBlock || t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq < 0) {
                    findings.add(new Finding(Severity.INFO, UcernvmFindings.LINE_WITHOUT_EQUALS, s.part(), lineNo,
                            column(line), "line without '=' in the [ucernvm-begin] block is ignored",
                            "write key=value"));
                    continue;
                }
                String key = strip(line.substring(0, eq));
                if (key.isEmpty()) {
                    findings.add(new Finding(Severity.WARNING, UcernvmFindings.EMPTY_KEY, s.part(), lineNo,
                            column(line), "entry without a key is ignored", "write key=value"));
                    continue;
                }
                entries.add(new UcernvmSetting(key, unquote(strip(line.substring(eq + 1))), extra, s.part(), lineNo,
                        column(line)));
            }
        }
        return new Result(List.copyOf(entries), findings.toList(), found);
    }

    /** @return whether {@code t} (already stripped) is the marker, ignoring ASCII case */
    static boolean isMarker(String t, String marker) {
        return t.length() == marker.length() && t.regionMatches(true, 0, marker, 0, marker.length())
                && t.chars().allMatch(c -> c < 0x80);
    }

    /** Strips ASCII white space and a byte order mark: what a shell or an editor leaves behind. */
    static String strip(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && (isSpace(s.charAt(b)) || s.charAt(b) == '\uFEFF')) {
            b++;
        }
        while (e > b && isSpace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(b, e);
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b;
    }

    static String unquote(String v) {
        if (v.length() >= 2) {
            char q = v.charAt(0);
            if ((q == '"' || q == '\'') && v.charAt(v.length() - 1) == q) {
                return v.substring(1, v.length() - 1);
            }
        }
        return v;
    }

    /** @return the 1-based column (in code points) of the first character that is not white space */
    static int column(String line) {
        int i = 0;
        while (i < line.length() && (isSpace(line.charAt(i)) || line.charAt(i) == '\uFEFF')) {
            i++;
        }
        return line.codePointCount(0, i) + 1;
    }
}
