package io.cernvm.context.amiconfig;

import io.cernvm.context.Finding;
import io.cernvm.context.Severity;
import io.cernvm.context.internal.amiconfig.ConfigParserReader;
import io.cernvm.context.internal.ucernvm.CappedFindings;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The lint checks of amiconfig user data; {@link AmiconfigDocument#findings()} holds their
 * results. Lines are 1-based; a document read from a {@link io.cernvm.api.UserDataPart} names the
 * part. A check that fires on many lines reports the first ten and then one summary.
 *
 * <table>
 * <caption>Codes</caption>
 * <tr><th>code</th><th>severity</th><th>triggered by</th></tr>
 * <tr><td>{@code AMICONFIG_UNKNOWN_PLUGIN}</td><td>error</td><td>a name in {@code [amiconfig] plugins=}
 *   or {@code disabled_plugins=} that is no amiconfig plugin ({@link AmiconfigPlugins#KNOWN})</td></tr>
 * <tr><td>{@code AMICONFIG_PLUGINS_COMMA}</td><td>error</td><td>a comma in {@code plugins=} or
 *   {@code disabled_plugins=}: amiconfig splits at white space, so {@code cernvm,condor} is one
 *   unknown name</td></tr>
 * <tr><td>{@code AMICONFIG_TEXT_BEFORE_SECTION}</td><td>warning</td><td>a {@code key=value} line before
 *   the first section header (outside the leading script): amiconfig never reads it</td></tr>
 * <tr><td>{@code AMICONFIG_INDENTED_LINE}</td><td>warning</td><td>a line starting with white space after
 *   the first section: continuation lines and indented options are dropped</td></tr>
 * <tr><td>{@code AMICONFIG_INLINE_COMMENT}</td><td>warning</td><td>a value cut at a {@code ;} that follows
 *   a blank, e.g. {@code proxy=http://a:3128 ;DIRECT} keeps only {@code http://a:3128}</td></tr>
 * <tr><td>{@code AMICONFIG_REM_LINE}</td><td>info</td><td>an option line whose first word is
 *   {@code rem}: Python 2's ConfigParser skips it as a comment</td></tr>
 * <tr><td>{@code AMICONFIG_SCRIPT_WITHOUT_EXIT}</td><td>error</td><td>a leading {@code #!} script with no
 *   line starting {@code exit} before the INI: amiconfig.sh runs the INI lines as shell commands</td></tr>
 * <tr><td>{@code AMICONFIG_SCRIPT_NOT_RUN}</td><td>warning</td><td>a leading {@code #!} that amiconfig.sh
 *   never runs: no line matches {@code #!.*sh}, or the shebang matches neither the before nor the
 *   after pattern (e.g. a CR after {@code sh})</td></tr>
 * <tr><td>{@code AMICONFIG_SCRIPT_SECTION}</td><td>warning</td><td>a script line that amiconfig reads as
 *   a section header (e.g. {@code [ -f x ] && …}), so script lines become options</td></tr>
 * <tr><td>{@code AMICONFIG_SECTION_CASE}</td><td>error</td><td>a section named like a plugin (or
 *   {@code amiconfig}) except for case, e.g. {@code [CernVM]}: {@code getSection} raises
 *   {@code KeyError}, the plugin (for {@code [amiconfig]}: amiconfig) fails</td></tr>
 * <tr><td>{@code AMICONFIG_SECTION_SPACES}</td><td>warning</td><td>blanks inside the brackets, e.g.
 *   {@code [ cernvm ]}: the plugin does not find its section</td></tr>
 * <tr><td>{@code AMICONFIG_SECTION_NOT_ENABLED}</td><td>info</td><td>a section of an existing plugin that
 *   {@code plugins=} does not enable: it runs only if the image enables it by default</td></tr>
 * <tr><td>{@code AMICONFIG_BAD_USERS_ENTRY}</td><td>error</td><td>a {@code [cernvm] users} entry that is
 *   not {@code user:group:password}: the cernvm plugin fails</td></tr>
 * <tr><td>{@code AMICONFIG_BAD_ENVIRONMENT_ENTRY}</td><td>error</td><td>a {@code [cernvm] environment}
 *   entry without exactly one {@code =}: the cernvm plugin fails</td></tr>
 * <tr><td>{@code AMICONFIG_EXTRA_JOINS_LINE}</td><td>warning</td><td>user data without a final newline
 *   followed by extra user data ({@link AmiconfigDocument#parse(byte[], byte[])}): amiconfig.sh glues the
 *   last user-data line to the first extra line</td></tr>
 * <tr><td>{@code AMICONFIG_BAD_EXTRA_REPOSITORY}</td><td>warning</td><td>a {@code [cernvm]
 *   extra_repositories} entry that is not {@code name|server|base64key}: silently skipped</td></tr>
 * </table>
 */
public final class AmiconfigFindings {

    /** See the class table. */
    public static final String UNKNOWN_PLUGIN = "AMICONFIG_UNKNOWN_PLUGIN";
    /** See the class table. */
    public static final String PLUGINS_COMMA = "AMICONFIG_PLUGINS_COMMA";
    /** See the class table. */
    public static final String TEXT_BEFORE_SECTION = "AMICONFIG_TEXT_BEFORE_SECTION";
    /** See the class table. */
    public static final String INDENTED_LINE = "AMICONFIG_INDENTED_LINE";
    /** See the class table. */
    public static final String INLINE_COMMENT = "AMICONFIG_INLINE_COMMENT";
    /** See the class table. */
    public static final String REM_LINE = "AMICONFIG_REM_LINE";
    /** See the class table. */
    public static final String SCRIPT_WITHOUT_EXIT = "AMICONFIG_SCRIPT_WITHOUT_EXIT";
    /** See the class table. */
    public static final String SCRIPT_NOT_RUN = "AMICONFIG_SCRIPT_NOT_RUN";
    /** See the class table. */
    public static final String SCRIPT_SECTION = "AMICONFIG_SCRIPT_SECTION";
    /** See the class table. */
    public static final String SECTION_CASE = "AMICONFIG_SECTION_CASE";
    /** See the class table. */
    public static final String SECTION_SPACES = "AMICONFIG_SECTION_SPACES";
    /** See the class table. */
    public static final String SECTION_NOT_ENABLED = "AMICONFIG_SECTION_NOT_ENABLED";
    /** See the class table. */
    public static final String BAD_USERS_ENTRY = "AMICONFIG_BAD_USERS_ENTRY";
    /** See the class table. */
    public static final String BAD_ENVIRONMENT_ENTRY = "AMICONFIG_BAD_ENVIRONMENT_ENTRY";
    /** See the class table. */
    public static final String BAD_EXTRA_REPOSITORY = "AMICONFIG_BAD_EXTRA_REPOSITORY";
    /** See the class table. */
    public static final String EXTRA_JOINS_LINE = "AMICONFIG_EXTRA_JOINS_LINE";

    /** Every code in the class table. */
    public static final List<String> CODES = List.of(UNKNOWN_PLUGIN, PLUGINS_COMMA, TEXT_BEFORE_SECTION, INDENTED_LINE,
            INLINE_COMMENT, REM_LINE, SCRIPT_WITHOUT_EXIT, SCRIPT_NOT_RUN, SCRIPT_SECTION, SECTION_CASE,
            SECTION_SPACES, SECTION_NOT_ENABLED, BAD_USERS_ENTRY, BAD_ENVIRONMENT_ENTRY, BAD_EXTRA_REPOSITORY,
            EXTRA_JOINS_LINE);

    private AmiconfigFindings() {
    }

    /** The checks on the document's structure, in line order per check. */
    static List<Finding> structural(AmiconfigDocument d, ConfigParserReader.Result r, Integer part) {
        Sink out = new Sink(part);
        AmiconfigScript script = d.script();
        int scriptEnd = script == null ? 0 : script.line() + script.lines().size() - 1;
        if (script != null) {
            checkScript(script, r, out);
        }
        for (ConfigParserReader.Dropped x : r.dropped()) {
            switch (x.kind()) {
                case BEFORE_FIRST_SECTION -> {
                    if (script == null || x.line() < script.line() || x.line() > scriptEnd) {
                        out.add(Severity.WARNING, TEXT_BEFORE_SECTION, x.line(), 1,
                                "text before the first [section] is never read by amiconfig",
                                "move it into a section, or start the INI earlier");
                    }
                }
                case INDENTED -> out.add(Severity.WARNING, INDENTED_LINE, x.line(), 1,
                        "indented line dropped: amiconfig keeps only lines starting in column 1 (no continuations)",
                        "write the whole value on the option's line");
                case REM -> out.add(Severity.INFO, REM_LINE, x.line(), 1,
                        "a line starting with the word 'rem' is skipped as a comment", "rename the option");
                default -> throw new IllegalStateException(x.kind().name());
            }
        }
        for (ConfigParserReader.Section s : r.sections()) {
            for (ConfigParserReader.Option o : s.options().values()) {
                if (o.commentCut()) {
                    out.add(Severity.WARNING, INLINE_COMMENT, o.line(), null, "value of " + o.name()
                            + " cut at ' ;' (ConfigParser reads the rest as a comment)", "remove the blank before ';'");
                }
            }
        }
        checkPlugins(d, out);
        checkSectionNames(d, script, scriptEnd, out);
        return out.findings();
    }

    private static void checkScript(AmiconfigScript script, ConfigParserReader.Result r, Sink out) {
        String shebang = script.lines().get(0);
        if (!script.shell() || !script.runsBefore() && !script.runsAfter()) {
            out.add(Severity.WARNING, SCRIPT_NOT_RUN, script.line(), 1,
                    "amiconfig.sh never runs this script" + (shebang.endsWith("\r") ? " (the shebang ends with CR)" : ""),
                    "start it with #!/bin/sh (after amiconfig) or #!/bin/sh.before");
        } else if (!script.endsWithExit() && r.firstSectionLine() > script.line()) {
            out.add(Severity.ERROR, SCRIPT_WITHOUT_EXIT, script.line(), 1,
                    "the script has no line starting with 'exit'; amiconfig.sh runs the INI after it as shell commands",
                    "end the script with a line 'exit 0'");
        }
    }

    private static void checkPlugins(AmiconfigDocument d, Sink out) {
        AmiconfigSection ami = d.lookupSection("amiconfig").section();
        if (ami == null) {
            return;
        }
        for (String option : List.of("plugins", "disabled_plugins")) {
            var opt = ami.find(option);
            if (opt.isEmpty()) {
                continue;
            }
            List<String> names = option.equals("plugins") ? d.plugins() : d.disabledPlugins();
            for (String n : names) {
                if (n.contains(",")) {
                    out.add(Severity.ERROR, PLUGINS_COMMA, opt.get().line(), null,
                            option + " names '" + shorten(n) + "': amiconfig splits at white space, not commas",
                            "separate plugin names with spaces");
                } else if (!AmiconfigPlugins.KNOWN.contains(n)) {
                    out.add(Severity.ERROR, UNKNOWN_PLUGIN, opt.get().line(), null,
                            "no amiconfig plugin is called '" + shorten(n) + "'", () -> suggestion(n));
                }
            }
        }
    }

    private static void checkSectionNames(AmiconfigDocument d, AmiconfigScript script, int scriptEnd, Sink out) {
        Set<String> names = new TreeSet<>(AmiconfigPlugins.KNOWN);
        names.add("amiconfig");
        Map<String, Boolean> reported = new HashMap<>();
        for (AmiconfigSection s : d.sections()) {
            if (script != null && s.line() >= script.line() && s.line() <= scriptEnd) {
                out.add(Severity.WARNING, SCRIPT_SECTION, s.line(), 1, "amiconfig reads this script line as the"
                        + " section [" + shorten(s.name()) + "]", "end the script with an 'exit' line before it");
            }
            String lower = ConfigParserReader.lowerAscii(s.name());
            String stripped = ConfigParserReader.stripAscii(lower);
            if (names.contains(lower) && !s.name().equals(lower) && d.section(lower).isEmpty()
                    && reported.putIfAbsent(lower, true) == null) {
                out.add(Severity.ERROR, SECTION_CASE, s.line(), 1, "[" + s.name() + "] differs from [" + lower
                        + "] only in case; amiconfig's getSection raises KeyError and "
                        + (lower.equals("amiconfig") ? "amiconfig fails" : "the " + lower + " plugin fails"),
                        "write [" + lower + "]");
            } else if (!stripped.equals(lower) && names.contains(stripped) && d.section(stripped).isEmpty()) {
                out.add(Severity.WARNING, SECTION_SPACES, s.line(), 1, "[" + s.name() + "] has blanks inside the"
                        + " brackets; the " + stripped + " plugin does not find it", "write [" + stripped + "]");
            } else if (AmiconfigPlugins.KNOWN.contains(s.name()) && !d.plugins().contains(s.name())) {
                out.add(Severity.INFO, SECTION_NOT_ENABLED, s.line(), 1, "[" + s.name() + "] is present but plugins="
                        + " does not enable " + s.name(), "add it to [amiconfig] plugins= unless the image enables it");
            }
        }
    }

    private static String suggestion(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : new TreeSet<>(AmiconfigPlugins.KNOWN)) {
            int dd = distance(name, k);
            if (dd < bestDistance) {
                bestDistance = dd;
                best = k;
            }
        }
        return best != null && bestDistance <= 2 ? "did you mean " + best + "?"
                : "known plugins: " + String.join(" ", new TreeSet<>(AmiconfigPlugins.KNOWN));
    }

    private static int distance(String a, String b) {
        return io.cernvm.context.internal.text.EditDistance.between(a, b, 3);
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** Collects findings with their part, capped per code. */
    private static final class Sink {
        private final Integer part;
        private final CappedFindings findings = new CappedFindings();

        Sink(Integer part) {
            this.part = part;
        }

        void add(Severity s, String code, int line, Integer column, String message, String hint) {
            findings.add(code, () -> new Finding(s, code, part, line, column, message, hint));
        }

        void add(Severity s, String code, int line, Integer column, String message, Supplier<String> hint) {
            findings.add(code, () -> new Finding(s, code, part, line, column, message, hint.get()));
        }

        List<Finding> findings() {
            return findings.toList();
        }
    }
}
