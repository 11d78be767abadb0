package io.cernvm.cvmfs.nio;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One attribute view readable by name ({@code "posix:permissions"}, {@code "cvmfs:*"}): its
 * own attributes and the views it inherits, as jimfs's attribute providers.
 */
enum AttributeProvider {
    /** {@code basic}: times, size, type, file key. */
    BASIC("basic", List.of(), Map.ofEntries(
            e("lastModifiedTime", CvmfsFileAttributes::lastModifiedTime),
            e("lastAccessTime", CvmfsFileAttributes::lastAccessTime),
            e("creationTime", CvmfsFileAttributes::creationTime),
            e("size", CvmfsFileAttributes::size),
            e("isRegularFile", CvmfsFileAttributes::isRegularFile),
            e("isDirectory", CvmfsFileAttributes::isDirectory),
            e("isSymbolicLink", CvmfsFileAttributes::isSymbolicLink),
            e("isOther", CvmfsFileAttributes::isOther),
            e("fileKey", CvmfsFileAttributes::fileKey))),
    /** {@code owner}: the owner. */
    OWNER("owner", List.of(), Map.ofEntries(e("owner", CvmfsFileAttributes::owner))),
    /** {@code posix}: basic and owner, plus group and permissions. */
    POSIX("posix", List.of(BASIC, OWNER), Map.ofEntries(
            e("group", CvmfsFileAttributes::group),
            e("permissions", CvmfsFileAttributes::permissions))),
    /** {@code cvmfs}: posix, plus what the catalog says. */
    CVMFS("cvmfs", List.of(POSIX), Map.ofEntries(
            e("hash", CvmfsFileAttributes::hash),
            e("checksum", CvmfsFileAttributes::checksum),
            e("chunks", CvmfsFileAttributes::chunks),
            e("catalog", CvmfsFileAttributes::catalog),
            e("revision", CvmfsFileAttributes::revision),
            e("rawTarget", CvmfsFileAttributes::rawTarget),
            e("target", CvmfsFileAttributes::target),
            e("nlink", CvmfsFileAttributes::nlink),
            e("uid", CvmfsFileAttributes::uid),
            e("gid", CvmfsFileAttributes::gid),
            e("mode", CvmfsFileAttributes::mode),
            e("hardlinkGroup", CvmfsFileAttributes::hardlinkGroup),
            e("external", CvmfsFileAttributes::external),
            e("externalUrl", CvmfsFileAttributes::externalUrl)));

    /** The view names a file system of this provider supports. */
    static final Set<String> NAMES = Set.of("basic", "owner", "posix", "cvmfs");

    private final String viewName;
    private final List<AttributeProvider> inherits;
    private final Map<String, Function<CvmfsFileAttributes, Object>> own;

    AttributeProvider(String viewName, List<AttributeProvider> inherits, Map<String, Function<CvmfsFileAttributes, Object>> own) {
        this.viewName = viewName;
        this.inherits = inherits;
        this.own = own;
    }

    private static Map.Entry<String, Function<CvmfsFileAttributes, Object>> e(String name, Function<CvmfsFileAttributes, Object> reader) {
        return Map.entry(name, reader);
    }

    /** @return the view's name */
    String viewName() {
        return viewName;
    }

    /**
     * @param name a view name
     * @return the provider of that view
     */
    static Optional<AttributeProvider> named(String name) {
        return Arrays.stream(values()).filter(p -> p.viewName.equals(name)).findFirst();
    }

    /**
     * @param attribute an attribute name
     * @return how to read it from this view or one it inherits
     */
    Optional<Function<CvmfsFileAttributes, Object>> reader(String attribute) {
        Function<CvmfsFileAttributes, Object> f = own.get(attribute);
        if (f != null) {
            return Optional.of(f);
        }
        for (AttributeProvider p : inherits) {
            Optional<Function<CvmfsFileAttributes, Object>> r = p.reader(attribute);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    /** Every attribute of this view and the views it inherits, inherited ones first. */
    void readAll(CvmfsFileAttributes attrs, Map<String, Object> into) {
        for (AttributeProvider p : inherits) {
            p.readAll(attrs, into);
        }
        own.keySet().stream().sorted().forEach(k -> into.put(k, own.get(k).apply(attrs)));
    }

    /**
     * Reads attributes by {@code Files.readAttributes(path, String)}'s syntax.
     *
     * @param spec  {@code [view:]name[,name]…} or {@code [view:]*}; the view defaults to {@code basic}
     * @param attrs the entry's attributes
     * @return the attributes asked for
     * @throws UnsupportedOperationException when the view is unknown
     * @throws IllegalArgumentException      when an attribute is unknown or none is named
     */
    static Map<String, Object> read(String spec, CvmfsFileAttributes attrs) {
        int colon = spec.indexOf(':');
        String view = colon < 0 ? "basic" : spec.substring(0, colon);
        String list = colon < 0 ? spec : spec.substring(colon + 1);
        AttributeProvider provider = named(view)
                .orElseThrow(() -> new UnsupportedOperationException("no attribute view '" + view + "'; there are " + NAMES));
        Map<String, Object> out = new LinkedHashMap<>();
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no attribute named in '" + spec + "'");
        }
        for (String name : list.split(",", -1)) {
            if (name.equals("*")) {
                provider.readAll(attrs, out);
            } else {
                Function<CvmfsFileAttributes, Object> r = provider.reader(name)
                        .orElseThrow(() -> new IllegalArgumentException("no attribute '" + name + "' in view '" + view + "'"));
                out.put(name, r.apply(attrs));
            }
        }
        return out;
    }
}
