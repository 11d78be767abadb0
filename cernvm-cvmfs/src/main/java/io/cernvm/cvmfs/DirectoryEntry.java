package io.cernvm.cvmfs;

import java.util.Objects;

/**
 * One entry of a directory listing.
 *
 * @param name       the entry's name
 * @param attributes its attributes
 */
public record DirectoryEntry(String name, FileAttributes attributes) {

    /** Checks the parts. */
    public DirectoryEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(attributes, "attributes");
    }

    /** @return the entry's absolute path inside the repository */
    public String path() {
        return attributes.path();
    }
}
