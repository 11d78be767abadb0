package io.cernvm.cvmfs.publish;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Publishes a small but well-formed CernVM system repository, laid out as
 * {@code cernvm-prod.cern.ch} is: a root tree under {@code /cvm3} ({@code bin}, {@code sbin},
 * {@code etc}, {@code usr/lib}, …) in its own nested catalog, the release marker
 * {@code /cvm3/.installed_cernvm-system-<version>}, one tag {@code cernvm-system-<version>} per
 * release and the rolling tag {@code HEAD} moved to the newest, as upstream's
 * {@code set_rolling_tag.sh} does. The tree is synthetic (a shell-script init and deterministic
 * library files) unless a static busybox binary is supplied, which then provides {@code /bin}.
 */
public final class CernvmSystemDemo {
    /** The repository name of the real CernVM system repository. */
    public static final String FQRN = "cernvm-prod.cern.ch";
    /** The rolling tag of CernVM 3. */
    public static final String ROLLING_TAG = "HEAD";
    /** Releases published by default, oldest first. */
    public static final List<String> DEFAULT_VERSIONS = List.of("3.0.0.0", "3.1.0.0", "3.2.0.0");

    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+){3}");
    private static final String[] APPLETS = {"sh", "ls", "cat", "mount", "echo"};

    private CernvmSystemDemo() {
    }

    /**
     * Publishes each release in order, tags it {@code cernvm-system-<version>} and points
     * {@code HEAD} at the newest.
     *
     * @param publisher where to publish (its keys normally name {@link #FQRN})
     * @param workDir   a scratch directory for the trees
     * @param versions  releases, oldest first, each {@code N.N.N.N}
     * @param busybox   a static busybox binary to install, if any
     * @return one result per release
     */
    public static List<PublishResult> publish(Publisher publisher, Path workDir, List<String> versions,
            Optional<Path> busybox) {
        Objects.requireNonNull(publisher, "publisher");
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("no versions");
        }
        List<PublishResult> out = new ArrayList<>();
        TagEditor tags = publisher.tags();
        for (String v : versions) {
            Path tree = workDir.resolve("cernvm-system-" + v);
            writeTree(tree, v, busybox);
            out.add(publisher.publish(tree, "cernvm-system-" + v, "CernVM system " + v));
            if (tags.find(ROLLING_TAG).isPresent()) {
                tags.move(ROLLING_TAG, out.get(out.size() - 1).revision());
            } else {
                tags.add(ROLLING_TAG, "rolling tag: newest CernVM 3 system");
            }
        }
        return out;
    }

    /**
     * Writes the root tree of one release into {@code root} (emptied first).
     *
     * @param root    the directory
     * @param version the release, {@code N.N.N.N}
     * @param busybox a static busybox binary to install, if any
     */
    public static void writeTree(Path root, String version, Optional<Path> busybox) {
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("not a CernVM version (N.N.N.N): " + version);
        }
        try {
            deleteRecursively(root);
            Path cvm = root.resolve("cvm3");
            file(cvm.resolve(".cvmfscatalog"), new byte[0], "rw-r--r--");
            file(cvm.resolve(".installed_cernvm-system-" + version), new byte[0], "rw-r--r--");
            file(cvm.resolve("etc/os-release"), text("NAME=\"CernVM\"\nVERSION=\"" + version + "\"\nID=cernvm\n"
                    + "PRETTY_NAME=\"CernVM " + version + " (demo)\"\n"), "rw-r--r--");
            file(cvm.resolve("etc/issue"), text("CernVM " + version + " \\n \\l\n"), "rw-r--r--");
            file(cvm.resolve("etc/fstab"), text("# demo system: nothing to mount\n"), "rw-r--r--");
            file(cvm.resolve("etc/hostname"), text("cernvm\n"), "rw-r--r--");
            if (busybox.isPresent()) {
                Path bb = cvm.resolve("bin/busybox");
                Files.createDirectories(bb.getParent());
                Files.copy(busybox.get(), bb);
                Files.setPosixFilePermissions(bb, PosixFilePermissions.fromString("rwxr-xr-x"));
                for (String applet : APPLETS) {
                    Files.createSymbolicLink(cvm.resolve("bin/" + applet), Path.of("busybox"));
                }
            } else {
                file(cvm.resolve("bin/sh"), text("#!/bin/sh\n# placeholder shell of the demo system\nexec \"$@\"\n"),
                        "rwxr-xr-x");
            }
            file(cvm.resolve("sbin/init"), text("#!/bin/sh\necho \"Booting CernVM " + version + "\"\nexec /bin/sh\n"),
                    "rwxr-xr-x");
            Random r = new Random(version.hashCode());
            byte[] lib = new byte[96 * 1024];
            r.nextBytes(lib);
            file(cvm.resolve("usr/lib/libcernvm-demo.so.3"), lib, "rwxr-xr-x");
            Files.createSymbolicLink(cvm.resolve("usr/lib/libcernvm-demo.so"), Path.of("libcernvm-demo.so.3"));
            file(cvm.resolve("usr/lib/modules/README"), text("kernel modules of the demo system\n"), "rw-r--r--");
            file(cvm.resolve("usr/share/doc/cernvm/RELEASE"), text("cernvm-system-" + version + "\n"), "rw-r--r--");
            Files.createSymbolicLink(cvm.resolve("lib"), Path.of("usr/lib"));
            Files.createSymbolicLink(cvm.resolve("lib64"), Path.of("usr/lib"));
            for (String d : new String[] {"dev", "proc", "sys", "run", "home", "root", "var/log"}) {
                Files.createDirectories(cvm.resolve(d));
            }
            Path tmp = cvm.resolve("tmp");
            Files.createDirectories(tmp);
            Files.setAttribute(tmp, "unix:mode", 01777); // sticky bit, which POSIX permission sets cannot express
            settleTimes(root);
        } catch (IOException e) {
            throw new IntegrityException("cannot write the demo tree: " + e.getMessage(),
                    FaultLocation.atPath(root.toString()), e);
        }
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void file(Path p, byte[] content, String perms) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }

    /** Gives every entry one fixed time so releases differ only in content. */
    private static void settleTimes(Path root) throws IOException {
        FileTime t = FileTime.fromMillis(1_400_000_000_000L);
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(t, null, null);
            }
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
