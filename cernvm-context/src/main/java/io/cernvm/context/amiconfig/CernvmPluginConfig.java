package io.cernvm.context.amiconfig;

import io.cernvm.context.Finding;
import io.cernvm.context.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code [cernvm]} section as the {@code cernvm} plugin ({@code cernvm/amiconfig/plugins/cernvm.py})
 * reads it; {@code null} means not set. The list options are split as the plugin splits them;
 * entries the plugin would choke on ({@code users} not {@code u:g:pw}, {@code environment} not
 * {@code K=V}) or skip ({@code extra_repositories} not {@code name|server|key}) are left out and
 * reported. Serialised by its component names.
 *
 * @param users                    {@code users}, {@code user:group:password,…}
 * @param shell                    {@code shell} (default {@code /bin/bash})
 * @param autoLogin                {@code auto_login} (default {@code off})
 * @param organisations            {@code organisations}, comma-separated
 * @param repositories             {@code repositories}, comma-separated
 * @param extraRepositories        {@code extra_repositories}
 * @param proxy                    {@code proxy}, written to {@code CVMFS_HTTP_PROXY}
 * @param services                 {@code services}, comma-separated
 * @param environment              {@code environment}, {@code K=V,…}
 * @param contextualizationCommand {@code contextualization_command}, {@code user:command}
 * @param contextualizationKey     {@code contextualization_key}, {@code <context id>[:<secret>]}
 * @param edition                  {@code edition}; {@code Desktop} switches to runlevel 5
 * @param screenRes                {@code screenRes}
 * @param startXdm                 {@code startXDM}
 * @param keyboard                 {@code keyboard}
 * @param desktopIcons             {@code desktop_icons}
 * @param swapSize                 {@code swap_size}: a size such as {@code 2g}, or {@code auto} (2G per core)
 * @param groupProfile             {@code group_profile}
 * @param entitlementKey           {@code entitlement_key}
 * @param gridUiVersion            {@code gridUiVersion}
 * @param x509User                 {@code x509-user}
 * @param x509Cert                 {@code x509-cert}, base64
 * @param x509CertFile             {@code x509-cert-file}
 * @param eosUser                  {@code eos-user}
 * @param eosX509Cert              {@code eos-x509-cert}, base64
 * @param eosServer                {@code eos-server}
 * @param eosReadAheadSize         {@code eos-readaheadsize}
 * @param eosReadCacheSize         {@code eos-readcachesize}
 */
public record CernvmPluginConfig(List<CernvmUser> users, String shell, String autoLogin, List<String> organisations,
                                 List<String> repositories, List<ExtraRepository> extraRepositories, String proxy,
                                 List<String> services, List<EnvironmentVariable> environment,
                                 String contextualizationCommand, String contextualizationKey, String edition,
                                 String screenRes, String startXdm, String keyboard, String desktopIcons,
                                 String swapSize, String groupProfile, String entitlementKey, String gridUiVersion,
                                 String x509User, String x509Cert, String x509CertFile, String eosUser,
                                 String eosX509Cert, String eosServer, String eosReadAheadSize,
                                 String eosReadCacheSize) {

    private static final Pattern BASE64_ALPHABET = Pattern.compile("[^A-Za-z0-9+/=]");

    /** Copies the lists. */
    public CernvmPluginConfig {
        users = users == null ? null : List.copyOf(users);
        organisations = organisations == null ? null : List.copyOf(organisations);
        repositories = repositories == null ? null : List.copyOf(repositories);
        extraRepositories = extraRepositories == null ? null : List.copyOf(extraRepositories);
        services = services == null ? null : List.copyOf(services);
        environment = environment == null ? null : List.copyOf(environment);
    }

    static CernvmPluginConfig of(AmiconfigSection s, Integer part, List<Finding> out) {
        return new CernvmPluginConfig(users(s, part, out), v(s, "shell"), v(s, "auto_login"),
                s.get("organisations").map(PluginValues::commaList).orElse(null),
                s.get("repositories").map(PluginValues::commaList).orElse(null), extraRepositories(s, part, out),
                v(s, "proxy"), s.get("services").map(PluginValues::commaList).orElse(null),
                environment(s, part, out), v(s, "contextualization_command"), v(s, "contextualization_key"),
                v(s, "edition"), v(s, "screenres"), v(s, "startxdm"), v(s, "keyboard"), v(s, "desktop_icons"),
                v(s, "swap_size"), v(s, "group_profile"), v(s, "entitlement_key"), v(s, "griduiversion"),
                v(s, "x509-user"), v(s, "x509-cert"), v(s, "x509-cert-file"), v(s, "eos-user"), v(s, "eos-x509-cert"),
                v(s, "eos-server"), v(s, "eos-readaheadsize"), v(s, "eos-readcachesize"));
    }

    /** @return the first user, who becomes {@code CERNVM_USER}, if any */
    public java.util.Optional<CernvmUser> mainUser() {
        return users == null || users.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(users.get(0));
    }

    private static List<CernvmUser> users(AmiconfigSection s, Integer part, List<Finding> out) {
        var opt = s.find("users");
        if (opt.isEmpty()) {
            return null;
        }
        List<CernvmUser> r = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (String entry : opt.get().value().split(",", -1)) {
            String[] f = entry.split(":", -1);
            if (f.length != 3) {
                bad.add(entry);
                continue;
            }
            r.add(new CernvmUser(f[0], f[1], f[2]));
        }
        if (!bad.isEmpty()) {
            out.add(new Finding(Severity.ERROR, AmiconfigFindings.BAD_USERS_ENTRY, part, opt.get().line(), null,
                    "users entry '" + shorten(bad.get(0)) + "'" + more(bad) + " is not user:group:password; the"
                            + " cernvm plugin fails on it", "write user:group:password, an empty password for a random one"));
        }
        return r;
    }

    private static List<EnvironmentVariable> environment(AmiconfigSection s, Integer part, List<Finding> out) {
        var opt = s.find("environment");
        if (opt.isEmpty()) {
            return null;
        }
        List<EnvironmentVariable> r = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (String entry : opt.get().value().split(",", -1)) {
            String[] f = entry.split("=", -1);
            if (f.length != 2) {
                bad.add(entry);
                continue;
            }
            r.add(new EnvironmentVariable(f[0], f[1]));
        }
        if (!bad.isEmpty()) {
            out.add(new Finding(Severity.ERROR, AmiconfigFindings.BAD_ENVIRONMENT_ENTRY, part, opt.get().line(), null,
                    "environment entry '" + shorten(bad.get(0)) + "'" + more(bad) + " is not NAME=value with one '=';"
                            + " the cernvm plugin fails on it", "write NAME=value,NAME2=value2 (no '=' or ',' in values)"));
        }
        return r;
    }

    private static List<ExtraRepository> extraRepositories(AmiconfigSection s, Integer part, List<Finding> out) {
        var opt = s.find("extra_repositories");
        if (opt.isEmpty()) {
            return null;
        }
        List<ExtraRepository> r = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (String entry : opt.get().value().split(",", -1)) {
            String[] f = entry.split("\\|", -1);
            if (f.length != 3 || !python2Base64(f[2])) {
                bad.add(entry);
                continue;
            }
            r.add(new ExtraRepository(f[0], f[1], f[2]));
        }
        if (!bad.isEmpty()) {
            out.add(new Finding(Severity.WARNING, AmiconfigFindings.BAD_EXTRA_REPOSITORY, part, opt.get().line(), null,
                    "extra_repositories entry '" + shorten(bad.get(0)) + "'" + more(bad) + " is not"
                            + " name|server|base64-key; the cernvm plugin skips it",
                    "write name|server|base64 of the public key"));
        }
        return r;
    }

    /** Python 2 {@code base64.b64decode}: characters outside the alphabet are dropped, padding must fit. */
    private static boolean python2Base64(String v) {
        String kept = BASE64_ALPHABET.matcher(v).replaceAll("");
        try {
            java.util.Base64.getDecoder().decode(kept);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String v(AmiconfigSection s, String k) {
        return s.get(k).orElse(null);
    }

    private static String more(List<String> bad) {
        return bad.size() > 1 ? " (and " + (bad.size() - 1) + " more)" : "";
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
