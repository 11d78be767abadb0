package io.cernvm.context.planted;

/** Planted violation: context may not use cvmfs, let alone its internals. */
public final class ReachesIntoInternal {
    /** @return an internal object of another module */
    public Object use() {
        return new io.cernvm.cvmfs.internal.planted.Hidden();
    }
}
