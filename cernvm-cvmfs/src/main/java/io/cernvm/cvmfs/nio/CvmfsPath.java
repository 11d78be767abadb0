package io.cernvm.cvmfs.nio;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A path in a {@link CvmfsFileSystem}: {@code /} separated names, absolute when it starts at
 * the repository's root. Immutable; parsing, {@link #resolve}, {@link #relativize} and
 * {@link #normalize} touch no repository. The working directory of relative paths is the root.
 */
public final class CvmfsPath implements Path {

    private final CvmfsFileSystem fileSystem;
    private final boolean absolute;
    private final List<String> names;
    private volatile String text;

    CvmfsPath(CvmfsFileSystem fileSystem, boolean absolute, List<String> names) {
        this.fileSystem = fileSystem;
        this.absolute = absolute;
        this.names = List.copyOf(names);
    }

    static CvmfsPath parse(CvmfsFileSystem fileSystem, String input) {
        PathNames p = PathNames.parse(input);
        return new CvmfsPath(fileSystem, p.absolute(), p.names());
    }

    List<String> names() {
        return names;
    }

    private CvmfsPath with(boolean abs, List<String> n) {
        return new CvmfsPath(fileSystem, abs, n);
    }

    private boolean isEmpty() {
        return !absolute && names.isEmpty();
    }

    private CvmfsPath check(Path other) {
        Objects.requireNonNull(other, "other");
        if (!(other instanceof CvmfsPath p) || p.fileSystem != fileSystem) {
            throw new ProviderMismatchException("not a path of " + fileSystem + ": " + other);
        }
        return p;
    }

    /** @return the file system this path belongs to */
    @Override
    public CvmfsFileSystem getFileSystem() {
        return fileSystem;
    }

    /** @return whether this path starts at the root */
    @Override
    public boolean isAbsolute() {
        return absolute;
    }

    /** @return the root {@code /} for an absolute path, else {@code null} */
    @Override
    public CvmfsPath getRoot() {
        return absolute ? with(true, List.of()) : null;
    }

    /** @return the last name; this empty path itself for the empty path; {@code null} for the root */
    @Override
    public CvmfsPath getFileName() {
        if (names.isEmpty()) {
            return absolute ? null : this;
        }
        return with(false, List.of(names.get(names.size() - 1)));
    }

    /** @return the path without its last name, or {@code null} when there is none */
    @Override
    public CvmfsPath getParent() {
        if (names.isEmpty() || (names.size() == 1 && !absolute)) {
            return null;
        }
        return with(absolute, names.subList(0, names.size() - 1));
    }

    /** @return the number of names (the empty path has one, the empty name, as {@code UnixPath}) */
    @Override
    public int getNameCount() {
        return isEmpty() ? 1 : names.size();
    }

    /**
     * @param index a name's position
     * @return that name as a relative path
     */
    @Override
    public CvmfsPath getName(int index) {
        if (isEmpty() && index == 0) {
            return this;
        }
        if (index < 0 || index >= names.size()) {
            throw new IllegalArgumentException("no name at " + index + " in " + this);
        }
        return with(false, List.of(names.get(index)));
    }

    /**
     * @param beginIndex the first name's position
     * @param endIndex   one past the last name's position
     * @return those names as a relative path
     */
    @Override
    public CvmfsPath subpath(int beginIndex, int endIndex) {
        if (isEmpty() && beginIndex == 0 && endIndex == 1) {
            return this;
        }
        if (beginIndex < 0 || endIndex > names.size() || beginIndex >= endIndex) {
            throw new IllegalArgumentException("no subpath [" + beginIndex + ", " + endIndex + ") in " + this);
        }
        return with(false, names.subList(beginIndex, endIndex));
    }

    /**
     * @param other a path of this file system
     * @return whether this path begins with its root and names
     */
    @Override
    public boolean startsWith(Path other) {
        CvmfsPath o = check(other);
        if (o.absolute != absolute) {
            return false;
        }
        if (o.isEmpty()) {
            return isEmpty();
        }
        return o.names.size() <= names.size() && names.subList(0, o.names.size()).equals(o.names);
    }

    /**
     * @param other a path of this file system
     * @return whether this path ends with its names (an absolute one: equals it)
     */
    @Override
    public boolean endsWith(Path other) {
        CvmfsPath o = check(other);
        if (o.absolute) {
            return equals(o);
        }
        if (o.isEmpty()) {
            return isEmpty();
        }
        int k = names.size() - o.names.size();
        return k >= 0 && names.subList(k, names.size()).equals(o.names);
    }

    /** @return this path without {@code .} names and with each {@code ..} cancelling the name before it */
    @Override
    public CvmfsPath normalize() {
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) {
            if (n.equals(".")) {
                continue;
            }
            if (n.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                    continue;
                }
                if (absolute) {
                    continue; // the root is its own parent
                }
            }
            out.add(n);
        }
        return out.equals(names) ? this : with(absolute, out);
    }

    /**
     * @param other a path of this file system
     * @return {@code other} when it is absolute, else this path followed by its names
     */
    @Override
    public CvmfsPath resolve(Path other) {
        CvmfsPath o = check(other);
        if (o.absolute) {
            return o;
        }
        if (o.names.isEmpty()) {
            return this;
        }
        List<String> n = new ArrayList<>(names);
        n.addAll(o.names);
        return with(absolute, n);
    }

    /**
     * @param other a path of this file system, absolute exactly when this one is
     * @return the relative path that leads from this path to {@code other}, name by name
     */
    @Override
    public CvmfsPath relativize(Path other) {
        CvmfsPath o = check(other);
        if (o.absolute != absolute) {
            throw new IllegalArgumentException("one of " + this + " and " + o + " is absolute, the other is not");
        }
        int common = 0;
        while (common < names.size() && common < o.names.size() && names.get(common).equals(o.names.get(common))) {
            common++;
        }
        List<String> n = new ArrayList<>();
        for (int i = common; i < names.size(); i++) {
            n.add("..");
        }
        n.addAll(o.names.subList(common, o.names.size()));
        return with(false, n);
    }

    /**
     * @return {@code cvmfs://<fqrn>/<absolute path>}, every byte of the UTF-8 form that is not
     *         allowed in a URI path percent-encoded (not {@code URI}'s multi-argument
     *         constructor, whose ASCII form normalizes names to NFC)
     */
    @Override
    public URI toUri() {
        StringBuilder sb = new StringBuilder(CvmfsFileSystemProvider.SCHEME).append("://").append(fileSystem.name());
        byte[] utf8 = toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8);
        for (byte b : utf8) {
            int c = b & 0xff;
            if (c < 0x80 && PATH_CHARS.indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return URI.create(sb.toString());
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** RFC 3986 unreserved characters, sub-delimiters, {@code :}, {@code @} and {@code /}. */
    private static final String PATH_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/";

    /** @return this path when absolute, else the root resolved against it */
    @Override
    public CvmfsPath toAbsolutePath() {
        return absolute ? this : with(true, names);
    }

    /**
     * @param options {@link LinkOption#NOFOLLOW_LINKS} to leave symlinks as they are
     * @return the absolute, canonical path of the existing entry, symlinks followed inside the repository
     * @throws IOException {@link java.nio.file.NoSuchFileException} when it does not exist
     */
    @Override
    public CvmfsPath toRealPath(LinkOption... options) throws IOException {
        return fileSystem.realPath(this, CvmfsFileSystemProvider.follows(options));
    }

    /** @throws UnsupportedOperationException always: a repository does not change */
    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("a CernVM-FS revision never changes; there is nothing to watch");
    }

    /**
     * @param other a path of this file system
     * @return the order of the string forms
     */
    @Override
    public int compareTo(Path other) {
        return toString().compareTo(check(other).toString());
    }

    /**
     * @param obj an object
     * @return whether it is a path of the same file system with the same string form
     */
    @Override
    public boolean equals(Object obj) {
        return obj instanceof CvmfsPath p && p.fileSystem == fileSystem && p.absolute == absolute && p.names.equals(names);
    }

    @Override
    public int hashCode() {
        return Objects.hash(absolute, names);
    }

    /** @return the names joined with {@code /}, led by {@code /} when absolute */
    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = (absolute ? "/" : "") + String.join("/", names);
            text = t;
        }
        return t;
    }
}
