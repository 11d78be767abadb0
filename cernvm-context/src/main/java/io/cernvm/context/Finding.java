package io.cernvm.context;

import java.util.Objects;

/**
 * One observation about user data, with a stable code and a position. Serialised by its
 * component names.
 *
 * @param severity how serious it is
 * @param code     a stable code, e.g. {@code UCERNVM_CRLF}; the README lists every code
 * @param part     0-based part index, or {@code null} when it concerns the whole document
 * @param line     1-based line inside the part's payload (or the raw document), or {@code null}
 * @param column   1-based column, or {@code null}
 * @param message  what was found
 * @param hint     what to do about it, or {@code null}
 */
public record Finding(Severity severity, String code, Integer part, Integer line, Integer column,
                      String message, String hint) {

    /** Checks the required components and the ranges. */
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        if (part != null && part < 0 || line != null && line < 1 || column != null && column < 1) {
            throw new IllegalArgumentException("part must be >= 0, line and column >= 1");
        }
    }
}
