package io.cernvm.cvmfs.internal.catalog;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.NotFoundException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves symlinks inside a repository as libcvmfs's {@code expand_path} does: every component
 * is looked up, a symlink is replaced by its expanded target (relative to its directory, or
 * absolute below the repository's mount path {@code /cvmfs/<fqrn>}), {@code ..} never climbs
 * above the root, and more than 1000 links is a loop. A target outside the repository is not
 * found, so nothing escapes it.
 */
public final class SymlinkResolver {

    /** libcvmfs's recursion limit. */
    public static final int MAX_LINKS = 1000;

    private final CatalogTree tree;
    private final Map<String, String> environment;
    private final String mountPath;

    /**
     * @param tree        the catalogs
     * @param environment variables for {@code $(VAR)} in targets
     * @param mountPath   where the repository is mounted for absolute targets, e.g. {@code /cvmfs/test.cern.ch}
     */
    public SymlinkResolver(CatalogTree tree, Map<String, String> environment, String mountPath) {
        this.tree = tree;
        this.environment = Map.copyOf(environment);
        this.mountPath = mountPath;
    }

    /**
     * @param path       a user's path (absolute; {@code .} and {@code ..} allowed)
     * @param followLast whether a symlink in the last component is followed too
     * @return the canonical path it names
     * @throws NotFoundException when a component is missing, a loop, or outside the repository
     */
    public String resolve(String path, boolean followLast) {
        Optional<CatalogEntry> direct = direct(path, followLast);
        return direct.isPresent() ? direct.get().path() : walk(path, followLast);
    }

    /**
     * @param path       a user's path (absolute; {@code .} and {@code ..} allowed)
     * @param followLast whether a symlink in the last component is followed too
     * @return the entry at the canonical path it names, looked up once where the path is canonical
     * @throws NotFoundException when a component is missing, a loop, or outside the repository
     */
    public CatalogEntry entry(String path, boolean followLast) {
        Optional<CatalogEntry> direct = direct(path, followLast);
        return direct.isPresent() ? direct.get() : tree.require(walk(path, followLast));
    }

    /** The entry of a canonical path that needs no symlink resolved; empty where the walk is needed. */
    private Optional<CatalogEntry> direct(String path, boolean followLast) {
        if (path == null || !(path.isEmpty() || path.startsWith("/")) || path.indexOf('\0') >= 0) {
            throw new NotFoundException("not an absolute repository path", FaultLocation.atPath(String.valueOf(path).replace("\0", "\\0")));
        }
        // entries are stored under real paths only, so a row found for the whole canonical path
        // proves every directory above it is a real directory
        if (isCanonical(path)) {
            Optional<CatalogEntry> direct = tree.lookup(path.equals("/") ? "" : path);
            if (direct.isPresent() && (!followLast || direct.get().row().typeBits() != 0120000)) {
                return direct;
            }
        }
        return Optional.empty();
    }

    private String walk(String path, boolean followLast) {
        Deque<String> todo = new ArrayDeque<>(split(path));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.pop();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (done.isEmpty()) {
                    throw new NotFoundException("path leads outside of the repository", FaultLocation.atPath(path));
                }
                done.remove(done.size() - 1);
                continue;
            }
            String candidate = join(done) + "/" + c;
            if (todo.isEmpty() && !followLast) {
                done.add(c);
                break;
            }
            Optional<CatalogEntry> e = tree.lookup(candidate);
            if (e.isEmpty()) {
                throw new NotFoundException("no such file or directory", FaultLocation.atPath(candidate));
            }
            CatalogRow row = e.get().row();
            int type = row.typeBits();
            if (type == 0120000) {
                if (++links > MAX_LINKS) {
                    throw new NotFoundException("too many levels of symbolic links", FaultLocation.atPath(path));
                }
                String target = SymlinkTemplate.expand(row.symlink(), environment);
                if (target.indexOf('\0') >= 0 || target.isEmpty()) {
                    throw new NotFoundException("symbolic link has no usable target", FaultLocation.atPath(candidate));
                }
                if (target.startsWith("/")) {
                    if (!(target.equals(mountPath) || target.startsWith(mountPath + "/"))) {
                        throw new NotFoundException("symbolic link points outside of the repository: " + target,
                                FaultLocation.atPath(candidate));
                    }
                    done.clear();
                    target = target.substring(mountPath.length());
                }
                List<String> parts = split(target);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    todo.push(parts.get(i));
                }
                continue;
            }
            if (!todo.isEmpty() && type != 0040000 && todo.stream().anyMatch(s -> !s.isEmpty() && !s.equals("."))) {
                throw new NotFoundException("not a directory", FaultLocation.atPath(candidate));
            }
            done.add(c);
        }
        return join(done);
    }

    private static List<String> split(String p) {
        return List.of(p.split("/", -1));
    }

    private static String join(List<String> parts) {
        return parts.isEmpty() ? "" : "/" + String.join("/", parts);
    }

    private static boolean isCanonical(String path) {
        if (path.isEmpty() || path.equals("/")) {
            return true;
        }
        int start = 1;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            int len = end - start;
            if (len == 0 || (len == 1 && path.charAt(start) == '.')
                    || (len == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }
}
