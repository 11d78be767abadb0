package io.cernvm.context.internal.ucernvm;

import io.cernvm.context.Finding;
import io.cernvm.context.Severity;
import io.cernvm.context.ucernvm.UcernvmFindings;
import io.cernvm.context.ucernvm.UcernvmKey;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Walks raw (gunzipped) user data with the real parser's state machine and reports what it would
 * silently drop or what the shell would do with its output.
 */
public final class RawBlockChecks {

    /** Whether an exact begin marker was seen, a marker problem or a second block reported. */
    public record Result(boolean beginSeen, boolean markerProblemReported, boolean secondBlockReported) {
    }

    private static final String BEGIN = "[ucernvm-begin]";
    private static final String END = "[ucernvm-end]";

    private RawBlockChecks() {
    }

    /**
     * @param data the bytes the bootloader parses
     * @param out  where findings go
     * @return what was seen
     */
    public static Result check(byte[] data, CappedFindings out) {
        boolean inBlock = false;
        boolean stopped = false;
        boolean markerProblem = false;
        boolean second = false;
        int beginLine = 0;
        int crValues = 0;
        int firstCrLine = 0;
        int start = 0;
        int lineNo = 0;
        while (start < data.length) {
            lineNo++;
            int nl = indexOf(data, (byte) '\n', start);
            boolean terminated = nl >= 0;
            int end = terminated ? nl : data.length;
            byte[] line = Arrays.copyOfRange(data, start, end);
            start = end + 1;
            String fuzzy = fuzzyMarker(line);
            boolean exactBegin = fuzzy != null && fuzzy.equals(BEGIN) && isExact(line, BEGIN);
            boolean exactEnd = fuzzy != null && fuzzy.equals(END) && isExact(line, END);
            if (stopped) {
                if (BEGIN.equals(fuzzy)) {
                    second = true;
                    out.add(finding(Severity.WARNING, UcernvmFindings.SECOND_BLOCK, lineNo, 1,
                            "[ucernvm-begin] after [ucernvm-end]: the bootloader stopped reading at the end marker",
                            "merge the blocks into one"));
                }
                continue;
            }
            if (!terminated) {
                if (exactBegin || inBlock && !exactEnd && indexOf(line, (byte) '=', 0) >= 0) {
                    out.add(finding(Severity.ERROR, UcernvmFindings.NO_TRAILING_NEWLINE, lineNo, line.length + 1,
                            "the last line has no newline; the bootloader ignores it", "end the user data with a newline"));
                    markerProblem |= exactBegin;
                }
                // an unterminated end marker is not seen, but nothing follows it either
                stopped |= exactEnd;
                break;
            }
            if (exactBegin) {
                if (beginLine > 0) {
                    second = true;
                    out.add(finding(Severity.WARNING, UcernvmFindings.SECOND_BLOCK, lineNo, 1,
                            "[ucernvm-begin] inside an open block is skipped", "close the first block with [ucernvm-end]"));
                } else {
                    beginLine = lineNo;
                }
                inBlock = true;
                continue;
            }
            if (exactEnd) {
                if (beginLine == 0 && !markerProblem) {
                    out.add(finding(Severity.ERROR, UcernvmFindings.END_BEFORE_BEGIN, lineNo, 1,
                            "[ucernvm-end] before any [ucernvm-begin]: the bootloader stops here and reads nothing",
                            "remove it or move it after the block"));
                    markerProblem = true;
                }
                stopped = true;
                continue;
            }
            if (fuzzy != null) {
                boolean cr = line.length > 0 && line[line.length - 1] == '\r'
                        && isExact(Arrays.copyOf(line, line.length - 1), fuzzy);
                out.add(finding(Severity.ERROR, cr ? UcernvmFindings.CRLF : UcernvmFindings.MARKER_NOT_EXACT, lineNo, 1,
                        cr ? fuzzy + " ends with CR (CRLF line ends); the bootloader does not see it"
                                : "'" + text(line).strip() + "' is not exactly " + fuzzy + "; the bootloader does not see it",
                        cr ? "save the user data with LF line ends" : "write the marker alone on its line, in lower case"));
                markerProblem = true;
                continue;
            }
            if (inBlock) {
                int eq = indexOf(line, (byte) '=', 0);
                if (eq < 0) {
                    continue;
                }
                byte[] key = Arrays.copyOf(line, eq);
                byte[] value = Arrays.copyOfRange(line, eq + 1, line.length);
                checkKey(key, lineNo, out);
                if (value.length > 0 && value[value.length - 1] == '\r') {
                    crValues++;
                    if (firstCrLine == 0) {
                        firstCrLine = lineNo;
                    }
                    value = Arrays.copyOf(value, value.length - 1);
                }
                checkValue(key, value, eq, line, lineNo, out);
            }
        }
        if (crValues > 0) {
            out.add(finding(Severity.WARNING, UcernvmFindings.CRLF, firstCrLine, null,
                    crValues + " value(s) end with CR (CRLF line ends); the bootloader keeps the CR in the value",
                    "save the user data with LF line ends"));
        }
        if (beginLine > 0 && !stopped) {
            out.add(finding(Severity.WARNING, UcernvmFindings.NO_END_MARKER, beginLine, 1,
                    "the block has no [ucernvm-end]; every later line with '=' becomes a bootloader variable",
                    "close the block with [ucernvm-end]"));
        }
        return new Result(beginLine > 0, markerProblem, second);
    }

    private static void checkKey(byte[] key, int lineNo, CappedFindings out) {
        String k = text(key);
        if (!k.isEmpty() && (isBlank(key[0]) || isBlank(key[key.length - 1]))) {
            out.add(finding(Severity.ERROR, UcernvmFindings.SPACE_AROUND_KEY, lineNo, 1,
                    "blank around key '" + SettingsTyper.shorten(k.strip()) + "': the shell runs a command instead of"
                            + " setting the variable", "write key=value without blanks around the key"));
        } else if (k.startsWith("#")) {
            out.add(finding(Severity.WARNING, UcernvmFindings.COMMENT, lineNo, 1,
                    "comments are not supported in the block; this becomes a junk shell line",
                    "remove the line or move it out of the block"));
        } else if (!k.chars().allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '_'))) {
            // an empty key still makes the valid assignment _UCONTEXT_=value
            out.add(finding(Severity.ERROR, UcernvmFindings.INVALID_KEY, lineNo, 1,
                    "key '" + SettingsTyper.shorten(k) + "' is not a shell variable name; the output line is not an"
                            + " assignment", "use letters, digits and _ only"));
        }
    }

    private static void checkValue(byte[] key, byte[] value, int eq, byte[] line, int lineNo, CappedFindings out) {
        ShellWord.Problem p = ShellWord.check(value);
        if (p != null) {
            out.add(finding(Severity.ERROR, UcernvmFindings.SHELL_UNSAFE_VALUE, lineNo,
                    column(line, eq + 1 + p.offset()), p.what(),
                    "put the value in double quotes, e.g. key=\"a;b\", and avoid $ and backticks"));
            return;
        }
        var known = UcernvmKey.of(text(key).strip());
        if (known.isPresent() && isSwitch(known.get()) && value.length >= 2
                && (value[0] == '"' || value[0] == '\'') && value[value.length - 1] == value[0]) {
            String inner = text(Arrays.copyOfRange(value, 1, value.length - 1)).toLowerCase(Locale.ROOT);
            if (SettingsTyper.bool(inner) != null && !inner.equals("1") && !inner.equals("0")) {
                out.add(finding(Severity.WARNING, UcernvmFindings.QUOTED_SWITCH, lineNo, column(line, eq + 1),
                        "quoted '" + inner + "' is not turned into 1/0 by the bootloader, so " + known.get().spelling()
                                + " does not take effect as meant", "write it without quotes"));
            }
        }
    }

    private static boolean isSwitch(UcernvmKey k) {
        return k == UcernvmKey.RESIZE_ROOTFS || k == UcernvmKey.USE_BOOTHD || k == UcernvmKey.USEGLIDEINWMS
                || k == UcernvmKey.CVM_CLUSTER_MASTER;
    }

    /** @return the marker {@code line} names once blanks are trimmed and case ignored, or {@code null} */
    private static String fuzzyMarker(byte[] line) {
        if (line.length > 64) {
            return null;
        }
        String t = TolerantBlockReader.strip(text(line));
        if (TolerantBlockReader.isMarker(t, BEGIN)) {
            return BEGIN;
        }
        if (TolerantBlockReader.isMarker(t, END)) {
            return END;
        }
        return null;
    }

    private static boolean isExact(byte[] line, String marker) {
        return Arrays.equals(line, marker.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    private static int column(byte[] line, int byteOffset) {
        String s = text(Arrays.copyOf(line, Math.min(byteOffset, line.length)));
        return s.codePointCount(0, s.length()) + 1;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] b, byte x, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static Finding finding(Severity s, String code, int line, Integer column, String message, String hint) {
        return new Finding(s, code, null, line, column, message, hint);
    }
}
