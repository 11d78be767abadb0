package io.cernvm.context.amiconfig;

import io.cernvm.context.internal.amiconfig.ConfigParserReader;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The amiconfig plugins that exist, and which of them run. The names are the {@code name}
 * attributes of the plugin classes in {@code cernvm/amiconfig} ({@code rpath/amiconfig/plugins},
 * {@code cernvm/amiconfig/plugins}, {@code hepix/amiconfig/plugins}), as {@code ami.py} registers
 * them (lower-cased).
 */
public final class AmiconfigPlugins {

    /** The plugins of rPath's amiconfig. */
    public static final Set<String> RPATH = Set.of("disablesshpasswdauth", "dnsupdate", "hostname", "noip", "openvpn",
            "rootsshkeys", "sfcb-client-setup", "storage");

    /** The plugins CernVM adds. */
    public static final Set<String> CERNVM = Set.of("amildap", "appliance-agent", "cernvm", "condor", "elastiq-setup",
            "ganglia", "nss", "puppet", "squid", "tcpbuffers", "vaf-setup", "workqueue", "yp");

    /** The HEPiX plugin. */
    public static final Set<String> HEPIX = Set.of("hepix");

    /** Every plugin that exists. */
    public static final Set<String> KNOWN = union(RPATH, CERNVM, HEPIX);

    /** The plugins with a typed view in {@link AmiconfigDocument}. */
    public static final Set<String> TYPED = Set.of("cernvm", "condor", "ganglia", "workqueue", "squid", "puppet");

    private AmiconfigPlugins() {
    }

    /**
     * @param name a plugin name as written in {@code plugins=}
     * @return whether amiconfig has a plugin of that name (compared lower-cased, as {@code ami.py} does)
     */
    public static boolean exists(String name) {
        return KNOWN.contains(ConfigParserReader.lowerAscii(name));
    }

    /**
     * The plugins that run, as {@code ami.py} {@code _getEnabledPlugins} computes them without
     * {@code -f}: the image's defaults, plus the user data's {@code [amiconfig] plugins=}, minus
     * its {@code disabled_plugins=}, minus the image's black list; only plugins that exist run.
     *
     * @param document       the user data
     * @param imageEnabled   {@code /etc/amiconfig/default.cfg [general] enabled_plugins}
     * @param imageDisabled  {@code /etc/amiconfig/default.cfg [general] disabled_plugins}
     * @return the plugins that run, sorted by name (amiconfig's own order is a dictionary's); none
     *         when an {@code [AmiConfig]}-like section makes {@code getSection('amiconfig')} raise
     */
    public static List<String> enabled(AmiconfigDocument document, Set<String> imageEnabled, Set<String> imageDisabled) {
        if (document.lookupSection("amiconfig").outcome() == SectionLookup.Outcome.CASE_MISMATCH) {
            return List.of();
        }
        Set<String> on = new LinkedHashSet<>();
        imageEnabled.forEach(p -> on.add(ConfigParserReader.lowerAscii(p)));
        on.addAll(document.plugins());
        document.disabledPlugins().forEach(on::remove);
        imageDisabled.forEach(p -> on.remove(ConfigParserReader.lowerAscii(p)));
        List<String> r = new ArrayList<>();
        for (String p : on) {
            if (KNOWN.contains(p)) {
                r.add(p);
            }
        }
        r.sort(null);
        return List.copyOf(r);
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> r = new LinkedHashSet<>();
        for (Set<String> s : sets) {
            r.addAll(s);
        }
        return Set.copyOf(r);
    }
}
