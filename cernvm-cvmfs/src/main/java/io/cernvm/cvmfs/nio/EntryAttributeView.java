package io.cernvm.cvmfs.nio;

import java.io.IOException;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/** The {@code basic}, {@code owner}, {@code posix} and {@code cvmfs} views of one path: reads now, never writes. */
final class EntryAttributeView implements CvmfsFileAttributeView {

    private final String name;
    private final CvmfsPath path;
    private final boolean follow;

    EntryAttributeView(String name, CvmfsPath path, boolean follow) {
        this.name = name;
        this.path = path;
        this.follow = follow;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CvmfsFileAttributes readAttributes() throws IOException {
        return path.getFileSystem().attributes(path, follow);
    }

    @Override
    public UserPrincipal getOwner() throws IOException {
        return readAttributes().owner();
    }

    @Override
    public void setTimes(FileTime lastModifiedTime, FileTime lastAccessTime, FileTime createTime) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void setOwner(UserPrincipal owner) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void setPermissions(Set<PosixFilePermission> perms) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void setGroup(GroupPrincipal group) {
        throw new ReadOnlyFileSystemException();
    }
}
