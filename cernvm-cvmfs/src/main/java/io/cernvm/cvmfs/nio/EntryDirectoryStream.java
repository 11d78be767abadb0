package io.cernvm.cvmfs.nio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** The entries of one directory, listed when the stream was opened, filtered as iterated. */
final class EntryDirectoryStream implements DirectoryStream<Path> {

    private final List<CvmfsPath> entries;
    private final Filter<? super Path> filter;
    private volatile boolean closed;
    private boolean iterated;

    EntryDirectoryStream(List<CvmfsPath> entries, Filter<? super Path> filter) {
        this.entries = List.copyOf(entries);
        this.filter = filter;
    }

    @Override
    public synchronized Iterator<Path> iterator() {
        if (closed) {
            throw new IllegalStateException("the directory stream is closed");
        }
        if (iterated) {
            throw new IllegalStateException("a directory stream is iterated once");
        }
        iterated = true;
        Iterator<CvmfsPath> all = entries.iterator();
        return new Iterator<>() {
            private Path next;

            @Override
            public boolean hasNext() {
                while (next == null && !closed && all.hasNext()) {
                    CvmfsPath p = all.next();
                    try {
                        if (filter == null || filter.accept(p)) {
                            next = p;
                        }
                    } catch (IOException e) {
                        throw new DirectoryIteratorException(e);
                    } catch (UncheckedIOException e) {
                        throw new DirectoryIteratorException(e.getCause());
                    }
                }
                return next != null;
            }

            @Override
            public Path next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Path p = next;
                next = null;
                return p;
            }
        };
    }

    @Override
    public void close() {
        closed = true;
    }
}
