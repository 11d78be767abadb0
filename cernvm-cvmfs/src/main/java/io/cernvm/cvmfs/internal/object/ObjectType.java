package io.cernvm.cvmfs.internal.object;

import java.util.Optional;

/**
 * What an object in the content-addressed store holds, as told by the one-letter suffix of its
 * name ({@code crypto/hash.h}); file content has none.
 */
public enum ObjectType {
    /** Whole-file content: no suffix. */
    FILE(""),
    /** A file catalog, {@code C}. */
    CATALOG("C"),
    /** The history (tag) database, {@code H}. */
    HISTORY("H"),
    /** The repository certificate, {@code X}. */
    CERTIFICATE("X"),
    /** Repository meta-info JSON, {@code M}. */
    METAINFO("M"),
    /** One chunk of a chunked file, {@code P}. */
    PARTIAL("P"),
    /** A micro-catalog (unused upstream), {@code L}. */
    MICRO_CATALOG("L"),
    /** A server-side temporary object, {@code T}. */
    TEMPORARY("T");

    private final String suffix;

    ObjectType(String suffix) {
        this.suffix = suffix;
    }

    /** @return the suffix appended to an object's name */
    public String suffix() {
        return suffix;
    }

    /**
     * @param c a suffix character
     * @return the type it names, or empty
     */
    public static Optional<ObjectType> fromSuffix(char c) {
        for (ObjectType t : values()) {
            if (t.suffix.length() == 1 && t.suffix.charAt(0) == c) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
