package io.cernvm.context.ucernvm;

import io.cernvm.api.UserDataPart;
import io.cernvm.context.Finding;
import io.cernvm.context.Severity;
import io.cernvm.context.internal.ucernvm.BusyboxGunzip;
import io.cernvm.context.internal.ucernvm.CappedFindings;
import io.cernvm.context.internal.ucernvm.SettingsTyper;
import io.cernvm.context.internal.ucernvm.TolerantBlockReader;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The tolerant, typed reading of the {@code [ucernvm-begin]} block that this SDK's bootloader
 * uses: CRLF or LF, markers and keys in any ASCII case and trimmed, blank lines and {@code #}
 * comments skipped, one pair of quotes around a value removed, the block found in any decoded
 * user-data part (the first block counts), and every known key typed. A malformed known value
 * never throws: it becomes a {@link Finding} and its typed component stays {@code null}, which is
 * what the real bootloader's tests make of it. Extra user data merges with its keys winning
 * ({@link #withExtra(UcernvmSettings)}). Serialised by its component names; a {@code null}
 * component means "not set".
 *
 * @param entries          every {@code key=value} entry read, in order, extra user data last
 * @param resizeRootfs     {@code resize_rootfs}
 * @param cvmfsHttpProxy   {@code cvmfs_http_proxy}
 * @param cvmfsPacUrls     {@code cvmfs_pac_urls}, split at {@code ;}
 * @param cvmfsServer      {@code cvmfs_server}, split at {@code ,} and {@code ;}
 * @param cvmfsCdn         {@code cvmfs_cdn}, split at {@code ,}; an empty list is {@code NONE}
 * @param cvmfsBranch      {@code cvmfs_branch}, the repository
 * @param cvmfsTag         {@code cvmfs_tag}
 * @param cernvmPath       {@code cernvm_path}
 * @param cvmfsWaitOnSquid {@code cvmfs_wait_on_squid}, seconds
 * @param cernvmInject     {@code cernvm_inject}, base64 of a {@code .tar.gz} (checked to decode)
 * @param useglideinWMS    {@code useglideinWMS}
 * @param useBoothd        {@code use_boothd}
 * @param cvmClusterPin    {@code cvm_cluster_pin}
 * @param cvmClusterMaster {@code cvm_cluster_master}
 * @param cvmServiceUrl    {@code cvm_service_url}
 * @param unknown          keys the bootloader does not act on, as written, last value winning
 * @param findings         malformed values, unknown keys, skipped lines, a second block
 */
public record UcernvmSettings(List<UcernvmSetting> entries, Boolean resizeRootfs, UcernvmProxy cvmfsHttpProxy,
                              List<String> cvmfsPacUrls, List<String> cvmfsServer, List<String> cvmfsCdn,
                              String cvmfsBranch, String cvmfsTag, String cernvmPath, Integer cvmfsWaitOnSquid,
                              String cernvmInject, Boolean useglideinWMS, Boolean useBoothd, String cvmClusterPin,
                              Boolean cvmClusterMaster, URI cvmServiceUrl, Map<String, String> unknown,
                              List<Finding> findings) {

    /** Settings with nothing set. */
    public static final UcernvmSettings EMPTY = of(List.of(), false);

    /** Copies the collections. */
    public UcernvmSettings {
        entries = List.copyOf(entries);
        cvmfsPacUrls = cvmfsPacUrls == null ? null : List.copyOf(cvmfsPacUrls);
        cvmfsServer = cvmfsServer == null ? null : List.copyOf(cvmfsServer);
        cvmfsCdn = cvmfsCdn == null ? null : List.copyOf(cvmfsCdn);
        unknown = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(unknown, "unknown")));
        findings = List.copyOf(findings);
    }

    /**
     * Reads the first block found in decoded user-data parts, in order.
     *
     * @param parts the parts as the decoder hands them out; each payload is read as UTF-8
     * @return the settings; {@link #EMPTY}-like when no part holds a block
     */
    public static UcernvmSettings read(List<UserDataPart> parts) {
        List<TolerantBlockReader.Source> sources = new ArrayList<>();
        for (UserDataPart p : parts) {
            sources.add(new TolerantBlockReader.Source(p.index(), p.text()));
        }
        return of(sources, false);
    }

    /**
     * Reads the first block of one text (a whole document: findings carry no part).
     *
     * @param text the user data or a part's text
     * @return the settings
     */
    public static UcernvmSettings read(String text) {
        return of(List.of(new TolerantBlockReader.Source(null, text)), false);
    }

    /**
     * Reads the first block of raw bytes, gunzipped first when busybox {@code gzip -d} would
     * accept them, then read as UTF-8 (invalid bytes replaced).
     *
     * @param raw user data bytes
     * @return the settings
     * @throws io.cernvm.api.UserDataException when gzip data expands beyond {@link UcernvmBlock#DEFAULT_MAX_BYTES}
     */
    public static UcernvmSettings read(byte[] raw) {
        return of(List.of(new TolerantBlockReader.Source(null, text(raw))), false);
    }

    /**
     * Reads extra user data, the bootloader's {@code /cernvm/extra-user-data} (all such files
     * concatenated), for {@link #withExtra(UcernvmSettings)}.
     *
     * @param raw the extra user data
     * @return settings whose entries are marked {@link UcernvmSetting#extra()}
     */
    public static UcernvmSettings readExtra(byte[] raw) {
        return of(List.of(new TolerantBlockReader.Source(null, text(raw))), true);
    }

    /**
     * Merges extra user data into these settings, as the bootloader sources {@code extra-ucontext}
     * after {@code ucontext}: every key the extra data sets wins.
     *
     * @param extra settings read with {@link #readExtra(byte[])} (or any settings)
     * @return the merged settings; the findings of both, plus one {@code UCERNVM_EXTRA_OVERRIDES}
     *         info for each key the extra data overrides
     */
    public UcernvmSettings withExtra(UcernvmSettings extra) {
        List<UcernvmSetting> all = new ArrayList<>(entries);
        all.addAll(extra.entries);
        CappedFindings f = new CappedFindings();
        f.addAll(findings);
        f.addAll(extra.findings);
        Map<String, UcernvmSetting> last = new LinkedHashMap<>();
        for (UcernvmSetting s : entries) {
            last.put(s.key().toLowerCase(Locale.ROOT), s);
        }
        for (UcernvmSetting s : extra.entries) {
            UcernvmSetting before = last.get(s.key().toLowerCase(Locale.ROOT));
            if (before != null && !before.value().equals(s.value())) {
                f.add(UcernvmFindings.EXTRA_OVERRIDES, () -> new Finding(Severity.INFO, UcernvmFindings.EXTRA_OVERRIDES,
                        s.part(), s.line(), s.column(), "extra user data overrides " + SettingsTyper.shorten(s.key())
                        + " (user data line " + before.line() + ")", null));
            }
        }
        SettingsTyper.Typed typed = SettingsTyper.type(all);
        return build(all, typed, f.toList());
    }

    /**
     * @param extraUserData the raw extra user data
     * @return {@code withExtra(readExtra(extraUserData))}
     */
    public UcernvmSettings withExtra(byte[] extraUserData) {
        return withExtra(readExtra(extraUserData));
    }

    /**
     * @param key a key, any ASCII case
     * @return the value of its last entry, as read (trimmed and unquoted)
     */
    public Optional<String> value(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        String v = null;
        for (UcernvmSetting s : entries) {
            if (s.key().toLowerCase(Locale.ROOT).equals(k)) {
                v = s.value();
            }
        }
        return Optional.ofNullable(v);
    }

    /** @return whether the root file system cache takes the whole disk (the default) */
    public boolean effectiveResizeRootfs() {
        return resizeRootfs == null || resizeRootfs;
    }

    /** @return whether glideinWMS user data is detected (the default) */
    public boolean effectiveUseglideinWMS() {
        return useglideinWMS == null || useglideinWMS;
    }

    /** @return whether the cache goes on the boot disk (default off) */
    public boolean effectiveUseBoothd() {
        return useBoothd != null && useBoothd;
    }

    /** @return whether this VM is a cluster master (default off) */
    public boolean effectiveClusterMaster() {
        return cvmClusterMaster != null && cvmClusterMaster;
    }

    /** @return the decoded {@code cernvm_inject} archive, if set */
    public Optional<byte[]> cernvmInjectArchive() {
        return Optional.ofNullable(cernvmInject).map(b -> Base64.getDecoder().decode(b));
    }

    /** @return {@code true} when at least one entry was read */
    public boolean hasEntries() {
        return !entries.isEmpty();
    }

    private static String text(byte[] raw) {
        return new String(BusyboxGunzip.gunzip(raw, UcernvmBlock.DEFAULT_MAX_BYTES).bytes(), StandardCharsets.UTF_8);
    }

    private static UcernvmSettings of(List<TolerantBlockReader.Source> sources, boolean extra) {
        TolerantBlockReader.Result r = TolerantBlockReader.read(sources, extra);
        SettingsTyper.Typed typed = SettingsTyper.type(r.entries());
        CappedFindings f = new CappedFindings();
        f.addAll(r.findings());
        f.addAll(typed.findings());
        return build(r.entries(), typed, f.toList());
    }

    @SuppressWarnings("unchecked")
    private static UcernvmSettings build(List<UcernvmSetting> entries, SettingsTyper.Typed t, List<Finding> findings) {
        Map<UcernvmKey, Object> v = t.values();
        return new UcernvmSettings(entries, (Boolean) v.get(UcernvmKey.RESIZE_ROOTFS),
                (UcernvmProxy) v.get(UcernvmKey.CVMFS_HTTP_PROXY), (List<String>) v.get(UcernvmKey.CVMFS_PAC_URLS),
                (List<String>) v.get(UcernvmKey.CVMFS_SERVER), (List<String>) v.get(UcernvmKey.CVMFS_CDN),
                (String) v.get(UcernvmKey.CVMFS_BRANCH), (String) v.get(UcernvmKey.CVMFS_TAG),
                (String) v.get(UcernvmKey.CERNVM_PATH), (Integer) v.get(UcernvmKey.CVMFS_WAIT_ON_SQUID),
                (String) v.get(UcernvmKey.CERNVM_INJECT), (Boolean) v.get(UcernvmKey.USEGLIDEINWMS),
                (Boolean) v.get(UcernvmKey.USE_BOOTHD), (String) v.get(UcernvmKey.CVM_CLUSTER_PIN),
                (Boolean) v.get(UcernvmKey.CVM_CLUSTER_MASTER), (URI) v.get(UcernvmKey.CVM_SERVICE_URL),
                t.unknown(), findings);
    }
}
