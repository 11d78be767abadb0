package io.cernvm.cvmfs.nio;

import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;

/**
 * Owners and groups as a repository publishes them: numeric ids, named by their decimal
 * form, since no user database of the publishing machine travels with the repository.
 */
final class NumericPrincipal {

    private NumericPrincipal() {
    }

    /** @param id the uid */
    record User(long id) implements UserPrincipal {
        @Override
        public String getName() {
            return Long.toString(id);
        }

        @Override
        public String toString() {
            return getName();
        }
    }

    /** @param id the gid */
    record Group(long id) implements GroupPrincipal {
        @Override
        public String getName() {
            return Long.toString(id);
        }

        @Override
        public String toString() {
            return getName();
        }
    }
}
