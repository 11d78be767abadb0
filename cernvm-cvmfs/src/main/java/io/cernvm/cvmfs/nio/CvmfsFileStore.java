package io.cernvm.cvmfs.nio;

import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;

/** The one store of a repository: read only, with no space to offer. */
final class CvmfsFileStore extends java.nio.file.FileStore {

    private final String repository;

    CvmfsFileStore(String repository) {
        this.repository = repository;
    }

    @Override
    public String name() {
        return repository;
    }

    @Override
    public String type() {
        return "cvmfs";
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public long getTotalSpace() {
        return 0;
    }

    @Override
    public long getUsableSpace() {
        return 0;
    }

    @Override
    public long getUnallocatedSpace() {
        return 0;
    }

    @Override
    public boolean supportsFileAttributeView(Class<? extends FileAttributeView> type) {
        return type == BasicFileAttributeView.class || type == FileOwnerAttributeView.class
                || type == PosixFileAttributeView.class || type == CvmfsFileAttributeView.class;
    }

    @Override
    public boolean supportsFileAttributeView(String name) {
        return AttributeProvider.NAMES.contains(name);
    }

    @Override
    public <V extends FileStoreAttributeView> V getFileStoreAttributeView(Class<V> type) {
        return null;
    }

    @Override
    public Object getAttribute(String attribute) {
        throw new UnsupportedOperationException("no file store attribute '" + attribute + "'");
    }

    @Override
    public String toString() {
        return repository + " (cvmfs, read only)";
    }
}
