package io.cernvm.context.internal.cloudconfig;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An unmodifiable Python tuple: the {@code (key, value)} entries PyYAML builds for
 * {@code !!omap} and {@code !!pairs}. cloud-init's list merger treats it apart from a list.
 */
public final class PyTuple extends AbstractList<Object> {
    private final List<Object> items;

    /** @param items the elements, copied */
    public PyTuple(Collection<?> items) {
        this.items = new ArrayList<>(items);
    }

    @Override
    public Object get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }
}
