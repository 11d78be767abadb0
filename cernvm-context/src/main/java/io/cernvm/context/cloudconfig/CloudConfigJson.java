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
 * as Python's {@code str()} prints it ({@code True}, {@code 1}, {@code None}, {@code 1.5}).
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
     * @param key a mapping key
     * @return Python's {@code str(key)}: {@code True}, {@code None}, {@code 1.0}, {@code 1e+16},
     *         {@code b'..'}, {@code 2001-12-14 21:59:43}
     */
    public static String keyString(Object key) {
        return PyRepr.str(key);
    }
}
