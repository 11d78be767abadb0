package io.cernvm.api.planted;

/** Planted violation: the api may not use any module above it. */
public final class UpwardArrow {
    /** @return an object of a module above the api */
    public Object use() {
        return new io.cernvm.cvmfs.internal.planted.Hidden();
    }
}
