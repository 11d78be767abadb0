package io.cernvm.cvmfs.nio;

import java.io.IOException;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * The {@code cvmfs} attribute view: the POSIX view, reading {@link CvmfsFileAttributes}. Every
 * setter throws {@link java.nio.file.ReadOnlyFileSystemException}. By name, its attributes are
 * those of {@code posix} plus {@code hash}, {@code checksum}, {@code chunks}, {@code catalog},
 * {@code revision}, {@code rawTarget}, {@code target}, {@code nlink}, {@code uid}, {@code gid},
 * {@code mode} and {@code hardlinkGroup} ({@code "cvmfs:*"} reads them all).
 */
public interface CvmfsFileAttributeView extends PosixFileAttributeView {

    /** @return {@code "cvmfs"} */
    @Override
    String name();

    /**
     * @return the entry's attributes, read now
     * @throws IOException {@link java.nio.file.NoSuchFileException} when the entry does not exist
     */
    @Override
    CvmfsFileAttributes readAttributes() throws IOException;
}
