package io.cernvm.context.planted;

/** A legal dependency: context uses the api. */
public final class UsesApi {
    /** @return an api value */
    public Object use() {
        return io.cernvm.api.FaultLocation.NOWHERE;
    }
}
