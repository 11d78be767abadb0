package io.cernvm.context.ucernvm;

import java.util.Objects;

/**
 * One line the µCernVM bootloader's parser printed, {@code _UCONTEXT_<key>=<value>}. Serialised
 * by its component names.
 *
 * @param key   the upper-cased key without the {@code _UCONTEXT_} prefix, decoded as UTF-8 (bytes
 *              that are not UTF-8 show as U+FFFD; {@link UcernvmBlock#output()} has the exact bytes)
 * @param value the value as printed: {@code 1}/{@code 0} for yes/on/true and no/off/false,
 *              otherwise verbatim (quotes included), decoded like {@code key}
 * @param line  the 1-based line of the user data (after gunzip) the entry came from
 */
public record UcernvmEntry(String key, String value, int line) {

    /** Checks the components. */
    public UcernvmEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1: " + line);
        }
    }
}
