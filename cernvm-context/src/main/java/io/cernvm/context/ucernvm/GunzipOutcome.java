package io.cernvm.context.ucernvm;

/**
 * What the bootloader's single {@code gzip -d} attempt on the whole user data gave
 * ({@code cernvm-micro:scripts.d/06context}): on success the decompressed bytes replace the user
 * data, on any failure the raw bytes are parsed as they are.
 */
public enum GunzipOutcome {
    /** The data does not start with the gzip magic bytes; the raw bytes were parsed. */
    NOT_GZIP,
    /** busybox {@code gzip -d} would succeed; the decompressed bytes were parsed. */
    DECOMPRESSED,
    /** It starts like gzip but busybox {@code gzip -d} would fail; the raw bytes were parsed. */
    FAILED
}
