package io.cernvm.context;

import io.cernvm.api.UserData;
import io.cernvm.context.amiconfig.AmiconfigDocument;
import io.cernvm.context.cloudconfig.CloudConfig;
import io.cernvm.context.cloudconfig.CloudConfigMerger;
import io.cernvm.context.cloudconfig.CloudConfigPart;
import io.cernvm.context.mime.CloudConfigSource;
import io.cernvm.context.mime.DecodeLimits;
import io.cernvm.context.mime.DecodedPart;
import io.cernvm.context.mime.DecodedUserData;
import io.cernvm.context.mime.IncludeFetcher;
import io.cernvm.context.mime.MimeHeader;
import io.cernvm.context.mime.UserDataDecoder;
import io.cernvm.context.ucernvm.UcernvmBlock;
import io.cernvm.context.ucernvm.UcernvmFindings;
import io.cernvm.context.ucernvm.UcernvmSettings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads one user-data document the way all three CernVM agents do, in one pass, and gathers the
 * findings of every check — the engine behind {@code cernvm userdata inspect} and {@code lint}.
 *
 * <pre>{@code
 * Inspection i = UserDataInspector.builder().build().inspect(bytes);
 * i.cloudConfig().values();         // cloud-init's merged dict
 * i.compat().lastWins();            // what the bootloader exports
 * i.findings();                     // lint
 * }</pre>
 */
public final class UserDataInspector {

    /** Code of a part whose declared type disagrees with what its first line says. */
    public static final String PART_TYPE_MISMATCH = "PART_TYPE_MISMATCH";

    /**
     * Declared types cloud-init keeps as they are (it re-detects only text/plain,
     * text/x-not-multipart and text/x-shellscript); types of other agents (amiconfig, ucernvm)
     * may start with anything, such as amiconfig's leading script.
     */
    private static final List<String> CLOUD_INIT_DECLARED_TYPES = List.of("text/cloud-config",
            "text/cloud-config-jsonp", "text/cloud-config-archive", "text/cloud-boothook", "text/part-handler",
            "text/jinja2", "text/x-include-url", "text/x-include-once-url", "text/upstart-job",
            "text/x-shellscript-per-boot", "text/x-shellscript-per-instance", "text/x-shellscript-per-once");

    private static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.part() == null ? -1 : f.part())
            .thenComparing(f -> f.line() == null ? 0 : f.line())
            .thenComparing(f -> f.column() == null ? 0 : f.column());

    private final UserDataDecoder decoder;
    private final List<byte[]> extraUserData;

    private UserDataInspector(Builder b) {
        UserDataDecoder.Builder d = UserDataDecoder.builder().includeFetcher(b.includeFetcher).limits(b.limits);
        if (b.instanceData != null) {
            d.instanceData(b.instanceData);
        }
        this.decoder = d.build();
        this.extraUserData = List.copyOf(b.extraUserData);
    }

    /** @return a builder: no include answered, no instance data, no extra user data */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param userData the user data
     * @return what every agent makes of it
     */
    public Inspection inspect(UserData userData) {
        return inspect(userData.bytes());
    }

    /**
     * @param raw the raw user data, exactly as the cloud delivers it
     * @return what every agent makes of it
     */
    public Inspection inspect(byte[] raw) {
        DecodedUserData decoded = decoder.decode(raw);
        List<Finding> findings = new ArrayList<>(decoded.findings());

        CloudConfig cloudConfig = new CloudConfigMerger().merge(cloudConfigParts(decoded));
        findings.addAll(cloudConfig.findings());

        byte[] extra = concat(extraUserData);
        UcernvmBlock compat = UcernvmBlock.parse(raw);
        UcernvmSettings settings = UcernvmSettings.read(decoded.userDataParts());
        if (!extraUserData.isEmpty()) {
            settings = settings.withExtra(extra);
        }
        findings.addAll(UcernvmFindings.check(raw, settings));

        // amiconfig appends /cernvm/extra-user-data to the user data it read (amiconfig.sh).
        AmiconfigDocument amiconfig = AmiconfigDocument.parse(extraUserData.isEmpty() ? raw : concat(List.of(raw, extra)));

        List<InspectedPart> parts = new ArrayList<>();
        boolean blockSeen = compat.hasEntries();
        boolean mime = decoded.parts().stream().anyMatch(p -> p.origin().declaredType() != null);
        for (DecodedPart p : decoded.parts()) {
            List<Agent> agents = agents(p, blockSeen);
            parts.add(new InspectedPart(p.index(), p.contentType(), p.filename(), p.sha256(), p.size(),
                    p.handlerLabel(), agents, p));
            typeMismatch(p).ifPresent(findings::add);
            if (mime && agents.contains(Agent.AMICONFIG)) {
                // In a multipart document amiconfig also swallows MIME headers and other parts after
                // the first section; lint each INI part on its own, with part-relative lines.
                findings.addAll(AmiconfigDocument.parse(p.toUserDataPart()).findings());
            }
        }
        if (!mime) {
            findings.addAll(amiconfig.findings());
        }
        if (raw.length > UserDataComposer.CLOUD_SIZE_LIMIT) {
            findings.add(new Finding(Severity.WARNING, "USERDATA_OVER_16K", null, null, null,
                    "the user data is " + raw.length + " bytes, over the 16 KiB many clouds accept",
                    "gzip it (cernvm userdata compose --gzip) or move large files to an #include URL"));
        }
        findings.sort(ORDER);
        return new Inspection(raw.length, decoded, parts, cloudConfig, compat, settings, amiconfig, findings);
    }

    /** What cloud-init's cloud-config handler merges, in its order, with each part's own headers. */
    private static List<CloudConfigPart> cloudConfigParts(DecodedUserData decoded) {
        List<CloudConfigPart> out = new ArrayList<>();
        for (CloudConfigSource source : decoded.cloudConfigSources()) {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (MimeHeader h : decoded.parts().get(source.partIndex()).origin().headers()) {
                headers.add(Map.entry(h.name(), h.value()));
            }
            out.add(CloudConfigPart.ofBytes(source.partIndex(), source.contentType(), source.payload(), headers));
        }
        return out;
    }

    /**
     * The bootloader and amiconfig do no MIME decoding: they read a part only when its bytes
     * stand in the raw user data as they are.
     */
    static boolean rawVisible(DecodedPart p) {
        String cte = p.origin().transferEncoding();
        boolean plain = cte == null || List.of("7bit", "8bit", "binary").contains(cte.strip().toLowerCase(Locale.ROOT));
        return plain && !p.origin().decompressed() && p.origin().includeUrl() == null && !p.origin().fromArchive();
    }

    private static List<Agent> agents(DecodedPart p, boolean blockSeen) {
        List<Agent> agents = new ArrayList<>();
        String text = new String(p.payload(), StandardCharsets.UTF_8);
        if (rawVisible(p)) {
            if (blockSeen && (text.startsWith("[ucernvm-begin]\n") || text.contains("\n[ucernvm-begin]\n"))) {
                agents.add(Agent.UCERNVM);
            }
            if (text.lines().anyMatch(l -> l.startsWith("[") && l.indexOf(']') > 1)) {
                agents.add(Agent.AMICONFIG); // ConfigParser takes any column-0 [header] as a section
            }
        }
        if (p.handler() != null) {
            agents.add(Agent.CLOUD_INIT);
        }
        return agents;
    }

    private static java.util.Optional<Finding> typeMismatch(DecodedPart p) {
        String declared = p.origin().declaredType();
        String firstLine = p.origin().firstLineType();
        if (declared == null || firstLine == null || declared.equalsIgnoreCase(firstLine)
                || !CLOUD_INIT_DECLARED_TYPES.contains(declared.toLowerCase(Locale.ROOT))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Finding(Severity.WARNING, PART_TYPE_MISMATCH, p.index(), 1, 1,
                "part " + p.index() + " is declared " + declared + " but its first line makes it " + firstLine
                        + "; cloud-init goes by the declared type",
                "declare it as " + firstLine + ", or as text/plain to let cloud-init detect it"));
    }

    private static byte[] concat(List<byte[]> pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pieces.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** Settings of a {@link UserDataInspector}. */
    public static final class Builder {
        private IncludeFetcher includeFetcher = IncludeFetcher.none();
        private Map<String, ?> instanceData;
        private final List<byte[]> extraUserData = new ArrayList<>();
        private DecodeLimits limits = DecodeLimits.defaults();

        private Builder() {
        }

        /**
         * @param value answers {@code #include} URLs (default: none, as offline)
         * @return this builder
         */
        public Builder includeFetcher(IncludeFetcher value) {
            this.includeFetcher = Objects.requireNonNull(value, "includeFetcher");
            return this;
        }

        /**
         * @param value cloud-init's instance data (its {@code instance-data.json}) for jinja parts;
         *              without it a jinja part fails as it does in cloud-init
         * @return this builder
         */
        public Builder instanceData(Map<String, ?> value) {
            this.instanceData = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(value));
            return this;
        }

        /**
         * Adds one extra user data file (the bootloader's {@code /cernvm/extra-user-data}); its
         * µCernVM keys win over the user data's.
         *
         * @param value the file's bytes
         * @return this builder
         */
        public Builder extraUserData(byte[] value) {
            this.extraUserData.add(value.clone());
            return this;
        }

        /**
         * @param value bounds on decoding work
         * @return this builder
         */
        public Builder limits(DecodeLimits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /** @return the inspector */
        public UserDataInspector build() {
            return new UserDataInspector(this);
        }
    }
}
