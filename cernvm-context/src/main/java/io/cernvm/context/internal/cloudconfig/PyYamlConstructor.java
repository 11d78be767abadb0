package io.cernvm.context.internal.cloudconfig;

import io.cernvm.context.cloudconfig.YamlBinary;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Builds values from a composed node graph the way PyYAML 6's {@code SafeConstructor} does,
 * plus the {@code python/unicode} tag cloud-init's {@code safeyaml} adds. Only the safe tags
 * exist: anything else is refused, so no arbitrary type is ever instantiated. Aliases give the
 * very same (immutable) object, as PyYAML shares them.
 */
final class PyYamlConstructor {
    private static final String PREFIX = "tag:yaml.org,2002:";
    private static final Tag PY_UNICODE = new Tag(PREFIX + "python/unicode");

    // construct_yaml_timestamp's regular expression (more liberal than the resolver's)
    private static final Pattern TIMESTAMP = Pattern.compile(
            "^(?<year>[0-9][0-9][0-9][0-9])-(?<month>[0-9][0-9]?)-(?<day>[0-9][0-9]?)"
                    + "(?:(?:[Tt]|[ \\t]+)(?<hour>[0-9][0-9]?):(?<minute>[0-9][0-9]):(?<second>[0-9][0-9])"
                    + "(?:\\.(?<fraction>[0-9]*))?"
                    + "(?:[ \\t]*(?<tz>Z|(?<tzsign>[-+])(?<tzhour>[0-9][0-9]?)(?::(?<tzminute>[0-9][0-9]))?))?)?$");

    private final Map<Node, Object> constructed = new IdentityHashMap<>();
    private final Set<Node> inProgress = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    Object construct(Node node) {
        if (constructed.containsKey(node)) {
            return constructed.get(node);
        }
        if (!inProgress.add(node)) {
            // PyYAML builds self-referencing lists and dicts; this SDK refuses them (they
            // have no JSON form and no immutable one), see NodeBudget
            throw new YamlFault("found a recursive structure (an alias inside its own anchor)", node.getStartMark());
        }
        Object value = build(node);
        inProgress.remove(node);
        constructed.put(node, value);
        return value;
    }

    private Object build(Node node) {
        String tag = node.getTag().getValue();
        if (!tag.startsWith(PREFIX)) {
            throw undefined(node);
        }
        return switch (tag.substring(PREFIX.length())) {
            case "null" -> {
                scalar(node);
                yield null;
            }
            case "bool" -> bool(node);
            case "int" -> integer(node);
            case "float" -> floating(node);
            case "binary" -> binary(node);
            case "timestamp" -> timestamp(node);
            case "omap", "pairs" -> pairs(node);
            case "set" -> set(node);
            case "str", "python/unicode" -> scalar(node);
            case "seq" -> sequence(node);
            case "map" -> mapping(node);
            default -> throw undefined(node);
        };
    }

    private static YamlFault undefined(Node node) {
        return new YamlFault("could not determine a constructor for the tag '" + node.getTag().getValue() + "'",
                node.getStartMark());
    }

    /** SafeConstructor.construct_scalar: a mapping stands for the value under its {@code =} key. */
    private String scalar(Node node) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode().getTag().equals(PyYamlResolver.VALUE)) {
                    return scalar(t.getValueNode());
                }
            }
        }
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw new YamlFault("expected a scalar node, but found " + nodeId(node), node.getStartMark());
    }

    private Boolean bool(Node node) {
        return switch (scalar(node).toLowerCase(Locale.ROOT)) {
            case "yes", "true", "on" -> Boolean.TRUE;
            case "no", "false", "off" -> Boolean.FALSE;
            default -> throw new YamlFault("not a boolean: '" + scalar(node) + "'", node.getStartMark());
        };
    }

    private Object integer(Node node) {
        String v = scalar(node).replace("_", "");
        try {
            BigInteger sign = BigInteger.ONE;
            if (!v.isEmpty() && v.charAt(0) == '-') {
                sign = BigInteger.ONE.negate();
            }
            if (!v.isEmpty() && (v.charAt(0) == '-' || v.charAt(0) == '+')) {
                v = v.substring(1);
            }
            BigInteger result;
            if (v.equals("0")) {
                result = BigInteger.ZERO;
            } else if (v.startsWith("0b")) {
                result = pyInt(v.substring(2), 2);
            } else if (v.startsWith("0x")) {
                result = pyInt(v.substring(2), 16);
            } else if (v.startsWith("0")) {
                result = pyInt(v, 8);
            } else if (v.contains(":")) {
                result = BigInteger.ZERO;
                for (String part : v.split(":", -1)) {
                    result = result.multiply(BigInteger.valueOf(60)).add(pyInt(part, 10));
                }
            } else {
                result = pyInt(v, 10);
            }
            return narrow(result.multiply(sign));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new YamlFault("invalid literal for int(): '" + scalar(node) + "'", node.getStartMark());
        }
    }

    /** Python's {@code int(text, base)} for the digit strings PyYAML hands it. */
    private static BigInteger pyInt(String digits, int base) {
        String d = digits.strip();
        if (d.isEmpty() || d.startsWith("+") && d.length() == 1) {
            throw new NumberFormatException(digits);
        }
        return new BigInteger(d, base);
    }

    /** @return a Long when the value fits, a BigInteger otherwise (Python ints are unbounded) */
    static Object narrow(BigInteger v) {
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private Double floating(Node node) {
        String v = scalar(node).replace("_", "").toLowerCase(Locale.ROOT);
        try {
            double sign = 1;
            if (!v.isEmpty() && v.charAt(0) == '-') {
                sign = -1;
            }
            if (!v.isEmpty() && (v.charAt(0) == '-' || v.charAt(0) == '+')) {
                v = v.substring(1);
            }
            if (v.equals(".inf")) {
                return sign * Double.POSITIVE_INFINITY;
            } else if (v.equals(".nan")) {
                return Double.NaN;
            } else if (v.contains(":")) {
                String[] parts = v.split(":", -1);
                double value = 0;
                double base = 1;
                for (int i = parts.length - 1; i >= 0; i--) {
                    value += pyFloat(parts[i]) * base;
                    base *= 60;
                }
                return sign * value;
            }
            return sign * pyFloat(v);
        } catch (NumberFormatException e) {
            throw new YamlFault("could not convert string to float: '" + scalar(node) + "'", node.getStartMark());
        }
    }

    /** Python's {@code float(text)} for decimal literals (no hex, no Java suffixes). */
    private static double pyFloat(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        switch (t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t) {
            case "inf", "infinity" -> {
                return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> {
                // a decimal literal, below
            }
        }
        if (!t.matches("[-+]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:e[-+]?[0-9]+)?")) {
            throw new NumberFormatException(s);
        }
        return Double.parseDouble(t);
    }

    private YamlBinary binary(Node node) {
        String text = scalar(node);
        StringBuilder data = new StringBuilder();
        int pads = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0x7f) {
                throw new YamlFault("failed to convert base64 data into ascii", node.getStartMark());
            }
            if (c == '=') {
                pads++;
            } else if (pads == 0 && (Character.isLetterOrDigit(c) || c == '+' || c == '/')) {
                // binascii.a2b_base64 skips characters outside the alphabet; data ends at padding
                data.append(c);
            }
        }
        int rem = data.length() % 4;
        if (rem == 1 || rem == 2 && pads < 2 || rem == 3 && pads < 1) {
            throw new YamlFault("failed to decode base64 data: Incorrect padding", node.getStartMark());
        }
        return new YamlBinary(Base64.getDecoder().decode(data.toString() + "==".substring(0, (4 - rem) % 4)));
    }

    private Object timestamp(Node node) {
        String text = node instanceof ScalarNode s ? s.getValue() : scalar(node);
        Matcher m = TIMESTAMP.matcher(text);
        if (!m.matches()) {
            throw new YamlFault("not a timestamp: '" + text + "'", node.getStartMark());
        }
        try {
            int year = Integer.parseInt(m.group("year"));
            if (year < 1) {
                throw new DateTimeException("year 0 is out of range");
            }
            LocalDate date = LocalDate.of(year, Integer.parseInt(m.group("month")), Integer.parseInt(m.group("day")));
            if (m.group("hour") == null) {
                return date;
            }
            int nanos = 0;
            String fraction = m.group("fraction");
            if (fraction != null && !fraction.isEmpty()) {
                // Python keeps microseconds, truncating further digits
                String micro = (fraction.length() > 6 ? fraction.substring(0, 6) : fraction);
                nanos = Integer.parseInt(micro + "0".repeat(6 - micro.length())) * 1000;
            }
            LocalDateTime local = date.atTime(Integer.parseInt(m.group("hour")), Integer.parseInt(m.group("minute")),
                    Integer.parseInt(m.group("second")), nanos);
            if (m.group("tzsign") != null) {
                int minutes = Integer.parseInt(m.group("tzhour")) * 60
                        + (m.group("tzminute") == null ? 0 : Integer.parseInt(m.group("tzminute")));
                if (minutes >= 24 * 60) {
                    throw new DateTimeException("offset must be strictly between -24 and 24 hours");
                }
                int seconds = minutes * 60 * (m.group("tzsign").equals("-") ? -1 : 1);
                return OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(seconds));
            } else if (m.group("tz") != null) {
                return OffsetDateTime.of(local, ZoneOffset.UTC);
            }
            return local;
        } catch (DateTimeException e) {
            throw new YamlFault("invalid timestamp '" + text + "': " + e.getMessage(), node.getStartMark());
        }
    }

    private List<Object> pairs(Node node) {
        if (!(node instanceof SequenceNode seq)) {
            throw new YamlFault("while constructing an ordered map: expected a sequence, but found " + nodeId(node),
                    node.getStartMark());
        }
        List<Object> result = new ArrayList<>();
        for (Node sub : seq.getValue()) {
            if (!(sub instanceof MappingNode m)) {
                throw new YamlFault("expected a mapping of length 1, but found " + nodeId(sub), sub.getStartMark());
            }
            if (m.getValue().size() != 1) {
                throw new YamlFault("expected a single mapping item, but found " + m.getValue().size() + " items",
                        sub.getStartMark());
            }
            NodeTuple t = m.getValue().get(0);
            result.add(new PyTuple(java.util.Arrays.asList(construct(t.getKeyNode()), construct(t.getValueNode()))));
        }
        return java.util.Collections.unmodifiableList(result);
    }

    private PySet set(Node node) {
        PyDict d = mapping(node);
        LinkedHashSet<PyKey> members = new LinkedHashSet<>();
        for (Map.Entry<PyKey, Object> e : d.pyEntries()) {
            members.add(e.getKey());
        }
        return new PySet(members);
    }

    private List<Object> sequence(Node node) {
        if (!(node instanceof SequenceNode seq)) {
            throw new YamlFault("expected a sequence node, but found " + nodeId(node), node.getStartMark());
        }
        List<Object> items = new ArrayList<>(seq.getValue().size());
        for (Node child : seq.getValue()) {
            items.add(construct(child));
        }
        return java.util.Collections.unmodifiableList(items);
    }

    private PyDict mapping(Node node) {
        if (!(node instanceof MappingNode map)) {
            throw new YamlFault("expected a mapping node, but found " + nodeId(node), node.getStartMark());
        }
        flatten(map);
        PyDict.Builder b = PyDict.builder();
        for (NodeTuple t : map.getValue()) {
            Object key = construct(t.getKeyNode());
            if (!PyKey.isHashable(key)) {
                throw new YamlFault("while constructing a mapping: found unhashable key",
                        t.getKeyNode().getStartMark());
            }
            b.put(PyKey.of(key), construct(t.getValueNode()));
        }
        return b.build();
    }

    /**
     * SafeConstructor.flatten_mapping: {@code <<} entries are removed and the merged mappings'
     * entries put in front (a list of mappings: the last one first), so own keys win; a
     * {@code =} key becomes a plain string. Like PyYAML, it rewrites the node in place.
     */
    private void flatten(MappingNode node) {
        List<NodeTuple> merge = new ArrayList<>();
        List<NodeTuple> own = new ArrayList<>(node.getValue());
        int index = 0;
        while (index < own.size()) {
            NodeTuple t = own.get(index);
            Node key = t.getKeyNode();
            Node value = t.getValueNode();
            if (key.getTag().equals(Tag.MERGE)) {
                own.remove(index);
                if (value instanceof MappingNode vm) {
                    flatten(vm);
                    merge.addAll(vm.getValue());
                } else if (value instanceof SequenceNode vs) {
                    List<List<NodeTuple>> sub = new ArrayList<>();
                    for (Node s : vs.getValue()) {
                        if (!(s instanceof MappingNode sm)) {
                            throw new YamlFault("while constructing a mapping: expected a mapping for "
                                    + "merging, but found " + nodeId(s), s.getStartMark());
                        }
                        flatten(sm);
                        sub.add(sm.getValue());
                    }
                    java.util.Collections.reverse(sub);
                    sub.forEach(merge::addAll);
                } else {
                    throw new YamlFault("while constructing a mapping: expected a mapping or list of mappings for "
                            + "merging, but found " + nodeId(value), value.getStartMark());
                }
            } else {
                if (key.getTag().equals(PyYamlResolver.VALUE)) {
                    key.setTag(Tag.STR);
                }
                index++;
            }
        }
        if (!merge.isEmpty()) {
            merge.addAll(own);
            node.setValue(merge);
        } else if (own.size() != node.getValue().size()) {
            node.setValue(own);
        }
    }

    private static String nodeId(Node n) {
        return n.getNodeId().name();
    }
}
