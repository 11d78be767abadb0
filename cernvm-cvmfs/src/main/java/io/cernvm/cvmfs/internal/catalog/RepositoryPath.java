package io.cernvm.cvmfs.internal.catalog;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.NotFoundException;

/**
 * Canonical repository paths: {@code ""} for the root, else {@code /a/b} with no empty,
 * {@code .} or {@code ..} component and no NUL, so nothing names a place outside the
 * repository.
 */
public final class RepositoryPath {

    private RepositoryPath() {
    }

    /**
     * @param path a user's path: {@code /}, {@code ""}, {@code /a/b} or {@code /a/b/}
     * @return the canonical form
     * @throws NotFoundException when the path cannot name an entry
     */
    public static String canonical(String path) {
        if (path == null) {
            throw new NotFoundException("no path", FaultLocation.NOWHERE);
        }
        String p = path;
        if (p.isEmpty() || p.equals("/")) {
            return "";
        }
        if (!p.startsWith("/")) {
            throw new NotFoundException("a repository path starts with '/'", FaultLocation.atPath(path));
        }
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        for (String c : p.substring(1).split("/", -1)) {
            if (!isValidName(c)) {
                throw new NotFoundException("not a canonical repository path", FaultLocation.atPath(path));
            }
        }
        return p;
    }

    /**
     * @param name a path component
     * @return whether it is a valid entry name: not empty, {@code .} or {@code ..}, no {@code /} or NUL
     */
    public static boolean isValidName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && name.indexOf('/') < 0 && name.indexOf('\0') < 0;
    }

    /**
     * @param canonical a canonical path
     * @return its parent ({@code ""} for children of the root)
     */
    public static String parent(String canonical) {
        int i = canonical.lastIndexOf('/');
        return i <= 0 ? "" : canonical.substring(0, i);
    }

    /**
     * @param canonical a canonical path
     * @return its last component ({@code ""} for the root)
     */
    public static String name(String canonical) {
        return canonical.substring(canonical.lastIndexOf('/') + 1);
    }

    /**
     * @param canonical a canonical path
     * @return the form users see: {@code /} for the root
     */
    public static String display(String canonical) {
        return canonical.isEmpty() ? "/" : canonical;
    }

    /**
     * @param parent a canonical directory
     * @param name   a valid name
     * @return the child's canonical path
     */
    public static String child(String parent, String name) {
        return parent + "/" + name;
    }
}
