package io.cernvm.context.internal.ucernvm;

import io.cernvm.context.Finding;
import io.cernvm.context.Severity;
import io.cernvm.context.ucernvm.UcernvmFindings;
import io.cernvm.context.ucernvm.UcernvmKey;
import io.cernvm.context.ucernvm.UcernvmProxy;
import io.cernvm.context.ucernvm.UcernvmSetting;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Gives every known key of a tolerantly read block its type. Each entry is checked on its own;
 * the typed value of a key comes from its last entry, and is {@code null} when that entry is
 * malformed or empty — which is what the bootloader's {@code [ "x$_UCONTEXT_…" = "x1" ]}-style
 * tests make of such a value.
 */
public final class SettingsTyper {

    /** The typed values by key ({@code null} values absent), the unknown keys, and the findings. */
    public record Typed(Map<UcernvmKey, Object> values, Map<String, String> unknown, List<Finding> findings) {
    }

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?");
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern PATH_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern TAG = Pattern.compile("\\S+");
    private static final Pattern CLUSTER_PIN = Pattern.compile("[a-z0-9]{12}");
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://\\S+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    private SettingsTyper() {
    }

    /** @return the typed reading of {@code entries} */
    public static Typed type(List<UcernvmSetting> entries) {
        Map<UcernvmKey, Object> values = new EnumMap<>(UcernvmKey.class);
        Map<String, String> unknown = new LinkedHashMap<>();
        CappedFindings findings = new CappedFindings();
        for (UcernvmSetting e : entries) {
            var known = UcernvmKey.of(e.key());
            if (known.isEmpty()) {
                unknown.put(e.key(), e.value());
                findings.add(UcernvmFindings.UNKNOWN_KEY, () -> finding(Severity.WARNING, UcernvmFindings.UNKNOWN_KEY, e,
                        "unknown key '" + shorten(e.key()) + "'; the bootloader exports it and ignores it",
                        suggestion(e.key())));
                continue;
            }
            UcernvmKey k = known.get();
            if (e.value().isEmpty()) {
                values.remove(k);
                findings.add(UcernvmFindings.EMPTY_VALUE, () -> finding(Severity.INFO, UcernvmFindings.EMPTY_VALUE, e,
                        "empty value for " + k.spelling() + " leaves the default in place", null));
                continue;
            }
            Object v = typeOne(k, e, findings);
            if (v == null) {
                values.remove(k);
            } else {
                values.put(k, v);
            }
        }
        return new Typed(values, unknown, findings.toList());
    }

    private static Object typeOne(UcernvmKey k, UcernvmSetting e, CappedFindings findings) {
        String v = e.value();
        switch (k) {
            case RESIZE_ROOTFS, USE_BOOTHD, USEGLIDEINWMS, CVM_CLUSTER_MASTER -> {
                Boolean b = bool(v);
                if (b == null) {
                    findings.add(UcernvmFindings.BAD_VALUE, () -> bad(e, "is not a boolean", "use yes/no, on/off, true/false or 1/0"));
                }
                return b;
            }
            case CVMFS_HTTP_PROXY -> {
                UcernvmProxy p = UcernvmProxy.parse(v);
                if (p.groups().isEmpty()) {
                    findings.add(UcernvmFindings.BAD_VALUE, () -> bad(e, "names no proxy", "e.g. http://squid:3128;DIRECT"));
                    return null;
                }
                p.groups().stream().flatMap(List::stream)
                        .filter(m -> !m.equalsIgnoreCase("DIRECT") && !m.equalsIgnoreCase("auto")
                                && !URL.matcher(m).matches() && !HOST.matcher(m).matches())
                        .findFirst()
                        .ifPresent(m -> findings.add(UcernvmFindings.BAD_VALUE, () -> bad(e, "has a member that is not a proxy: '" + shorten(m) + "'",
                                "members are http://host:port, auto or DIRECT")));
                return p;
            }
            case CVMFS_PAC_URLS -> {
                List<String> urls = list(v, ";");
                urls.stream().filter(u -> !URL.matcher(u).matches()).findFirst()
                        .ifPresent(u -> findings.add(UcernvmFindings.BAD_VALUE, () -> bad(e, "has an entry that is not a URL: '" + shorten(u) + "'",
                                "e.g. http://wpad/wpad.dat")));
                return urls.isEmpty() ? null : urls;
            }
            case CVMFS_SERVER, CVMFS_CDN -> {
                if (k == UcernvmKey.CVMFS_CDN && v.equalsIgnoreCase("NONE")) {
                    return List.of();
                }
                List<String> hosts = list(v, "[,;]");
                if (k == UcernvmKey.CVMFS_SERVER && v.indexOf(';') >= 0) {
                    findings.add(UcernvmFindings.BAD_VALUE, () -> finding(Severity.WARNING, UcernvmFindings.BAD_VALUE, e,
                            "cvmfs_server separated by ';': the real bootloader splits only at ','",
                            "separate the servers with commas"));
                }
                hosts.stream().filter(h -> !HOST.matcher(h).matches()).findFirst()
                        .ifPresent(h -> findings.add(UcernvmFindings.BAD_VALUE, () -> bad(e, "has an entry that is not a host name: '" + shorten(h) + "'",
                                "give host names; the bootloader builds http://<host>/cvmfs/<repository> itself")));
                return hosts.isEmpty() ? null : hosts;
            }
            case CVMFS_BRANCH -> {
                return checked(e, REPOSITORY, "is not a repository name", "e.g. cernvm-prod.cern.ch", findings);
            }
            case CVMFS_TAG -> {
                return checked(e, TAG, "is not a snapshot tag", "a tag has no white space", findings);
            }
            case CERNVM_PATH -> {
                return checked(e, PATH_NAME, "is not a directory name", "e.g. cvm3 or cvm4", findings);
            }
            case CVMFS_WAIT_ON_SQUID -> {
                if (!DIGITS.matcher(v).matches()) {
                    findings.add(UcernvmFindings.BAD_VALUE, () -> bad(e, "is not a number of seconds", "e.g. 10"));
                    return null;
                }
                return Integer.valueOf(v);
            }
            case CERNVM_INJECT -> {
                byte[] archive;
                try {
                    archive = Base64.getDecoder().decode(v);
                } catch (IllegalArgumentException ex) {
                    findings.add(UcernvmFindings.BAD_VALUE, () -> bad(e, "is not base64", "base64 of a .tar.gz, on one line"));
                    return null;
                }
                if (archive.length < 2 || (archive[0] & 0xff) != 0x1f || (archive[1] & 0xff) != 0x8b) {
                    findings.add(UcernvmFindings.BAD_VALUE, () -> finding(Severity.WARNING, UcernvmFindings.BAD_VALUE, e,
                            "cernvm_inject does not decode to a gzip archive", "base64 of a .tar.gz"));
                }
                return v;
            }
            case CVM_CLUSTER_PIN -> {
                if (!CLUSTER_PIN.matcher(v).matches()) {
                    findings.add(UcernvmFindings.BAD_VALUE, () -> finding(Severity.WARNING, UcernvmFindings.BAD_VALUE, e,
                            "cvm_cluster_pin is not 12 characters a-z0-9 as CernVM Online issues them", null));
                }
                return v;
            }
            case CVM_SERVICE_URL -> {
                try {
                    URI u = new URI(v);
                    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                    if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                        return u;
                    }
                } catch (URISyntaxException ex) {
                    // reported below
                }
                findings.add(UcernvmFindings.BAD_VALUE, () -> bad(e, "is not an http(s) URL", "e.g. https://cernvm-online.cern.ch"));
                return null;
            }
            default -> throw new IllegalStateException(k.name());
        }
    }

    private static String checked(UcernvmSetting e, Pattern p, String what, String hint, CappedFindings findings) {
        if (!p.matcher(e.value()).matches()) {
            findings.add(UcernvmFindings.BAD_VALUE, () -> bad(e, what, hint));
            return null;
        }
        return e.value();
    }

    /** @return the boolean a tolerant reader accepts, or {@code null} */
    public static Boolean bool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "yes", "on", "true", "1" -> Boolean.TRUE;
            case "no", "off", "false", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static List<String> list(String v, String separators) {
        List<String> r = new ArrayList<>();
        for (String s : v.split(separators, -1)) {
            String t = s.strip();
            if (!t.isEmpty()) {
                r.add(t);
            }
        }
        return List.copyOf(r);
    }

    private static Finding bad(UcernvmSetting e, String what, String hint) {
        return finding(Severity.WARNING, UcernvmFindings.BAD_VALUE, e,
                UcernvmKey.of(e.key()).map(UcernvmKey::spelling).orElse(e.key()) + " value '" + shorten(e.value()) + "' " + what,
                hint);
    }

    private static Finding finding(Severity s, String code, UcernvmSetting e, String message, String hint) {
        String where = e.extra() ? " (extra user data)" : "";
        return new Finding(s, code, e.part(), e.line(), e.column(), message + where, hint);
    }

    /** @return {@code s} cut to a length a message can carry */
    public static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** @return a hint naming the known key closest to {@code key}, or a general hint */
    static String suggestion(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        UcernvmKey best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (UcernvmKey u : UcernvmKey.values()) {
            int d = distance(k, u.spelling().toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = u;
            }
        }
        if (best != null && bestDistance <= Math.max(2, k.length() / 4)) {
            return "did you mean " + best.spelling() + "?";
        }
        return "known keys are listed in UcernvmKey";
    }

    private static int distance(String a, String b) {
        return io.cernvm.context.internal.text.EditDistance.between(a, b, 8);
    }
}
