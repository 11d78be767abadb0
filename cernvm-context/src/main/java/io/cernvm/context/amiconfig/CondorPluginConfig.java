package io.cernvm.context.amiconfig;

import java.util.List;

/**
 * The {@code [condor]} section as the {@code condor} plugin reads it ({@code null} = not set).
 * Serialised by its component names.
 *
 * @param condorMaster     the master host; present means this VM is a worker
 * @param condorSecret     the pool password
 * @param hostname         the host name to use
 * @param collectorName    the collector name
 * @param condorUser       the condor user (default {@code condor})
 * @param condorGroup      the condor group (default {@code condor})
 * @param condorDir        the local directory
 * @param condorAdmin      the admin e-mail
 * @param highport         the highest port (default 9700)
 * @param lowport          the lowest port (default 9600)
 * @param uidDomain        the UID domain; {@code *} trusts every domain
 * @param filesystemDomain the file system domain
 * @param allowWrite       {@code ALLOW_WRITE}
 * @param extraVars        extra configuration lines (comma-separated)
 * @param useIps           whether {@code use_ips} is exactly {@code true}, as the plugin compares it
 */
public record CondorPluginConfig(String condorMaster, String condorSecret, String hostname, String collectorName,
                                 String condorUser, String condorGroup, String condorDir, String condorAdmin,
                                 String highport, String lowport, String uidDomain, String filesystemDomain,
                                 String allowWrite, List<String> extraVars, boolean useIps) {

    /** Copies the list. */
    public CondorPluginConfig {
        extraVars = extraVars == null ? null : List.copyOf(extraVars);
    }

    static CondorPluginConfig of(AmiconfigSection s) {
        return new CondorPluginConfig(v(s, "condor_master"), v(s, "condor_secret"), v(s, "hostname"),
                v(s, "collector_name"), v(s, "condor_user"), v(s, "condor_group"), v(s, "condor_dir"),
                v(s, "condor_admin"), v(s, "highport"), v(s, "lowport"), v(s, "uid_domain"),
                v(s, "filesystem_domain"), v(s, "allow_write"),
                s.get("extra_vars").map(x -> List.of(x.split(",", -1))).orElse(null),
                "true".equals(v(s, "use_ips")));
    }

    /** @return whether this VM is a worker (a {@code condor_master} is given) rather than the master */
    public boolean configuresWorker() {
        return condorMaster != null;
    }

    private static String v(AmiconfigSection s, String k) {
        return s.get(k).orElse(null);
    }
}
