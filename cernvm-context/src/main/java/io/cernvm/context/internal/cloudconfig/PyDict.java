package io.cernvm.context.internal.cloudconfig;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An unmodifiable, insertion-ordered map with Python's key equality ({@link PyKey}): what a
 * YAML mapping becomes in PyYAML and what cloud-init's mergers build. Iteration gives the key
 * objects as first inserted, as a Python dict keeps them.
 */
public final class PyDict extends AbstractMap<Object, Object> {
    /** The empty dict. */
    public static final PyDict EMPTY = new PyDict(new LinkedHashMap<>());

    private final LinkedHashMap<PyKey, Object> entries;

    private PyDict(LinkedHashMap<PyKey, Object> entries) {
        this.entries = entries;
    }

    /** @return a builder holding a copy of this dict's entries */
    public Builder toBuilder() {
        return new Builder(new LinkedHashMap<>(entries));
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder(new LinkedHashMap<>());
    }

    /** @return the entries keyed by their Python keys */
    public Set<Map.Entry<PyKey, Object>> pyEntries() {
        return java.util.Collections.unmodifiableMap(entries).entrySet();
    }

    /** @return whether the dict holds a key equal to {@code key} in Python's sense */
    public boolean containsPyKey(PyKey key) {
        return entries.containsKey(key);
    }

    /** @return the value under a Python-equal key, or {@code null} */
    public Object getPy(PyKey key) {
        return entries.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return PyKey.isHashable(key) && entries.containsKey(PyKey.of(key));
    }

    @Override
    public Object get(Object key) {
        return PyKey.isHashable(key) ? entries.get(PyKey.of(key)) : null;
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public Set<Map.Entry<Object, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<Object, Object>> iterator() {
                Iterator<Map.Entry<PyKey, Object>> it = entries.entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Map.Entry<Object, Object> next() {
                        Map.Entry<PyKey, Object> e = it.next();
                        return new SimpleImmutableEntry<>(e.getKey().value(), e.getValue());
                    }
                };
            }

            @Override
            public int size() {
                return entries.size();
            }
        };
    }

    /** Collects entries with Python's dict assignment rules, then freezes them. */
    public static final class Builder {
        private final LinkedHashMap<PyKey, Object> entries;

        private Builder(LinkedHashMap<PyKey, Object> entries) {
            this.entries = entries;
        }

        /**
         * {@code d[key] = value}: an existing Python-equal key keeps its object and position.
         *
         * @return this builder
         */
        public Builder put(PyKey key, Object value) {
            entries.put(key, value);
            return this;
        }

        /** @return whether a Python-equal key is present */
        public boolean contains(PyKey key) {
            return entries.containsKey(key);
        }

        /** @return the value under a Python-equal key, or {@code null} */
        public Object get(PyKey key) {
            return entries.get(key);
        }

        /** {@code d.pop(key)}. */
        public void remove(PyKey key) {
            entries.remove(key);
        }

        /** @return the frozen dict; the builder must not be used afterwards */
        public PyDict build() {
            return new PyDict(entries);
        }
    }
}
