package io.cernvm.context.cloudconfig;

import io.cernvm.api.UserDataException;
import io.cernvm.context.Finding;
import io.cernvm.context.Severity;
import io.cernvm.context.internal.cloudconfig.JsonPatchPart;
import io.cernvm.context.internal.cloudconfig.MergeFailure;
import io.cernvm.context.internal.cloudconfig.MergerChain;
import io.cernvm.context.internal.cloudconfig.MergerSpec;
import io.cernvm.context.internal.cloudconfig.PyDict;
import io.cernvm.context.internal.cloudconfig.PyKey;
import io.cernvm.context.internal.cloudconfig.PyTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Merges cloud-config parts into one dict exactly as cloud-init 22.4's cloud-config handler
 * ({@code handlers/cloud_config.py}) does.
 *
 * <p>Each part in turn: its YAML is loaded; a part that is empty, not a mapping, or not
 * valid YAML is skipped (cloud-init logs a warning; here a {@link Finding}). The mergers are
 * the part's own {@code merge_how} (or, when that is absent or null, {@code merge_type}) key,
 * removed from the part before merging, followed by those of its {@code Merge-Type} (or else
 * {@code X-Merge-Type}) header; when neither names any, the handler's default
 * {@code dict(replace)+list()+str()}, so a later part's keys replace an earlier part's. A
 * merge specification is either the string form {@code list(append)+dict(no_replace,recurse_list)+str()}
 * or a list of {@code {name: dict, settings: [no_replace]}} mappings or of
 * {@code [name, option…]} lists. Then the accumulated dict is merged with the part by the
 * first merger of each kind:
 * <ul>
 * <li>{@code dict}: {@code replace} (later value wins) or {@code no_replace} (default: the
 *     earlier value stays, but a dict is merged into it recursively; {@code recurse_list}
 *     (= {@code recurse_array}) and {@code recurse_str} recurse into lists and strings too);
 *     {@code allow_delete} lets a null value remove the key.</li>
 * <li>{@code list}: {@code replace} (default: same-index items replaced, a non-list replaces
 *     the list), {@code append}, {@code prepend}, {@code no_replace}; {@code recurse_dict},
 *     {@code recurse_list}, {@code recurse_str} merge same-index items instead.</li>
 * <li>{@code str}: {@code append} concatenates; otherwise the later string wins.</li>
 * </ul>
 * A value whose kind has no merger in the chain is kept — so a part whose mergers lack
 * {@code dict} changes nothing. A part whose merge raises in cloud-init (an unknown merger, a
 * malformed specification, concatenating a string and a list, …) is skipped as a whole.
 * Nested {@code merge_how} keys, and a {@code merge_type} key next to a {@code merge_how},
 * stay in the result as cloud-init leaves them.
 *
 * <p>A part of type {@code text/cloud-config-jsonp} is a JSON list of RFC 6902 operations
 * applied to the dict merged so far, as cloud-init applies it with python-jsonpatch; a patch
 * that fails leaves the dict as it was.
 */
public final class CloudConfigMerger {
    /** Finding code: the part's YAML could not be read (cloud-init skips the part). */
    public static final String YAML_ERROR = "CLOUD_CONFIG_YAML_ERROR";
    /** Finding code: the part's YAML is empty (cloud-init skips it: "empty cloud config"). */
    public static final String EMPTY = "CLOUD_CONFIG_EMPTY";
    /** Finding code: the part's YAML is not a mapping (cloud-init skips it). */
    public static final String NOT_A_MAPPING = "CLOUD_CONFIG_NOT_A_MAPPING";
    /** Finding code: the part's merge settings or the merge itself failed (cloud-init skips it). */
    public static final String MERGE_FAILED = "CLOUD_CONFIG_MERGE_FAILED";
    /** Finding code: the part's mergers have no {@code dict} merger, so the part changes nothing. */
    public static final String NO_DICT_MERGER = "CLOUD_CONFIG_NO_DICT_MERGER";
    /** Finding code: a JSON patch replaced the whole dict by something that is not a mapping. */
    public static final String NOT_A_MAPPING_RESULT = "CLOUD_CONFIG_RESULT_NOT_A_MAPPING";

    private static final String MERGE_HEADER = "Merge-Type";

    private final CloudConfigYaml yaml;

    /** @param yaml the reader for each part's YAML */
    public CloudConfigMerger(CloudConfigYaml yaml) {
        this.yaml = Objects.requireNonNull(yaml, "yaml");
    }

    /** A merger reading with {@link YamlLimits#DEFAULT}. */
    public CloudConfigMerger() {
        this(CloudConfigYaml.withDefaults());
    }

    /**
     * @param parts the cloud-config parts in the order cloud-init's handlers see them
     * @return the merged dict with the parts merged and the findings; never throws for bad
     *         content (cloud-init skips such a part, and so does this, with a finding)
     */
    public CloudConfig merge(List<CloudConfigPart> parts) {
        Object buf = null;
        List<Integer> seen = new ArrayList<>();
        List<Integer> merged = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (CloudConfigPart part : parts) {
            seen.add(part.index());
            // handle_part: "First time through, merge with an empty dict..."
            if (buf == null || merged.isEmpty()) {
                buf = PyDict.EMPTY;
            }
            if (part.contentType().equals(CloudConfigPart.CLOUD_CONFIG_JSONP)) {
                try {
                    buf = JsonPatchPart.apply(buf, part.payload());
                    merged.add(part.index());
                } catch (MergeFailure e) {
                    findings.add(new Finding(Severity.ERROR, MERGE_FAILED, part.index(), null, null,
                            "cloud-init skips this JSON patch part: " + e.getMessage(),
                            "the payload must be a JSON list of RFC 6902 operations that apply"));
                }
                continue;
            }
            try {
                buf = mergePart(buf, part, findings);
                merged.add(part.index());
            } catch (UserDataException e) {
                findings.add(new Finding(Severity.ERROR, YAML_ERROR, part.index(), e.location().line(),
                        e.location().column(), "cloud-init skips this cloud-config part: " + e.reason(),
                        "fix the YAML; check it with a YAML 1.1 parser"));
            } catch (SkippedPart e) {
                findings.add(e.finding);
            }
        }
        if (!(buf instanceof PyDict) && !seen.isEmpty()) {
            findings.add(new Finding(Severity.ERROR, NOT_A_MAPPING_RESULT, null, null, null,
                    "a JSON patch replaced the whole cloud-config by a " + PyTypes.name(buf)
                            + "; cloud-init would write that, this SDK reports an empty mapping",
                    "patch members of the mapping, not its root"));
        }
        return new CloudConfig(buf instanceof PyDict d ? d : PyDict.EMPTY, seen, merged, findings);
    }

    private Object mergePart(Object buf, CloudConfigPart part, List<Finding> findings) {
        Object loaded = yaml.load(part.payload(), part.index());
        if (loaded == null) {
            throw new SkippedPart(new Finding(Severity.WARNING, EMPTY, part.index(), null, null,
                    "cloud-init skips this cloud-config part: empty cloud config", null));
        }
        if (!(loaded instanceof PyDict payload)) {
            throw new SkippedPart(new Finding(Severity.ERROR, NOT_A_MAPPING, part.index(), 1, 1,
                    "cloud-init skips this cloud-config part: its YAML is a " + PyTypes.name(loaded)
                            + ", not a mapping",
                    "a cloud-config document must be a mapping of module keys"));
        }
        try {
            // dict_extract_mergers pops merge_how, or merge_type when merge_how is absent or null
            PyDict.Builder rest = payload.toBuilder();
            Object raw = pop(rest, "merge_how");
            if (raw == null) {
                raw = pop(rest, "merge_type");
            }
            List<MergerSpec> specs = new ArrayList<>();
            if (raw != null) {
                specs.addAll(MergerSpec.fromYaml(raw));
            }
            String header = headerMergers(part);
            specs.addAll(MergerSpec.parse(header));
            if (specs.isEmpty()) {
                specs = MergerSpec.HANDLER_DEFAULT;
            }
            MergerChain chain = MergerChain.construct(specs);
            if (!chain.mergesDicts()) {
                findings.add(new Finding(Severity.WARNING, NO_DICT_MERGER, part.index(), null, null,
                        "this cloud-config part changes nothing: its merge settings name no dict merger",
                        "add dict(…) to merge_how, e.g. dict(replace)+list(append)"));
            }
            return chain.merge(buf, rest.build());
        } catch (MergeFailure e) {
            throw new SkippedPart(new Finding(Severity.ERROR, MERGE_FAILED, part.index(), null, null,
                    "cloud-init skips this cloud-config part: " + e.getMessage(),
                    "check merge_how / merge_type and the Merge-Type header"));
        }
    }

    private static Object pop(PyDict.Builder b, String key) {
        PyKey k = PyKey.of(key);
        Object v = b.get(k);
        b.remove(k);
        return v;
    }

    /** {@code _extract_mergers}: the first non-empty of {@code Merge-Type}, {@code X-Merge-Type}. */
    private static String headerMergers(CloudConfigPart part) {
        for (String name : List.of(MERGE_HEADER, "X-" + MERGE_HEADER)) {
            String v = part.header(name);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    /** A part cloud-init skips, with the finding saying why. */
    private static final class SkippedPart extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Finding finding;

        SkippedPart(Finding finding) {
            super(finding.message(), null, false, false);
            this.finding = finding;
        }
    }
}
