package io.cernvm.context.amiconfig;

import java.util.List;
import java.util.Objects;

/**
 * The leading {@code #!} script of amiconfig user data, as {@code hepix/commands/amiconfig.sh}
 * runs it: from the first line matching {@code #!.*sh} to the end of the user data, so only a
 * line starting with {@code exit} keeps the shell out of the INI that follows. Serialised by its
 * component names.
 *
 * @param line         the 1-based line where what runs starts
 * @param lines        the script's lines as they run (lines of spaces only removed), up to and
 *                     including the {@code exit} line (to the end of the user data when there is none)
 * @param endsWithExit whether a line starting with {@code exit} ends it
 * @param shell        whether a line matches {@code #!.*sh}; without one nothing runs
 * @param runsBefore   whether it runs before amiconfig (a line matches {@code #!.*sh.*before})
 * @param runsAfter    whether it runs after amiconfig (a line matches {@code #!.*sh(.*after|$)})
 */
public record AmiconfigScript(int line, List<String> lines, boolean endsWithExit, boolean shell, boolean runsBefore,
                              boolean runsAfter) {

    /** Copies the lines and checks the components. */
    public AmiconfigScript {
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1: " + line);
        }
    }

    /** @return the script text, lines joined with {@code \n} */
    public String text() {
        return String.join("\n", lines);
    }
}
