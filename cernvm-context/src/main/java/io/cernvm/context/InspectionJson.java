package io.cernvm.context;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cernvm.context.ucernvm.UcernvmEntry;
import java.util.Map;

/**
 * Writes an {@link Inspection} as the one JSON object {@code cernvm userdata inspect --json}
 * prints:
 * <ul>
 * <li>{@code size}: bytes of raw user data;</li>
 * <li>{@code parts}: cloud-init's view, in the order its handlers see them — {@code index},
 *     {@code contentType}, {@code filename}, {@code sha256}, {@code size}, {@code handler} (or
 *     null), and {@code agents} ({@code ucernvm}, {@code amiconfig}, {@code cloud-init});</li>
 * <li>{@code cloudConfig}: the merged dict, or null when no part is cloud-config (timestamps as
 *     ISO 8601, binary as {@code {"__bytes_base64__": …}}, non-string keys as strings);</li>
 * <li>{@code ucernvm}: {@code compat.entries} (ordered {@code {key, value}}, key without the
 *     {@code _UCONTEXT_} prefix, value verbatim), {@code compat.lastWins}, and {@code settings}
 *     (the typed tolerant reading, extra user data applied, by its record component names);</li>
 * <li>{@code amiconfig}: the sections and typed plugin views, by record component names;</li>
 * <li>{@code findings}: {@code {severity, code, part, line, column, message, hint}}, part
 *     0-based or null, line and column 1-based.</li>
 * </ul>
 */
public final class InspectionJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private InspectionJson() {
    }

    /**
     * @param inspection what to write
     * @return the JSON object
     */
    public static ObjectNode toJson(Inspection inspection) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("size", inspection.size());
        ArrayNode parts = root.putArray("parts");
        for (InspectedPart p : inspection.parts()) {
            ObjectNode n = parts.addObject();
            n.put("index", p.index());
            n.put("contentType", p.contentType());
            n.put("filename", p.filename());
            n.put("sha256", p.sha256());
            n.put("size", p.size());
            n.put("handler", p.handler());
            ArrayNode agents = n.putArray("agents");
            p.agents().forEach(a -> agents.add(a.label()));
        }
        root.set("cloudConfig", inspection.cloudConfig().present() ? inspection.cloudConfig().toJson() : f.nullNode());
        ObjectNode ucernvm = root.putObject("ucernvm");
        ObjectNode compat = ucernvm.putObject("compat");
        ArrayNode entries = compat.putArray("entries");
        for (UcernvmEntry e : inspection.compat().entries()) {
            entries.addObject().put("key", e.key()).put("value", e.value());
        }
        ObjectNode lastWins = compat.putObject("lastWins");
        for (Map.Entry<String, String> e : inspection.compat().lastWins().entrySet()) {
            lastWins.put(e.getKey(), e.getValue());
        }
        ucernvm.set("settings", withoutFindings(MAPPER.valueToTree(inspection.settings())));
        root.set("amiconfig", withoutFindings(MAPPER.valueToTree(inspection.amiconfig())));
        ArrayNode findings = root.putArray("findings");
        for (Finding x : inspection.findings()) {
            ObjectNode n = findings.addObject();
            n.put("severity", x.severity().label());
            n.put("code", x.code());
            n.put("part", x.part());
            n.put("line", x.line());
            n.put("column", x.column());
            n.put("message", x.message());
            n.put("hint", x.hint());
        }
        return root;
    }

    /**
     * @param inspection what to write
     * @return the JSON text, one object, pretty-printed
     */
    public static String toText(Inspection inspection) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(inspection));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e); // a tree always serialises
        }
    }

    /** Findings are listed once, at the top level. */
    private static JsonNode withoutFindings(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove("findings");
            o.elements().forEachRemaining(InspectionJson::withoutFindings);
        } else if (node instanceof ArrayNode a) {
            a.elements().forEachRemaining(InspectionJson::withoutFindings);
        }
        return node;
    }
}
