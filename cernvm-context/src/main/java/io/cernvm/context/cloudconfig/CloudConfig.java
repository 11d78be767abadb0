package io.cernvm.context.cloudconfig;

import com.fasterxml.jackson.databind.JsonNode;
import io.cernvm.context.Finding;
import io.cernvm.context.internal.cloudconfig.PyDict;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The merged cloud-config dict cloud-init writes to {@code cloud_config}: an unmodifiable,
 * ordered map whose keys compare as Python's do (values of the kinds
 * {@link CloudConfigYaml#load} documents), the parts that were merged into it, and what was
 * observed on the way (parts cloud-init skips, and why).
 *
 * <p>For the {@code inspect --json} form use {@link #toJson()}: the record's own component
 * names serialise {@code values} with Java key strings, not Python's.
 *
 * @param values      the merged dict
 * @param parts       the 0-based indices of every part the handler received, in order; empty
 *                    when there was no cloud-config part (cloud-init then writes no config)
 * @param mergedParts the indices of the parts that were merged (the others were skipped)
 * @param findings    observations, each naming its part
 */
public record CloudConfig(Map<Object, Object> values, List<Integer> parts, List<Integer> mergedParts,
                          List<Finding> findings) {

    /** Copies into unmodifiable collections (a merged dict is kept as it is: it is immutable). */
    public CloudConfig {
        Objects.requireNonNull(values, "values");
        if (!(values instanceof PyDict)) {
            PyDict.Builder b = PyDict.builder();
            values.forEach((k, v) -> b.put(io.cernvm.context.internal.cloudconfig.PyKey.of(k), v));
            values = b.build();
        }
        parts = List.copyOf(parts);
        mergedParts = List.copyOf(mergedParts);
        findings = List.copyOf(findings);
    }

    /** @return whether any cloud-config part was handled (else the JSON form is {@code null}) */
    public boolean present() {
        return !parts.isEmpty();
    }

    /** @return the value under a top-level key, or {@code null} */
    public Object get(String key) {
        return values.get(key);
    }

    /**
     * @return the merged dict as JSON ({@link CloudConfigJson#toJson}), or a JSON null when no
     *         cloud-config part was handled
     */
    public JsonNode toJson() {
        return present() ? CloudConfigJson.toJson(values) : com.fasterxml.jackson.databind.node.NullNode.getInstance();
    }
}
