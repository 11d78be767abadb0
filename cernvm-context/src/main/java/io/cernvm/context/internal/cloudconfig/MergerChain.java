package io.cernvm.context.internal.cloudconfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * cloud-init's {@code LookupMerger} built by {@code mergers.construct}: each value is merged by
 * the first merger in the chain that handles its Python type ({@code m_dict} for a dict,
 * {@code m_list} for a list or tuple, {@code m_str} for a string); a value of any other type,
 * or one whose merger is missing from the chain, is kept as it was.
 */
public final class MergerChain {
    /** Python's default recursion limit gives out at about this many nested merges. */
    static final int MAX_RECURSION = 190;

    private final DictMerger dict;
    private final ListMerger list;
    private final StrMerger str;
    private int depth;

    private MergerChain(List<MergerSpec> specs) {
        DictMerger d = null;
        ListMerger l = null;
        StrMerger s = null;
        // every merger is built (its options tested), but the first of each kind is used
        for (MergerSpec spec : specs) {
            switch (spec.kind()) {
                case "dict" -> {
                    DictMerger m = new DictMerger(spec.options());
                    d = d == null ? m : d;
                }
                case "list" -> {
                    ListMerger m = new ListMerger(spec.options());
                    l = l == null ? m : l;
                }
                default -> {
                    StrMerger m = new StrMerger(spec.options());
                    s = s == null ? m : s;
                }
            }
        }
        this.dict = d;
        this.list = l;
        this.str = s;
    }

    /**
     * {@code mergers.construct}: every spec is checked and built, in order.
     *
     * @throws MergeFailure for an unknown merger name or options Python cannot test
     */
    public static MergerChain construct(List<MergerSpec> specs) {
        for (MergerSpec s : specs) {
            s.kind();
        }
        return new MergerChain(specs);
    }

    /** @return whether the chain has a dict merger (without one, merging a part changes nothing) */
    public boolean mergesDicts() {
        return dict != null;
    }

    /** {@code LookupMerger.merge(value, merge_with)}. */
    public Object merge(Object value, Object mergeWith) {
        if (++depth > MAX_RECURSION) {
            depth = 0;
            throw new MergeFailure("RecursionError: maximum recursion depth exceeded");
        }
        try {
            if (value instanceof PyDict d) {
                return dict == null ? value : dict.onDict(d, mergeWith);
            }
            if (value instanceof PyTuple t) {
                return list == null ? value : new PyTuple(PyOps.iterate(list.onList(t, mergeWith)));
            }
            if (value instanceof List<?> l) {
                return list == null ? value : list.onList(l, mergeWith);
            }
            if (value instanceof String s) {
                return str == null ? value : str.onStr(s, mergeWith);
            }
            return value;
        } finally {
            depth = Math.max(0, depth - 1);
        }
    }

    private static boolean isListOrTuple(Object o) {
        return o instanceof List;
    }

    /** {@code m_dict.Merger}. */
    private final class DictMerger {
        private final boolean replace;
        private final boolean recurseStr;
        private final boolean recurseArray;
        private final boolean allowDelete;

        DictMerger(Object opts) {
            // MERGE_TYPES = ("replace", "no_replace"), first found wins; default no_replace
            boolean r = PyOps.in("replace", opts);
            if (!r) {
                PyOps.in("no_replace", opts);
            }
            this.replace = r;
            this.recurseStr = PyOps.in("recurse_str", opts);
            this.recurseArray = PyOps.in("recurse_array", opts) || PyOps.in("recurse_list", opts);
            this.allowDelete = PyOps.in("allow_delete", opts);
        }

        Object onDict(PyDict value, Object mergeWith) {
            if (!(mergeWith instanceof PyDict with)) {
                return value;
            }
            PyDict.Builder merged = value.toBuilder();
            for (Map.Entry<PyKey, Object> e : with.pyEntries()) {
                PyKey k = e.getKey();
                Object v = e.getValue();
                if (merged.contains(k)) {
                    if (v == null && allowDelete) {
                        merged.remove(k);
                    } else {
                        merged.put(k, mergeSameKey(merged.get(k), v));
                    }
                } else {
                    merged.put(k, v);
                }
            }
            return merged.build();
        }

        private Object mergeSameKey(Object oldV, Object newV) {
            if (replace) {
                return newV;
            }
            if (isListOrTuple(newV) && recurseArray || newV instanceof String && recurseStr
                    || newV instanceof PyDict) {
                return MergerChain.this.merge(oldV, newV);
            }
            return oldV;
        }
    }

    /** {@code m_list.Merger}. */
    private final class ListMerger {
        private final String method;
        private final boolean recurseStr;
        private final boolean recurseDict;
        private final boolean recurseArray;

        ListMerger(Object opts) {
            String m = "replace";
            for (String candidate : List.of("append", "prepend", "replace", "no_replace")) {
                if (PyOps.in(candidate, opts)) {
                    m = candidate;
                    break;
                }
            }
            this.method = m;
            this.recurseStr = PyOps.in("recurse_str", opts);
            this.recurseDict = PyOps.in("recurse_dict", opts);
            this.recurseArray = PyOps.in("recurse_array", opts) || PyOps.in("recurse_list", opts);
        }

        /** {@code _on_list}; may return {@code mergeWith} itself. */
        Object onList(List<?> value, Object mergeWith) {
            if (method.equals("replace") && !isListOrTuple(mergeWith)) {
                return mergeWith;
            }
            List<Object> merged = new ArrayList<>();
            if (method.equals("prepend")) {
                merged.addAll(PyOps.iterate(mergeWith));
                merged.addAll(value);
                return Collections.unmodifiableList(merged);
            } else if (method.equals("append")) {
                merged.addAll(value);
                merged.addAll(PyOps.iterate(mergeWith));
                return Collections.unmodifiableList(merged);
            }
            merged.addAll(value);
            int common = Math.min(merged.size(), PyOps.len(mergeWith));
            for (int i = 0; i < common; i++) {
                merged.set(i, mergeSameIndex(merged.get(i), PyOps.index(mergeWith, i)));
            }
            return Collections.unmodifiableList(merged);
        }

        private Object mergeSameIndex(Object oldV, Object newV) {
            if (method.equals("no_replace")) {
                return oldV;
            }
            if (isListOrTuple(newV) && recurseArray || newV instanceof String && recurseStr
                    || newV instanceof PyDict && recurseDict) {
                return MergerChain.this.merge(oldV, newV);
            }
            return newV;
        }
    }

    /** {@code m_str.Merger}. */
    private static final class StrMerger {
        private final boolean append;

        StrMerger(Object opts) {
            this.append = PyOps.in("append", opts);
        }

        Object onStr(String value, Object mergeWith) {
            if (!append) {
                return mergeWith;
            }
            if (!(mergeWith instanceof String s)) {
                throw new MergeFailure("TypeError: can only concatenate str (not \"" + PyTypes.name(mergeWith)
                        + "\") to str");
            }
            return value + s;
        }
    }
}
