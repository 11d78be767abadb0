package io.cernvm.context.internal.amiconfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The leading script as {@code amiconfig:hepix/commands/amiconfig.sh} {@code RunUserDataScript}
 * finds it: lines of spaces only are removed ({@code grep -v "^ *$"}); if the first remaining
 * line starts with {@code #!} the user data holds a script. The "before" run happens when a line
 * matches {@code #!.*sh.*before}, the "after" run when one matches {@code #!.*sh(.*after|$)};
 * either way what runs is everything from the first line matching {@code #!.*sh} to the end of
 * the user data ({@code awk '/#!.*sh/,/^$/'}: blank lines are gone, so the range never closes), and
 * only a line starting with {@code exit} keeps the shell from running the INI that follows.
 */
public final class ScriptReader {

    /** The script: 1-based line of its first line, its lines up to and including the exit line. */
    public record Script(int line, List<String> lines, boolean endsWithExit, int exitLine, boolean shell,
                         boolean runsBefore, boolean runsAfter) {
    }

    private ScriptReader() {
    }

    /** @return the script, or {@code null} when the user data does not start with {@code #!} */
    public static Script read(String text) {
        String[] lines = text.split("\n", -1);
        int first = -1;
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].chars().allMatch(c -> c == ' ')) {
                first = i;
                break;
            }
        }
        if (first < 0 || !lines[first].startsWith("#!")) {
            return null;
        }
        int start = -1;
        boolean before = false;
        boolean after = false;
        for (int i = first; i < lines.length; i++) {
            // sed and awk match anywhere in the line
            if (start < 0 && matchesShell(lines[i])) {
                start = i;
            }
            before |= matchesBefore(lines[i]);
            after |= matchesAfter(lines[i]);
        }
        int from = start < 0 ? first : start;
        List<String> body = new ArrayList<>();
        int exitLine = 0;
        for (int i = from; i < lines.length; i++) {
            if (lines[i].chars().allMatch(c -> c == ' ')) {
                continue; // gone before the script is cut out
            }
            body.add(lines[i]);
            if (i > from && lines[i].startsWith("exit")) {
                exitLine = i + 1;
                break;
            }
        }
        return new Script(from + 1, List.copyOf(body), exitLine > 0, exitLine, start >= 0, before, after);
    }

    // The sed/awk regular expressions, matched by hand: the earliest "#!" and "sh" leave the most
    // room for the rest, and a hostile line of many "#!" stays linear.

    /** {@code /#!.*sh/} */
    static boolean matchesShell(String line) {
        int i = line.indexOf("#!");
        return i >= 0 && line.indexOf("sh", i + 2) >= 0;
    }

    /** {@code /#!.*sh.*before/} */
    static boolean matchesBefore(String line) {
        int i = line.indexOf("#!");
        int j = i < 0 ? -1 : line.indexOf("sh", i + 2);
        return j >= 0 && line.indexOf("before", j + 2) >= 0;
    }

    /** GNU sed {@code /#!.*sh\(.*after\|$\)/} */
    static boolean matchesAfter(String line) {
        int i = line.indexOf("#!");
        int j = i < 0 ? -1 : line.indexOf("sh", i + 2);
        return j >= 0 && (line.indexOf("after", j + 2) >= 0 || line.endsWith("sh") && line.length() - 2 >= i + 2);
    }
}
