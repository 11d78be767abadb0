package io.cernvm.cvmfs.nio;

import io.cernvm.cvmfs.FileAttributes;
import io.cernvm.cvmfs.FileType;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * {@link CvmfsFileAttributes} over the client's {@link FileAttributes}.
 *
 * @param entry    what the catalog says
 * @param revision the revision read
 */
record EntryAttributes(FileAttributes entry, long revision) implements CvmfsFileAttributes {

    /** Checks the entry. */
    EntryAttributes {
        Objects.requireNonNull(entry, "entry");
    }

    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(BITS[i]);
            }
        }
        return set;
    }

    @Override
    public UserPrincipal owner() {
        return new NumericPrincipal.User(entry.uid());
    }

    @Override
    public GroupPrincipal group() {
        return new NumericPrincipal.Group(entry.gid());
    }

    @Override
    public Set<PosixFilePermission> permissions() {
        return permissions(entry.mode());
    }

    @Override
    public FileTime lastModifiedTime() {
        return FileTime.from(entry.mtime());
    }

    @Override
    public FileTime lastAccessTime() {
        return lastModifiedTime();
    }

    @Override
    public FileTime creationTime() {
        return lastModifiedTime();
    }

    @Override
    public boolean isRegularFile() {
        return entry.type() == FileType.FILE;
    }

    @Override
    public boolean isDirectory() {
        return entry.type() == FileType.DIRECTORY;
    }

    @Override
    public boolean isSymbolicLink() {
        return entry.type() == FileType.SYMLINK;
    }

    @Override
    public boolean isOther() {
        return !isRegularFile() && !isDirectory() && !isSymbolicLink();
    }

    @Override
    public long size() {
        return entry.size();
    }

    @Override
    public Object fileKey() {
        return entry.fileKey();
    }

    @Override
    public String hash() {
        return entry.hash();
    }

    @Override
    public String checksum() {
        return entry.checksum();
    }

    @Override
    public int chunks() {
        return entry.chunks();
    }

    @Override
    public String catalog() {
        return entry.catalog();
    }

    @Override
    public String rawTarget() {
        return entry.rawTarget();
    }

    @Override
    public String target() {
        return entry.target();
    }

    @Override
    public long nlink() {
        return entry.nlink();
    }

    @Override
    public long uid() {
        return entry.uid();
    }

    @Override
    public long gid() {
        return entry.gid();
    }

    @Override
    public int mode() {
        return entry.mode();
    }

    @Override
    public long hardlinkGroup() {
        return entry.hardlinkGroup();
    }

    @Override
    public boolean external() {
        return entry.external();
    }

    @Override
    public String externalUrl() {
        return entry.externalUrl();
    }
}
