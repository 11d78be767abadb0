package io.cernvm.context.internal.mime;

/**
 * An exception cloud-init would not catch while processing user data: cloud-init then uses
 * none of it. Carries Python's exception text.
 */
final class PyCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PyCrash(String message) {
        super(message, null, false, false);
    }
}
