package io.cernvm.context.cloudconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cernvm.context.internal.cloudconfig.PyRepr;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * The JSON form of cloud-config values, for {@code inspect --json}: key order kept; YAML
 * values JSON lacks written as cloud-init's Python would print them — a date or timestamp as
 * {@code isoformat()} ({@code 2001-12-14}, {@code 2001-12-14T21:59:43.100000-05:00}), binary
 * as {@code {"__bytes_base64__": "…"}}, an omap entry as an array, a set as an array ordered
 * by the members' Python {@code repr}, a NaN or infinite float as the string {@code .nan},
 * {@code .inf} or {@code -.inf} (as the expectation recorder writes them), a non-string key
 * as cloud-init's JSON output writes it ({@code true}, {@code 1}, {@code null}, {@code 1.5}).
 */
public final class CloudConfigJson {
    /** The key of the object standing for binary data. */
    public static final String BYTES_KEY = "__bytes_base64__";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private CloudConfigJson() {
    }

    /**
     * @param value a value of the kinds {@link CloudConfigYaml#load} returns
     * @return its JSON form
     * @throws IllegalArgumentException for a value of another kind
     */
    public static JsonNode toJson(Object value) {
        if (value == null) {
            return F.nullNode();
        } else if (value instanceof String s) {
            return F.textNode(s);
        } else if (value instanceof Boolean b) {
            return F.booleanNode(b);
        } else if (value instanceof Long l) {
            return F.numberNode(l);
        } else if (value instanceof Integer i) {
            return F.numberNode(i);
        } else if (value instanceof BigInteger b) {
            return F.numberNode(b);
        } else if (value instanceof Double d) {
            if (d.isNaN()) {
                return F.textNode(".nan");
            }
            return d.isInfinite() ? F.textNode(d > 0 ? ".inf" : "-.inf") : F.numberNode(d);
        } else if (value instanceof YamlBinary b) {
            ObjectNode o = F.objectNode();
            o.put(BYTES_KEY, b.base64());
            return o;
        } else if (value instanceof LocalDate d) {
            return F.textNode(PyRepr.isoformat(d));
        } else if (value instanceof LocalDateTime || value instanceof OffsetDateTime) {
            return F.textNode(PyRepr.isoformat(value, 'T'));
        } else if (value instanceof Map<?, ?> m) {
            ObjectNode o = F.objectNode();
            m.forEach((k, v) -> o.set(keyString(k), toJson(v)));
            return o;
        } else if (value instanceof Set<?> set) {
            // Python iterates a set in hash order; sorted by repr is the recorded, stable order
            List<JsonNode> members = new ArrayList<>();
            set.forEach(v -> members.add(toJson(v)));
            members.sort(Comparator.comparing(CloudConfigJson::reprOf));
            ArrayNode a = F.arrayNode();
            members.forEach(a::add);
            return a;
        } else if (value instanceof Collection<?> c) {
            ArrayNode a = F.arrayNode();
            c.forEach(v -> a.add(toJson(v)));
            return a;
        }
        throw new IllegalArgumentException("not a YAML value: " + value.getClass().getName());
    }

    private static String reprOf(JsonNode n) {
        try {
            return PyRepr.repr(MAPPER.treeToValue(n, Object.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return n.toString();
        }
    }

    /**
     * Writes a non-string mapping key as cloud-init's own JSON output does ({@code json.dumps}
     * in {@code util.json_dumps}), which is also how the recorded ground truth writes it:
     * {@code true}, {@code false}, {@code null}; a date or timestamp as {@code isoformat()}; a
     * float as its {@code repr} ({@code .nan}, {@code .inf}, {@code -.inf} for the special
     * values, as YAML spells them); anything else as Python's {@code str()}.
     *
     * @param key a mapping key
     * @return the JSON member name
     */
    public static String keyString(Object key) {
        if (key == null) {
            return "null";
        } else if (key instanceof Boolean b) {
            return b ? "true" : "false";
        } else if (key instanceof LocalDate d) {
            return PyRepr.isoformat(d);
        } else if (key instanceof LocalDateTime || key instanceof OffsetDateTime) {
            return PyRepr.isoformat(key, 'T');
        } else if (key instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return d.isNaN() ? ".nan" : d > 0 ? ".inf" : "-.inf";
        }
        return PyRepr.str(key);
    }
}
