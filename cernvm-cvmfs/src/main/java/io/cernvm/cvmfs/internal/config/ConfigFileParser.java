package io.cernvm.cvmfs.internal.config;

import io.cernvm.api.ConfigurationException;
import io.cernvm.api.FaultLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a client configuration file without running a shell. Upstream's FUSE client feeds each
 * file to {@code /bin/sh} ({@code options.cc}); libcvmfs's {@code SimpleOptionsParser} splits on
 * {@code =} and strips quotes. This parser sits between: per line, optional {@code export},
 * {@code readonly} or {@code eval}, then one or more {@code NAME=value} words; values follow the
 * shell's quoting (single quotes literal, double quotes with {@code \} escapes, backslashes
 * outside quotes) and expand {@code $NAME}, {@code ${NAME}} and {@code ${NAME:-default}} from
 * earlier assignments and the supplied environment (unset: empty). A {@code #} starting a word
 * begins a comment. What it cannot do without a shell is reported, never run: lines that are not
 * assignments ({@code if}, {@code fi}, commands) and command or arithmetic substitution
 * ({@code $(…)}, backquotes) give warnings, and the text is kept literally.
 */
public final class ConfigFileParser {

    /** Files larger than this are refused. */
    public static final int MAX_BYTES = 1 << 20;

    /**
     * One assignment.
     *
     * @param key      the parameter name
     * @param value    the value after quote removal and expansion
     * @param line     1-based line
     * @param readonly whether it was declared {@code readonly}
     */
    public record Assignment(String key, String value, int line, boolean readonly) {
    }

    /**
     * A construct kept or skipped because it needs a shell.
     *
     * @param line    1-based line
     * @param message what was not understood
     */
    public record Note(int line, String message) {
    }

    /**
     * What a file holds.
     *
     * @param assignments in file order
     * @param notes       what was skipped or kept literally
     */
    public record Result(List<Assignment> assignments, List<Note> notes) {
        /** Copies the lists. */
        public Result {
            assignments = List.copyOf(assignments);
            notes = List.copyOf(notes);
        }
    }

    private final String source;
    private final String text;
    private final Function<String, String> outer;
    private final Map<String, String> local = new HashMap<>();
    private final List<Assignment> assignments = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();
    private int pos;
    private int line = 1;

    private ConfigFileParser(String source, String text, Function<String, String> variables) {
        this.source = source;
        this.text = text;
        this.outer = variables;
    }

    /**
     * @param source    the file name, for messages
     * @param text      the file's content
     * @param variables values of variables set before this file (return {@code null} for unset)
     * @return the assignments and notes
     * @throws ConfigurationException for an unterminated quote or brace, naming file and line,
     *                                or a file larger than {@link #MAX_BYTES}
     */
    public static Result parse(String source, String text, Function<String, String> variables) {
        if (text.length() > MAX_BYTES) {
            throw new ConfigurationException("configuration file larger than " + MAX_BYTES + " bytes",
                    FaultLocation.atKey(null, source, null));
        }
        ConfigFileParser p = new ConfigFileParser(source, text, variables);
        p.run();
        return new Result(p.assignments, p.notes);
    }

    private void run() {
        while (pos < text.length()) {
            statement();
        }
    }

    /** One logical line (or up to a {@code ;}). */
    private void statement() {
        skipBlanks();
        if (atEnd()) {
            return;
        }
        char c = text.charAt(pos);
        if (c == '\n') {
            pos++;
            line++;
            return;
        }
        if (c == '#') {
            skipToEol();
            return;
        }
        if (c == ';') {
            pos++;
            return;
        }
        int start = pos;
        int startLine = line;
        boolean readonly = false;
        String word = peekName();
        while (word != null && (word.equals("export") || word.equals("readonly") || word.equals("eval"))
                && pos + word.length() < text.length() && isBlank(text.charAt(pos + word.length()))) {
            readonly |= word.equals("readonly");
            pos += word.length();
            skipBlanks();
            word = peekName();
        }
        boolean any = false;
        while (true) {
            String name = peekName();
            if (name == null || pos + name.length() >= text.length() || text.charAt(pos + name.length()) != '=') {
                break;
            }
            pos += name.length() + 1;
            int valueLine = line;
            String value = word();
            local.put(name, value);
            assignments.add(new Assignment(name, value, valueLine, readonly));
            any = true;
            skipBlanks();
        }
        if (atEnd() || text.charAt(pos) == '\n' || text.charAt(pos) == '#' || text.charAt(pos) == ';') {
            return;
        }
        if (!any && pos > start && restIsBareNames()) {
            skipCommand(); // "export NAME" or "readonly NAME": nothing to read
            return;
        }
        // something a shell would run: skip the rest of the command, quoted parts included
        notes.add(new Note(startLine, "shell syntax ignored (only NAME=value assignments are read): "
                + abbreviate(restOfLine())));
        skipCommand();
    }

    private String word() {
        StringBuilder out = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(pos);
            if (isBlank(c) || c == '\n' || c == ';') {
                break;
            }
            if (c == '\'') {
                int close = text.indexOf('\'', pos + 1);
                if (close < 0) {
                    throw error("unterminated single quote");
                }
                String s = text.substring(pos + 1, close);
                line += count(s, '\n');
                out.append(s);
                pos = close + 1;
            } else if (c == '"') {
                pos++;
                doubleQuoted(out);
            } else if (c == '\\') {
                if (pos + 1 < text.length()) {
                    char n = text.charAt(pos + 1);
                    if (n == '\n') {
                        line++; // line continuation
                    } else {
                        out.append(n);
                    }
                    pos += 2;
                } else {
                    pos++;
                }
            } else if (c == '$') {
                dollar(out);
            } else if (c == '`') {
                int close = text.indexOf('`', pos + 1);
                if (close < 0) {
                    throw error("unterminated backquote");
                }
                notes.add(new Note(line, "command substitution is not run; kept literally"));
                String s = text.substring(pos, close + 1);
                line += count(s, '\n');
                out.append(s);
                pos = close + 1;
            } else {
                out.append(c);
                pos++;
            }
        }
        return out.toString();
    }

    private void doubleQuoted(StringBuilder out) {
        int openLine = line;
        while (true) {
            if (atEnd()) {
                line = openLine;
                throw error("unterminated double quote");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\\' && pos + 1 < text.length()) {
                char n = text.charAt(pos + 1);
                if (n == '$' || n == '`' || n == '"' || n == '\\') {
                    out.append(n);
                } else if (n == '\n') {
                    line++;
                } else {
                    out.append(c).append(n);
                    if (n == '\n') {
                        line++;
                    }
                }
                pos += 2;
            } else if (c == '$') {
                dollar(out);
            } else {
                if (c == '\n') {
                    line++;
                }
                out.append(c);
                pos++;
            }
        }
    }

    private void dollar(StringBuilder out) {
        pos++; // the $
        if (atEnd()) {
            out.append('$');
            return;
        }
        char c = text.charAt(pos);
        if (c == '{') {
            int close = text.indexOf('}', pos);
            if (close < 0) {
                throw error("unterminated ${");
            }
            String inner = text.substring(pos + 1, close);
            pos = close + 1;
            int sep = inner.indexOf(":-");
            String name = sep < 0 ? inner : inner.substring(0, sep);
            if (!isName(name)) {
                notes.add(new Note(line, "unsupported parameter expansion ${" + abbreviate(inner) + "}; kept literally"));
                out.append("${").append(inner).append('}');
                return;
            }
            String v = lookup(name);
            out.append(v == null || v.isEmpty() ? (sep < 0 ? "" : inner.substring(sep + 2)) : v);
        } else if (c == '(') {
            int close = matchingParen(pos);
            if (close < 0) {
                throw error("unterminated $(");
            }
            notes.add(new Note(line, "command or arithmetic substitution is not run; kept literally"));
            String s = text.substring(pos - 1, close + 1);
            line += count(s, '\n');
            out.append(s);
            pos = close + 1;
        } else if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (!atEnd() && isNameChar(text.charAt(pos))) {
                pos++;
            }
            String v = lookup(text.substring(start, pos));
            out.append(v == null ? "" : v);
        } else {
            out.append('$');
        }
    }

    private int matchingParen(int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    private String lookup(String name) {
        String v = local.get(name);
        return v != null ? v : outer.apply(name);
    }

    private void skipCommand() {
        while (!atEnd()) {
            char c = text.charAt(pos);
            if (c == '\n' || c == ';') {
                return;
            }
            if (c == '#' && pos > 0 && isBlank(text.charAt(pos - 1))) {
                skipToEol();
                return;
            }
            if (c == '\'' || c == '"' || c == '`') {
                int close = text.indexOf(c, pos + 1);
                if (close < 0) {
                    throw error("unterminated quote");
                }
                line += count(text.substring(pos, close), '\n');
                pos = close + 1;
            } else {
                pos++;
            }
        }
    }

    private String peekName() {
        int i = pos;
        if (i >= text.length() || !(Character.isLetter(text.charAt(i)) && text.charAt(i) < 128 || text.charAt(i) == '_')) {
            return null;
        }
        while (i < text.length() && isNameChar(text.charAt(i))) {
            i++;
        }
        return text.substring(pos, i);
    }

    private static boolean isName(String s) {
        if (s.isEmpty() || !(s.charAt(0) == '_' || (s.charAt(0) < 128 && Character.isLetter(s.charAt(0))))) {
            return false;
        }
        return s.chars().allMatch(ch -> isNameChar((char) ch));
    }

    private static boolean isNameChar(char c) {
        return c == '_' || (c < 128 && Character.isLetterOrDigit(c));
    }

    private boolean restIsBareNames() {
        String rest = restOfLine();
        int hash = rest.indexOf(" #");
        int semi = rest.indexOf(';');
        int end = rest.length();
        if (hash >= 0) {
            end = Math.min(end, hash);
        }
        if (semi >= 0) {
            end = Math.min(end, semi);
        }
        for (String w : rest.substring(0, end).trim().split("[ \t\r]+")) {
            if (!isName(w)) {
                return false;
            }
        }
        return true;
    }

    private String restOfLine() {
        int eol = text.indexOf('\n', pos);
        return text.substring(pos, eol < 0 ? text.length() : eol);
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() > 60 ? t.substring(0, 57) + "..." : t;
    }

    private void skipToEol() {
        while (!atEnd() && text.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void skipBlanks() {
        while (!atEnd() && isBlank(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    private ConfigurationException error(String what) {
        return new ConfigurationException(what, FaultLocation.atKey(null, source, line));
    }
}
