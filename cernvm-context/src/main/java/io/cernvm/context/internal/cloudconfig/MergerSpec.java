package io.cernvm.context.internal.cloudconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One merger named in a merge specification, with its options as cloud-init holds them: the
 * string form gives a list of lower-cased words; the YAML list form gives whatever the YAML
 * held (a list, or a string, in which case Python's {@code in} tests substrings).
 *
 * @param name    the merger name as written ({@code dict}, {@code list}, {@code str}, with or
 *                without the {@code m_} prefix); for the YAML form any value
 * @param options the options
 */
public record MergerSpec(Object name, Object options) {
    // mergers/__init__.py NAME_MTCH; Python's '.' is any character but \n
    private static final Pattern NAME_MTCH = Pattern.compile("^([a-zA-Z_][A-Za-z0-9_]*)\\(([^\\n]*?)\\)\\z");

    /** cloud-init's {@code mergers.DEF_MERGE_TYPE}. */
    public static final String LIBRARY_DEFAULT = "list()+dict()+str()";

    /** The cloud-config handler's {@code DEF_MERGERS}: later parts replace earlier keys. */
    public static final List<MergerSpec> HANDLER_DEFAULT = parse("dict(replace)+list()+str()");

    /**
     * {@code mergers.string_extract_mergers}: {@code name(opt,opt)+name(…)}, case-insensitive,
     * {@code -} read as {@code _}.
     *
     * @throws MergeFailure a {@code ValueError} for a term not in that form
     */
    public static List<MergerSpec> parse(String mergeHow) {
        List<MergerSpec> specs = new ArrayList<>();
        for (String term : mergeHow.split("\\+", -1)) {
            String name = PyOps.strip(term.toLowerCase(Locale.ROOT)).replace('-', '_');
            if (name.isEmpty()) {
                continue;
            }
            Matcher m = NAME_MTCH.matcher(name);
            if (!m.matches()) {
                throw new MergeFailure("ValueError: Matcher identifer '" + name + "' is not in the right format");
            }
            List<Object> opts = new ArrayList<>();
            for (String o : PyOps.strip(m.group(2)).split(",", -1)) {
                if (!PyOps.strip(o).isEmpty()) {
                    opts.add(PyOps.strip(o).toLowerCase(Locale.ROOT));
                }
            }
            specs.add(new MergerSpec(m.group(1), List.copyOf(opts)));
        }
        return List.copyOf(specs);
    }

    /**
     * {@code mergers.dict_extract_mergers} for a non-null {@code merge_how} / {@code merge_type}
     * value: a string in the string form, else an iterable of {@code {name, settings}} mappings
     * or of sequences {@code [name, option…]}.
     *
     * @throws MergeFailure for what Python would raise on it
     */
    public static List<MergerSpec> fromYaml(Object raw) {
        if (raw instanceof String s) {
            return parse(s);
        }
        List<MergerSpec> specs = new ArrayList<>();
        for (Object m : PyOps.iterate(raw)) {
            Object name;
            Object opts;
            if (m instanceof PyDict d) {
                Object n = required(d, "name");
                if (!(n instanceof String ns)) {
                    throw new MergeFailure("AttributeError: '" + PyTypes.name(n)
                            + "' object has no attribute 'replace'");
                }
                name = PyOps.strip(ns.replace('-', '_'));
                opts = required(d, "settings");
            } else {
                name = PyOps.index(m, 0);
                opts = PyOps.len(m) >= 2 ? PyOps.sliceFrom(m, 1) : List.of();
            }
            if (PyOps.truthy(name)) {
                specs.add(new MergerSpec(name, opts));
            }
        }
        return specs;
    }

    private static Object required(PyDict d, String key) {
        PyKey k = PyKey.of(key);
        if (!d.containsPyKey(k)) {
            throw new MergeFailure("KeyError: '" + key + "'");
        }
        return d.getPy(k);
    }

    /** @return the merger module this names ({@code dict}, {@code list} or {@code str}) */
    String kind() {
        if (!(name instanceof String n)) {
            throw new MergeFailure("AttributeError: '" + PyTypes.name(name) + "' object has no attribute 'startswith'");
        }
        String module = n.startsWith("m_") ? n : "m_" + n;
        return switch (module) {
            case "m_dict" -> "dict";
            case "m_list" -> "list";
            case "m_str" -> "str";
            default -> throw new MergeFailure("ImportError: Could not find merger module named '" + module
                    + "' with attribute 'Merger'");
        };
    }
}
