package io.cernvm.context.internal.cloudconfig;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code #cloud-config-jsonp} part applied as cloud-init's handler applies it
 * ({@code _merge_patch}: python-jsonpatch 1.32 and jsonpointer 2.3): the payload, after its
 * first line's prefix, is a JSON list of RFC 6902 operations ({@code add}, {@code remove},
 * {@code replace}, {@code move}, {@code copy}, {@code test}) applied in order to a deep copy of
 * the merged dict (a copy that keeps shared sub-values shared, as {@code copy.deepcopy} does).
 * Any error leaves the dict as it was ({@link MergeFailure}).
 */
public final class JsonPatchPart {
    private static final String PREFIX = "#cloud-config-jsonp";
    private static final Pattern ARRAY_INDEX = Pattern.compile("^(?:0|[1-9][0-9]*$)");
    private static final Pattern INVALID_ESCAPE = Pattern.compile("~[^01]|~$");
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final Object END_OF_LIST = new Object();

    private JsonPatchPart() {
    }

    /** A dict being patched: Python key semantics, mutable. */
    private static final class MDict extends LinkedHashMap<PyKey, Object> {
        private static final long serialVersionUID = 1L;
    }

    /** A list being patched. */
    private static final class MList extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;
    }

    /**
     * @param doc     the merged dict so far (any value, after an earlier patch replaced the root)
     * @param payload the part's payload
     * @return the patched document
     * @throws MergeFailure when Python would raise anywhere on the way
     */
    public static Object apply(Object doc, String payload) {
        String text = payload.stripLeading();
        if (text.startsWith(PREFIX)) {
            text = text.substring(PREFIX.length());
        }
        Object patch = parseJson(text);
        List<Object> ops;
        if (patch instanceof MList l) {
            ops = l;
        } else if (patch instanceof MDict || patch instanceof String) {
            ops = PyOps.iterate(freeze(patch, new IdentityHashMap<>()));
        } else {
            throw new MergeFailure("TypeError: '" + PyTypes.name(patch) + "' object is not iterable");
        }
        for (Object op : ops) {
            operation(op);
        }
        Object obj = copy(doc, new IdentityHashMap<>());
        for (Object op : ops) {
            obj = applyOne(operation(op), obj);
        }
        return freeze(obj, new IdentityHashMap<>());
    }

    private static MDict operation(Object op) {
        if (!(op instanceof MDict d)) {
            throw new MergeFailure("InvalidJsonPatch: Operation does not contain 'op' member");
        }
        Object name = d.get(PyKey.of("op"));
        if (!d.containsKey(PyKey.of("op"))) {
            throw new MergeFailure("InvalidJsonPatch: Operation does not contain 'op' member");
        }
        if (!(name instanceof String n) || !List.of("remove", "add", "replace", "move", "test", "copy").contains(n)) {
            throw new MergeFailure("InvalidJsonPatch: Unknown operation " + name);
        }
        if (!d.containsKey(PyKey.of("path"))) {
            throw new MergeFailure("InvalidJsonPatch: Operation must have a 'path' member");
        }
        pointer(d.get(PyKey.of("path")));
        return d;
    }

    private static Object applyOne(MDict op, Object obj) {
        String name = (String) op.get(PyKey.of("op"));
        List<String> path = pointer(op.get(PyKey.of("path")));
        switch (name) {
            case "add" -> {
                return add(obj, path, member(op, "value"));
            }
            case "remove" -> {
                return remove(obj, path);
            }
            case "replace" -> {
                Object value = member(op, "value");
                Target t = toLast(obj, path);
                if (t.part == null) {
                    return value;
                }
                if ("-".equals(t.part)) {
                    throw new MergeFailure("InvalidJsonPatch: 'path' with '-' can't be applied to 'replace' operation");
                }
                if (t.doc instanceof MList l) {
                    int i = (Integer) t.part;
                    if (i >= l.size()) {
                        throw new MergeFailure("JsonPatchConflict: can't replace outside of list");
                    }
                    l.set(i, value);
                } else if (t.doc instanceof MDict d) {
                    PyKey k = PyKey.of(t.part);
                    if (!d.containsKey(k)) {
                        throw new MergeFailure("JsonPatchConflict: can't replace a non-existent object");
                    }
                    d.put(k, value);
                } else {
                    throw new MergeFailure("JsonPatchConflict: unable to fully resolve json pointer");
                }
                return obj;
            }
            case "move" -> {
                List<String> from = pointer(member(op, "from"));
                Target src = toLast(obj, from);
                Object value = item(src.doc, src.part);
                if (from.equals(path)) {
                    return obj;
                }
                boolean intoItself = path.size() >= from.size() && path.subList(0, from.size()).equals(from);
                if (src.doc instanceof MDict && intoItself) {
                    throw new MergeFailure("JsonPatchConflict: Cannot move values into their own children");
                }
                return add(remove(obj, from), path, value);
            }
            case "copy" -> {
                List<String> from = pointer(member(op, "from"));
                Target src = toLast(obj, from);
                return add(obj, path, copy(item(src.doc, src.part), new IdentityHashMap<>()));
            }
            default -> {
                Target t = toLast(obj, path);
                Object val = t.part == null ? t.doc : walk(t.doc, (String) path.get(path.size() - 1));
                Object value = member(op, "value");
                if (!deepEquals(val, value)) {
                    throw new MergeFailure("JsonPatchTestFailed: value is not equal to tested value");
                }
                return obj;
            }
        }
    }

    private static Object member(MDict op, String key) {
        PyKey k = PyKey.of(key);
        if (!op.containsKey(k)) {
            throw new MergeFailure("InvalidJsonPatch: The operation does not contain a '" + key + "' member");
        }
        return op.get(k);
    }

    private static Object add(Object obj, List<String> path, Object value) {
        Target t = toLast(obj, path);
        if (t.doc instanceof MList l) {
            if ("-".equals(t.part)) {
                l.add(value);
            } else if (t.part == null) {
                throw new MergeFailure("TypeError: '>' not supported between instances of 'NoneType' and 'int'");
            } else if ((Integer) t.part > l.size()) {
                throw new MergeFailure("JsonPatchConflict: can't insert outside of list");
            } else {
                l.add((Integer) t.part, value);
            }
        } else if (t.doc instanceof MDict d) {
            if (t.part == null) {
                return value;
            }
            d.put(PyKey.of(t.part), value);
        } else if (t.part == null) {
            throw new MergeFailure("TypeError: invalid document type " + PyTypes.name(t.doc));
        } else {
            throw new MergeFailure("JsonPatchConflict: unable to fully resolve json pointer");
        }
        return obj;
    }

    private static Object remove(Object obj, List<String> path) {
        Target t = toLast(obj, path);
        if (t.doc instanceof MDict d) {
            PyKey k = PyKey.of(t.part);
            if (!d.containsKey(k)) {
                throw new MergeFailure("JsonPatchConflict: can't remove a non-existent object");
            }
            d.remove(k);
        } else if (t.doc instanceof MList l && t.part instanceof Integer i) {
            if (i >= l.size()) {
                throw new MergeFailure("JsonPatchConflict: can't remove a non-existent object");
            }
            l.remove((int) i);
        } else {
            throw new MergeFailure("TypeError: object doesn't support item deletion");
        }
        return obj;
    }

    /** {@code subobj[part]} in move and copy. */
    private static Object item(Object doc, Object part) {
        if (doc instanceof MDict d) {
            PyKey k = PyKey.of(part);
            if (!d.containsKey(k)) {
                throw new MergeFailure("KeyError: " + part);
            }
            return d.get(k);
        }
        if (part instanceof Integer i && (doc instanceof List || doc instanceof String || doc instanceof
                io.cernvm.context.cloudconfig.YamlBinary)) {
            return PyOps.index(doc, i);
        }
        throw new MergeFailure("TypeError: cannot index " + PyTypes.name(doc));
    }

    private record Target(Object doc, Object part) {
    }

    /** {@code JsonPointer.to_last}: the parent, and the last part typed for it ({@code null} for the root). */
    private static Target toLast(Object doc, List<String> parts) {
        if (parts.isEmpty()) {
            return new Target(doc, null);
        }
        Object d = doc;
        for (String p : parts.subList(0, parts.size() - 1)) {
            d = walk(d, p);
        }
        return new Target(d, part(d, parts.get(parts.size() - 1)));
    }

    /** {@code JsonPointer.get_part}. */
    private static Object part(Object doc, String part) {
        if (doc instanceof MDict) {
            return part;
        }
        if (isSequence(doc)) {
            if (part.equals("-")) {
                return part;
            }
            if (!ARRAY_INDEX.matcher(part).find()) {
                throw new MergeFailure("JsonPointerException: '" + part + "' is not a valid sequence index");
            }
            return pyIndex(part);
        }
        throw new MergeFailure("JsonPointerException: Document '" + PyTypes.name(doc) + "' does not support indexing");
    }

    /** Python's {@code int(text)} for a string the index pattern matched at its start ("01" is 1). */
    private static Integer pyIndex(String part) {
        String t = PyOps.strip(part);
        if (!t.matches("[0-9](?:_?[0-9])*")) {
            throw new MergeFailure("ValueError: invalid literal for int() with base 10: '" + part + "'");
        }
        BigInteger v = new BigInteger(t.replace("_", ""));
        return v.bitLength() < 31 ? v.intValue() : Integer.MAX_VALUE;
    }

    private static boolean isSequence(Object doc) {
        return doc instanceof List || doc instanceof String || doc instanceof io.cernvm.context.cloudconfig.YamlBinary;
    }

    /** {@code JsonPointer.walk}. */
    private static Object walk(Object doc, String rawPart) {
        Object part = part(doc, rawPart);
        if (isSequence(doc)) {
            if ("-".equals(part)) {
                return END_OF_LIST;
            }
            int i = (Integer) part;
            if (i >= PyOps.len(doc)) {
                throw new MergeFailure("JsonPointerException: index '" + i + "' is out of bounds");
            }
            return PyOps.index(doc, i);
        }
        PyKey k = PyKey.of(part);
        MDict d = (MDict) doc;
        if (!d.containsKey(k)) {
            throw new MergeFailure("JsonPointerException: member '" + part + "' not found");
        }
        return d.get(k);
    }

    /** {@code JsonPointer(path)}: parts unescaped. */
    private static List<String> pointer(Object path) {
        if (!(path instanceof String p)) {
            throw new MergeFailure("InvalidJsonPatch: Invalid 'path'");
        }
        if (INVALID_ESCAPE.matcher(p).find()) {
            throw new MergeFailure("JsonPointerException: Found invalid escape");
        }
        String[] raw = p.split("/", -1);
        if (!raw[0].isEmpty()) {
            throw new MergeFailure("JsonPointerException: Location must start with /");
        }
        List<String> parts = new ArrayList<>();
        for (int i = 1; i < raw.length; i++) {
            parts.add(raw[i].replace("~1", "/").replace("~0", "~"));
        }
        return parts;
    }

    /** Python {@code ==} between loaded values (dicts regardless of order; list and tuple differ). */
    static boolean deepEquals(Object a, Object b) {
        if (a == END_OF_LIST || b == END_OF_LIST) {
            return false;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            Map<PyKey, Object> x = pyMap(ma);
            Map<PyKey, Object> y = pyMap(mb);
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<PyKey, Object> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !deepEquals(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if ((a instanceof PyTuple) != (b instanceof PyTuple) || la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!deepEquals(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof PySet sa && b instanceof PySet sb) {
            return sa.equals(sb);
        }
        if (a instanceof Map || b instanceof Map || a instanceof List || b instanceof List) {
            return false;
        }
        return PyKey.pyEquals(a, b);
    }

    @SuppressWarnings("unchecked")
    private static Map<PyKey, Object> pyMap(Map<?, ?> m) {
        if (m instanceof MDict d) {
            return d;
        }
        Map<PyKey, Object> out = new LinkedHashMap<>();
        ((PyDict) m).pyEntries().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** {@code copy.deepcopy}: containers become mutable copies, shared ones stay shared. */
    private static Object copy(Object v, IdentityHashMap<Object, Object> memo) {
        if (!(v instanceof Map || v instanceof List)) {
            return v;
        }
        Object done = memo.get(v);
        if (done != null) {
            return done;
        }
        if (v instanceof PyDict || v instanceof MDict) {
            MDict d = new MDict();
            memo.put(v, d);
            pyMap((Map<?, ?>) v).forEach((k, x) -> d.put(k, copy(x, memo)));
            return d;
        }
        if (v instanceof PyTuple t) {
            List<Object> items = new ArrayList<>();
            t.forEach(x -> items.add(copy(x, memo)));
            PyTuple c = new PyTuple(items);
            memo.put(v, c);
            return c;
        }
        MList l = new MList();
        memo.put(v, l);
        ((List<?>) v).forEach(x -> l.add(copy(x, memo)));
        return l;
    }

    /** Back to the immutable kinds, sharing kept. */
    private static Object freeze(Object v, IdentityHashMap<Object, Object> memo) {
        if (!(v instanceof MDict || v instanceof MList || v instanceof PyTuple)) {
            return v;
        }
        Object done = memo.get(v);
        if (done != null) {
            return done;
        }
        Object result;
        if (v instanceof MDict d) {
            PyDict.Builder b = PyDict.builder();
            d.forEach((k, x) -> b.put(k, freeze(x, memo)));
            result = b.build();
        } else if (v instanceof PyTuple t) {
            List<Object> items = new ArrayList<>();
            t.forEach(x -> items.add(freeze(x, memo)));
            result = new PyTuple(items);
        } else {
            List<Object> items = new ArrayList<>();
            ((MList) v).forEach(x -> items.add(freeze(x, memo)));
            result = Collections.unmodifiableList(items);
        }
        memo.put(v, result);
        return result;
    }

    /** {@code json.loads(text, object_pairs_hook=multidict)}: a repeated key collects its values in a list. */
    private static Object parseJson(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new MergeFailure("JSONDecodeError: Expecting value");
            }
            Object value = read(p, first);
            if (p.nextToken() != null) {
                throw new MergeFailure("JSONDecodeError: Extra data");
            }
            return value;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MergeFailure("JSONDecodeError: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MergeFailure("JSONDecodeError: " + e.getMessage());
        }
    }

    private static Object read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                LinkedHashMap<PyKey, List<Object>> pairs = new LinkedHashMap<>();
                for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
                    PyKey k = PyKey.of(p.currentName());
                    pairs.computeIfAbsent(k, x -> new ArrayList<>()).add(read(p, p.nextToken()));
                }
                MDict d = new MDict();
                pairs.forEach((k, vs) -> {
                    if (vs.size() == 1) {
                        d.put(k, vs.get(0));
                    } else {
                        MList l = new MList();
                        l.addAll(vs);
                        d.put(k, l);
                    }
                });
                return d;
            }
            case START_ARRAY -> {
                MList l = new MList();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    l.add(read(p, e));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return PyYamlConstructor.narrow(p.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new MergeFailure("JSONDecodeError: unexpected " + t);
        }
    }
}
