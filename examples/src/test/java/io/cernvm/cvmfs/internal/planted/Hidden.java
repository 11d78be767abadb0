package io.cernvm.cvmfs.internal.planted;

/** A class in another module's internal package. */
public final class Hidden {
}
