package io.cernvm.cvmfs.internal.catalog;

import io.cernvm.api.ConfigurationException;
import io.cernvm.api.FaultLocation;
import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.ObjectFetcher;
import io.cernvm.cvmfs.internal.object.ObjectCompression;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Fetches a catalog object, verifies it, decompresses it into a temporary file and opens it
 * (from the disk cache when the fetcher has one, pinned there while this process runs).
 * Catalogs are always zlib-compressed ({@code catalog_mgr_client.cc} fetches them with
 * {@code compressed=true}).
 */
public final class CatalogLoader {

    private static final long MAX_CATALOG_BYTES = 16L << 30;

    private final ObjectFetcher objects;
    private final Path workDirectory;

    /**
     * @param objects       the verified object source
     * @param workDirectory where decompressed catalogs are kept while open
     */
    public CatalogLoader(ObjectFetcher objects, Path workDirectory) {
        this.objects = Objects.requireNonNull(objects, "objects");
        this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
    }

    /**
     * @param hash       the catalog object
     * @param mountpoint where it is mounted ({@code ""} for the root)
     * @return the opened catalog; its file is deleted when it is closed
     */
    public OpenedCatalog load(ContentHash hash, String mountpoint) {
        FaultLocation at = objects.transport().locate(hash.objectPath());
        Path file;
        try {
            Files.createDirectories(workDirectory);
            file = Files.createTempFile(workDirectory, hash.hex().substring(0, 8) + "-", ".catalog");
        } catch (IOException e) {
            throw unusable(workDirectory, e);
        }
        try {
            objects.fetchTo(hash, ObjectCompression.ZLIB, MAX_CATALOG_BYTES, file);
            objects.cache().ifPresent(c -> c.pin(hash)); // as upstream pins loaded catalogs against eviction
            return new OpenedCatalog(Catalog.open(file, mountpoint, hash, at), file);
        } catch (UncheckedIOException e) {
            deleteQuietly(file);
            throw unusable(workDirectory, e.getCause());
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    /**
     * @param directory the work directory
     * @param e         what failed
     * @return the error to report: the directory is not usable
     */
    public static ConfigurationException unusable(Path directory, IOException e) {
        return new ConfigurationException("work directory for catalogs is not usable: " + e,
                FaultLocation.atPath(directory.toString()), e);
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file; the work directory is removed on close as well
        }
    }

    /**
     * A catalog and its temporary file.
     *
     * @param catalog the catalog
     * @param file    its decompressed SQLite file
     */
    public record OpenedCatalog(Catalog catalog, Path file) implements AutoCloseable {
        /** Closes the catalog and deletes its file. */
        @Override
        public void close() {
            catalog.close();
            deleteQuietly(file);
        }
    }
}
