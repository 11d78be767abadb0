package io.cernvm.context.amiconfig;

import io.cernvm.api.UserDataPart;
import io.cernvm.context.Finding;
import io.cernvm.context.internal.amiconfig.ConfigParserReader;
import io.cernvm.context.internal.amiconfig.ScriptReader;
import io.cernvm.context.internal.ucernvm.BusyboxGunzip;
import io.cernvm.context.ucernvm.GunzipOutcome;
import io.cernvm.context.ucernvm.UcernvmBlock;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * User data as amiconfig reads it ({@code cernvm/amiconfig}: {@code rpath/amiconfig/userdata.py},
 * {@code ami.py}, {@code hepix/commands/amiconfig.sh}): INI only from the first section header
 * on, only header lines and options starting in column 0 (text before the first section and
 * continuation lines are lost), option names lower-cased, the {@code [amiconfig]} plugin lists,
 * a leading {@code #!} script, typed views of the CernVM plugin sections and raw sections for the
 * rest. Nothing here throws on content: what amiconfig would lose or choke on is a finding
 * ({@link AmiconfigFindings}). Serialised by its component names.
 *
 * @param script          the leading script, or {@code null}
 * @param sections        every section in order of first appearance ({@code [DEFAULT]} excluded)
 * @param defaults        the options of {@code [DEFAULT]}, which {@code getSection} does not return
 * @param plugins         {@code [amiconfig] plugins=}, split at white space, lower-cased
 * @param disabledPlugins {@code [amiconfig] disabled_plugins=}, likewise
 * @param cernvm          the {@code [cernvm]} view, or {@code null} when the plugin would see no section
 * @param condor          the {@code [condor]} view, or {@code null}
 * @param ganglia         the {@code [ganglia]} view, or {@code null}
 * @param workqueue       the {@code [workqueue]} view, or {@code null}
 * @param squid           the {@code [squid]} view, or {@code null}
 * @param puppet          the {@code [puppet]} view, or {@code null}
 * @param findings        what amiconfig would lose, skip or fail on
 */
public record AmiconfigDocument(AmiconfigScript script, List<AmiconfigSection> sections, Map<String, String> defaults,
                                List<String> plugins, List<String> disabledPlugins, CernvmPluginConfig cernvm,
                                CondorPluginConfig condor, GangliaPluginConfig ganglia, WorkqueuePluginConfig workqueue,
                                SquidPluginConfig squid, PuppetPluginConfig puppet, List<Finding> findings) {

    /** Copies the collections. */
    public AmiconfigDocument {
        sections = List.copyOf(sections);
        defaults = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(defaults, "defaults")));
        plugins = List.copyOf(plugins);
        disabledPlugins = List.copyOf(disabledPlugins);
        findings = List.copyOf(findings);
    }

    /**
     * Reads user data as amiconfig does: gunzipped when it is gzip, then as UTF-8 (invalid bytes
     * replaced; amiconfig's Python 2 treats bytes, and every rule it applies is ASCII).
     *
     * @param userData the user data
     * @return the document; findings carry no part
     * @throws io.cernvm.api.UserDataException when gzip data expands beyond {@link UcernvmBlock#DEFAULT_MAX_BYTES}
     */
    public static AmiconfigDocument parse(byte[] userData) {
        return parse(text(userData), null);
    }

    /**
     * Reads user data with extra user data appended as {@code amiconfig.sh}
     * ({@code RetrieveUserDataInjected}) appends it: the user data gunzipped, then the extra
     * bytes with nothing in between, so a user data without a final newline glues its last line
     * to the first extra line ({@code AMICONFIG_EXTRA_JOINS_LINE}). Without user data the extra
     * data follows one empty line.
     *
     * @param userData      the user data, or {@code null} when there is none
     * @param extraUserData {@code /cernvm/extra-user-data}
     * @return the document of the concatenation; findings carry no part
     * @throws io.cernvm.api.UserDataException when gzip data expands beyond {@link UcernvmBlock#DEFAULT_MAX_BYTES}
     */
    public static AmiconfigDocument parse(byte[] userData, byte[] extraUserData) {
        Objects.requireNonNull(extraUserData, "extraUserData");
        String user = userData == null ? "\n" : text(userData);
        String extra = new String(extraUserData, StandardCharsets.UTF_8);
        AmiconfigDocument d = parse(user + extra, null);
        if (user.isEmpty() || user.endsWith("\n") || extra.isEmpty()) {
            return d;
        }
        int line = (int) user.chars().filter(c -> c == '\n').count() + 1;
        List<Finding> f = new ArrayList<>(d.findings());
        f.add(new Finding(io.cernvm.context.Severity.WARNING, AmiconfigFindings.EXTRA_JOINS_LINE, null, line, null,
                "the user data does not end with a newline; amiconfig.sh appends the extra user data right after it,"
                        + " joining two lines", "end the user data with a newline"));
        return new AmiconfigDocument(d.script(), d.sections(), d.defaults(), d.plugins(), d.disabledPlugins(),
                d.cernvm(), d.condor(), d.ganglia(), d.workqueue(), d.squid(), d.puppet(), f);
    }

    /**
     * @param text the user data as text
     * @return the document; findings carry no part
     */
    public static AmiconfigDocument parse(String text) {
        return parse(text, null);
    }

    /**
     * Reads one decoded part (amiconfig itself never decodes MIME; this is for a part that holds
     * amiconfig INI).
     *
     * @param part the part
     * @return the document; findings name the part
     */
    public static AmiconfigDocument parse(UserDataPart part) {
        return parse(part.text(), part.index());
    }

    private static AmiconfigDocument parse(String text, Integer part) {
        ConfigParserReader.Result r = ConfigParserReader.read(text);
        ScriptReader.Script s = ScriptReader.read(text);
        AmiconfigScript script = s == null ? null
                : new AmiconfigScript(s.line(), s.lines(), s.endsWithExit(), s.shell(), s.runsBefore(), s.runsAfter());
        List<AmiconfigSection> sections = new ArrayList<>();
        for (ConfigParserReader.Section sec : r.sections()) {
            List<AmiconfigOption> opts = new ArrayList<>();
            sec.options().values().forEach(o -> opts.add(new AmiconfigOption(o.name(), o.value(), o.line())));
            sections.add(new AmiconfigSection(sec.name(), sec.line(), opts));
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        r.defaults().values().forEach(o -> defaults.put(o.name(), o.value()));
        List<Finding> findings = new ArrayList<>();
        SectionLookup amiconfig = lookup(sections, "amiconfig");
        List<String> plugins = words(amiconfig, "plugins");
        List<String> disabled = words(amiconfig, "disabled_plugins");
        CernvmPluginConfig cernvm = found(sections, "cernvm").map(x -> CernvmPluginConfig.of(x, part, findings))
                .orElse(null);
        AmiconfigDocument provisional = new AmiconfigDocument(script, sections, defaults, plugins, disabled, cernvm,
                found(sections, "condor").map(CondorPluginConfig::of).orElse(null),
                found(sections, "ganglia").map(GangliaPluginConfig::of).orElse(null),
                found(sections, "workqueue").map(WorkqueuePluginConfig::of).orElse(null),
                found(sections, "squid").map(SquidPluginConfig::of).orElse(null),
                found(sections, "puppet").map(PuppetPluginConfig::of).orElse(null), List.of());
        List<Finding> all = new ArrayList<>(AmiconfigFindings.structural(provisional, r, part));
        all.addAll(findings);
        return new AmiconfigDocument(script, sections, defaults, plugins, disabled, provisional.cernvm(),
                provisional.condor(), provisional.ganglia(), provisional.workqueue(), provisional.squid(),
                provisional.puppet(), all);
    }

    /**
     * Looks a section up as {@code UserData.getSection(name)} does.
     *
     * @param name the name a plugin asks for
     * @return found, absent, or a case mismatch (a {@code KeyError} in amiconfig)
     */
    public SectionLookup lookupSection(String name) {
        return lookup(sections, name);
    }

    /**
     * @param name the exact section name
     * @return the section of exactly that name
     */
    public Optional<AmiconfigSection> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** @return the sections that have no typed view, in order */
    public List<AmiconfigSection> otherSections() {
        return sections.stream().filter(s -> !AmiconfigPlugins.TYPED.contains(s.name())).toList();
    }

    static SectionLookup lookup(List<AmiconfigSection> sections, String name) {
        String lower = ConfigParserReader.lowerAscii(name);
        boolean any = false;
        for (AmiconfigSection s : sections) {
            if (s.name().equals(name)) {
                return new SectionLookup(SectionLookup.Outcome.FOUND, s);
            }
            any |= ConfigParserReader.lowerAscii(s.name()).equals(lower);
        }
        return new SectionLookup(any ? SectionLookup.Outcome.CASE_MISMATCH : SectionLookup.Outcome.ABSENT, null);
    }

    private static Optional<AmiconfigSection> found(List<AmiconfigSection> sections, String name) {
        return Optional.ofNullable(lookup(sections, name).section());
    }

    private static List<String> words(SectionLookup amiconfig, String option) {
        if (amiconfig.section() == null) {
            return List.of();
        }
        return amiconfig.section().get(option).map(v -> {
            List<String> r = new ArrayList<>();
            // Python's str.split() with no argument: runs of ASCII white space
            for (String w : v.split("[ \t\n\r\u000b\f]+")) {
                if (!w.isEmpty()) {
                    r.add(ConfigParserReader.lowerAscii(w));
                }
            }
            return List.copyOf(r);
        }).orElse(List.of());
    }

    private static String text(byte[] userData) {
        BusyboxGunzip.Result gz = BusyboxGunzip.gunzip(userData, UcernvmBlock.DEFAULT_MAX_BYTES);
        byte[] b = gz.outcome() == GunzipOutcome.DECOMPRESSED && gz.bytes().length > 0 ? gz.bytes() : userData;
        return new String(b, StandardCharsets.UTF_8);
    }
}
