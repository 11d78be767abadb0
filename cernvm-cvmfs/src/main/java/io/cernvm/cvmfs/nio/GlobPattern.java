package io.cernvm.cvmfs.nio;

import java.util.regex.PatternSyntaxException;

/**
 * The glob syntax of {@link java.nio.file.FileSystem#getPathMatcher} as a regular expression:
 * {@code *} within a name, {@code **} across names, {@code ?} one character of a name,
 * {@code [abc]}, {@code [a-z]}, {@code [!a]}, {@code {a,b}} (not nested), {@code \} escaping.
 */
final class GlobPattern {

    private static final String META = "\\^$.|?*+()[]{}";

    private GlobPattern() {
    }

    /**
     * @param glob a glob
     * @return the equivalent regular expression
     * @throws PatternSyntaxException when the glob is malformed
     */
    static String toRegex(String glob) {
        StringBuilder re = new StringBuilder("^");
        boolean inGroup = false;
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            switch (c) {
                case '\\' -> {
                    if (i == glob.length()) {
                        throw new PatternSyntaxException("no character to escape", glob, i - 1);
                    }
                    quote(re, glob.charAt(i++));
                }
                case '*' -> {
                    if (i < glob.length() && glob.charAt(i) == '*') {
                        re.append(".*");
                        i++;
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> re.append("[^/]");
                case '[' -> i = bracket(glob, i, re);
                case '{' -> {
                    if (inGroup) {
                        throw new PatternSyntaxException("nested groups are not supported", glob, i - 1);
                    }
                    re.append("(?:");
                    inGroup = true;
                }
                case '}' -> {
                    if (inGroup) {
                        re.append(')');
                        inGroup = false;
                    } else {
                        quote(re, c);
                    }
                }
                case ',' -> re.append(inGroup ? "|" : ",");
                default -> quote(re, c);
            }
        }
        if (inGroup) {
            throw new PatternSyntaxException("unterminated group", glob, glob.length());
        }
        return re.append('$').toString();
    }

    /** Translates a bracket expression starting after its {@code [}; returns the index after its {@code ]}. */
    private static int bracket(String glob, int start, StringBuilder re) {
        int i = start;
        re.append("[[^/]&&[");
        if (i < glob.length() && glob.charAt(i) == '!') {
            re.append('^');
            i++;
        } else if (i < glob.length() && glob.charAt(i) == '^') {
            re.append("\\^");
            i++;
        }
        boolean first = true;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            if (c == ']' && !first) {
                re.append("]]");
                return i;
            }
            if (c == '/') {
                throw new PatternSyntaxException("'/' in a bracket expression", glob, i - 1);
            }
            if (c == '-' && !first && i < glob.length() && glob.charAt(i) != ']') {
                re.append('-');
            } else if (c == '\\' || c == '[' || c == '&' || c == ']' || c == '^' || c == '-') {
                re.append('\\').append(c);
            } else {
                re.append(c);
            }
            first = false;
        }
        throw new PatternSyntaxException("unterminated bracket expression", glob, start - 1);
    }

    private static void quote(StringBuilder re, char c) {
        if (META.indexOf(c) >= 0) {
            re.append('\\');
        }
        re.append(c);
    }
}
