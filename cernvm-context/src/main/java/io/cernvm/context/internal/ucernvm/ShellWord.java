package io.cernvm.context.internal.ucernvm;

/**
 * What a POSIX shell does with the value part of {@code _UCONTEXT_KEY=value} when the bootloader
 * sources its output: the first thing that makes it more than a plain assignment.
 */
public final class ShellWord {

    /** A problem and the 0-based byte offset in the value where it starts. */
    public record Problem(String what, int offset) {
    }

    private ShellWord() {
    }

    /** @return the first problem in {@code value}, or {@code null} when the shell assigns it verbatim */
    public static Problem check(byte[] value) {
        int quote = 0;
        int quoteAt = -1;
        for (int i = 0; i < value.length; i++) {
            int c = value[i] & 0xff;
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                }
                continue;
            }
            if (c == '\\') {
                if (i + 1 == value.length) {
                    return new Problem("a trailing backslash joins the next line to this value", i);
                }
                i++;
                continue;
            }
            if (c == '`') {
                return new Problem("a backtick runs a command as root", i);
            }
            if (c == '$' && i + 1 < value.length && expands(value[i + 1] & 0xff)) {
                return new Problem(value[i + 1] == '(' ? "$( runs a command as root" : "$ expands a variable", i);
            }
            if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                quoteAt = i;
            } else if (c == ' ' || c == '\t') {
                return new Problem("unquoted white space makes the rest of the line a command", i);
            } else if (";|&<>()".indexOf(c) >= 0) {
                return new Problem("unquoted '" + (char) c + "' ends the assignment and runs the rest as a command", i);
            }
        }
        if (quote != 0) {
            return new Problem("an unclosed " + (char) quote + " makes the shell read on into the next lines", quoteAt);
        }
        return null;
    }

    private static boolean expands(int c) {
        return c == '{' || c == '(' || c == '_' || Character.isLetterOrDigit(c) && c < 0x80 || "@*#?$!-".indexOf(c) >= 0;
    }
}
