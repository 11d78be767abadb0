package io.cernvm.context.internal.amiconfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * amiconfig's reading of user data: {@code rpath/amiconfig/userdata.py} {@code INIFileStub.sanitize}
 * keeps, from the first line matching {@code SECTCRE} on, only header lines and lines matching
 * {@code OPTCRE}; Python 2's {@code ConfigParser._read} then skips {@code #}/{@code ;} comments and
 * {@code rem} lines, lower-cases option names, cuts a value at a {@code ;} that follows white
 * space (only the first {@code ;} is looked at), strips it and turns {@code ""} into empty.
 * Python 2 byte strings know only ASCII white space and ASCII case, and so does this reader.
 */
public final class ConfigParserReader {

    /** One option as read, with its 1-based line. */
    public record Option(String name, String value, int line, boolean commentCut) {
    }

    /** One section in order of first appearance; a repeated header adds to it. */
    public record Section(String name, int line, Map<String, Option> options) {
    }

    /** A line the reader dropped that a user probably meant. */
    public record Dropped(int line, String text, Kind kind) {
    }

    /** Why a line was dropped. */
    public enum Kind {
        /** An option-looking line before the first section header. */
        BEFORE_FIRST_SECTION,
        /** A line starting with white space: a continuation or an indented option. */
        INDENTED,
        /** A line whose first word is {@code rem}. */
        REM
    }

    /** Sections in order, the {@code [DEFAULT]} options, the dropped lines, and the first header line. */
    public record Result(List<Section> sections, Map<String, Option> defaults, List<Dropped> dropped,
                         int firstSectionLine) {
    }

    /** {@code RawConfigParser.SECTCRE}. */
    static final Pattern SECTCRE = Pattern.compile("\\[([^\\]]+)\\]", Pattern.DOTALL);

    /** {@code RawConfigParser.OPTCRE} matched by hand (the regular expression backtracks quadratically). */
    record OptionLine(String option, char separator, String value) {

        /** @return the parts of {@code line} OPTCRE captures, or {@code null} when it does not match */
        static OptionLine of(String line) {
            if (line.isEmpty() || line.charAt(0) == ':' || line.charAt(0) == '=' || isAsciiSpace(line.charAt(0))) {
                return null;
            }
            int k = 0;
            while (k < line.length() && line.charAt(k) != ':' && line.charAt(k) != '=') {
                k++;
            }
            if (k == line.length()) {
                return null;
            }
            int v = k + 1;
            while (v < line.length() && isAsciiSpace(line.charAt(v))) {
                v++;
            }
            return new OptionLine(line.substring(0, k), line.charAt(k), line.substring(v));
        }
    }

    private ConfigParserReader() {
    }

    /** @return what amiconfig reads from {@code text} */
    public static Result read(String text) {
        String[] lines = text.split("\n", -1);
        Map<String, Section> sections = new LinkedHashMap<>();
        Map<String, Option> defaults = new LinkedHashMap<>();
        List<Dropped> dropped = new ArrayList<>();
        Map<String, Option> current = null;
        int firstSection = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lineNo = i + 1;
            Matcher header = SECTCRE.matcher(line);
            boolean isHeader = header.lookingAt();
            OptionLine opt = OptionLine.of(line);
            boolean isOption = opt != null;
            if (isHeader) {
                String name = header.group(1);
                if (firstSection == 0) {
                    firstSection = lineNo;
                }
                if (name.equals("DEFAULT")) {
                    current = defaults;
                } else {
                    current = sections.computeIfAbsent(name, n -> new Section(n, lineNo, new LinkedHashMap<>())).options();
                }
                continue;
            }
            if (current == null) {
                if (isOption && opt.separator() == '=' && line.charAt(0) != '#' && line.charAt(0) != ';') {
                    dropped.add(new Dropped(lineNo, line, Kind.BEFORE_FIRST_SECTION));
                }
                continue;
            }
            if (!isOption) {
                if (!stripAscii(line).isEmpty() && isAsciiSpace(line.charAt(0))) {
                    dropped.add(new Dropped(lineNo, line, Kind.INDENTED));
                }
                continue;
            }
            char first = line.charAt(0);
            if (first == '#' || first == ';') {
                continue;
            }
            if ((first == 'r' || first == 'R') && firstWord(line).toLowerCase(Locale.ROOT).equals("rem")) {
                dropped.add(new Dropped(lineNo, line, Kind.REM));
                continue;
            }
            String name = lowerAscii(rstripAscii(opt.option()));
            String value = opt.value();
            boolean cut = false;
            int semi = value.indexOf(';');
            // Python's optval[pos-1] with pos 0 looks at the last character
            if (semi >= 0 && isAsciiSpace(value.charAt(semi == 0 ? value.length() - 1 : semi - 1))) {
                value = value.substring(0, semi);
                cut = true;
            }
            value = stripAscii(value);
            if (value.equals("\"\"")) {
                value = "";
            }
            current.put(name, new Option(name, value, lineNo, cut));
        }
        return new Result(List.copyOf(sections.values()), defaults, List.copyOf(dropped), firstSection);
    }

    private static String firstWord(String line) {
        int b = 0;
        while (b < line.length() && isAsciiSpace(line.charAt(b))) {
            b++;
        }
        int e = b;
        while (e < line.length() && !isAsciiSpace(line.charAt(e))) {
            e++;
        }
        return line.substring(b, e);
    }

    /** Python 2 {@code str.isspace()} on one byte. */
    public static boolean isAsciiSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    /** Python 2 {@code str.strip()}. */
    public static String stripAscii(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && isAsciiSpace(s.charAt(b))) {
            b++;
        }
        while (e > b && isAsciiSpace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(b, e);
    }

    static String rstripAscii(String s) {
        int e = s.length();
        while (e > 0 && isAsciiSpace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(0, e);
    }

    /** Python 2 {@code str.lower()} in the C locale. */
    public static String lowerAscii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return b.toString();
    }
}
