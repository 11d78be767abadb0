package io.cernvm.context.internal.cloudconfig;

/**
 * A Python exception cloud-init would raise while reading merge settings or merging a part
 * ({@code TypeError}, {@code KeyError}, {@code ValueError}, {@code ImportError}, …): the
 * cloud-config handler catches it, logs it and skips the part.
 */
public final class MergeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message the Python exception as cloud-init would log it, e.g. {@code TypeError: …} */
    public MergeFailure(String message) {
        super(message, null, false, false);
    }
}
