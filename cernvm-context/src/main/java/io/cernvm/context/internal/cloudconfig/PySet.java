package io.cernvm.context.internal.cloudconfig;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * An unmodifiable set with Python's member equality, in document order: what PyYAML builds for
 * {@code !!set}. (Python iterates a set in hash order, which varies with the process's hash
 * seed; document order is the one stable choice.)
 */
public final class PySet extends AbstractSet<Object> {
    private final LinkedHashSet<PyKey> members;

    /** @param members the members */
    public PySet(LinkedHashSet<PyKey> members) {
        this.members = new LinkedHashSet<>(members);
    }

    @Override
    public boolean contains(Object o) {
        return PyKey.isHashable(o) && members.contains(PyKey.of(o));
    }

    @Override
    public Iterator<Object> iterator() {
        Iterator<PyKey> it = members.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Object next() {
                return it.next().value();
            }
        };
    }

    @Override
    public int size() {
        return members.size();
    }
}
