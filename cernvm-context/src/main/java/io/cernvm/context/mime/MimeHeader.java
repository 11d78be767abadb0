package io.cernvm.context.mime;

import java.util.Objects;

/**
 * One MIME header of a part, as cloud-init holds it after processing.
 *
 * @param name  the field name as written
 * @param value the raw value (folded lines keep their line breaks, as Python keeps them)
 */
public record MimeHeader(String name, String value) {

    /** Checks the components. */
    public MimeHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
