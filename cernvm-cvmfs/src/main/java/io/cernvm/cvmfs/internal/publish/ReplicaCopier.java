package io.cernvm.cvmfs.internal.publish;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import io.cernvm.cvmfs.Tag;
import io.cernvm.cvmfs.internal.history.HistoryDatabase;
import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.HashAlgorithm;
import io.cernvm.cvmfs.internal.object.ObjectType;
import io.cernvm.cvmfs.internal.object.ZlibCodec;
import io.cernvm.cvmfs.internal.transport.RepositoryTransport;
import io.cernvm.cvmfs.internal.trust.ManifestFile;
import io.cernvm.cvmfs.internal.trust.Whitelist;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Copies a verified repository into a Stratum 1 directory as {@code cvmfs_server snapshot}
 * ({@code swissknife_pull.cc}) does: every object reachable from the manifest's root catalog
 * and from every tagged revision in the history, each verified against its hash before it is
 * stored; a catalog is stored only after everything it references, so a catalog already present
 * means its whole subtree is (which makes later runs incremental and an interrupted run
 * resumable); the certificate, history and meta-info next; {@code .cvmfswhitelist} and
 * {@code .cvmfspublished} last.
 */
public final class ReplicaCopier {
    private static final long MAX_CATALOG = 4L << 30;

    private final RepositoryTransport source;
    private final ObjectStore target;
    private final Path workDir;
    private long copied;
    private long present;

    /** @param source where the repository is read; @param target the replica's object store */
    public ReplicaCopier(RepositoryTransport source, ObjectStore target) {
        this.source = source;
        this.target = target;
        this.workDir = target.storage().resolve("data").resolve("txn");
    }

    /** @return objects copied so far */
    public long copied() {
        return copied;
    }

    /** @return objects found already present so far */
    public long present() {
        return present;
    }

    /**
     * Copies everything the verified manifest and whitelist name, then those two files.
     *
     * @param manifestBytes  the verified {@code .cvmfspublished}
     * @param whitelistBytes the verified {@code .cvmfswhitelist}
     * @param manifest       its parsed form
     * @param timestamp      the snapshot time for {@code .cvmfs_last_snapshot}
     */
    public void copy(byte[] manifestBytes, byte[] whitelistBytes, ManifestFile manifest, String timestamp)
            throws IOException, SQLException {
        Set<ContentHash> roots = new LinkedHashSet<>();
        roots.add(manifest.rootCatalog());
        if (manifest.history() != null) {
            byte[] history = fetchVerified(manifest.history());
            Path file = workDir.resolve("publish-replica-history-" + ProcessHandle.current().pid() + ".db");
            Files.write(file, ZlibCodec.inflate(history, MAX_CATALOG, source.locate(manifest.history().objectPath())));
            try {
                for (Tag t : HistoryDatabase.read(file, FaultLocation.atPath(file.toString())).tags()) {
                    roots.add(ContentHash.parse(t.rootHash(), ObjectType.CATALOG));
                }
            } finally {
                Files.deleteIfExists(file);
            }
            for (ContentHash root : roots) {
                copyCatalog(root);
            }
            store(manifest.history(), history);
        } else {
            copyCatalog(manifest.rootCatalog());
        }
        copyObject(manifest.certificate());
        if (manifest.metainfo() != null) {
            copyObject(manifest.metainfo());
        }
        Path dir = target.storage();
        target.sync(); // every object durable before the whitelist and manifest name them
        AtomicFiles.write(dir.resolve(".cvmfs_last_snapshot"), (timestamp + "\n").getBytes(StandardCharsets.US_ASCII));
        AtomicFiles.write(dir.resolve(Whitelist.FILE), whitelistBytes);
        AtomicFiles.write(dir.resolve(ManifestFile.FILE), manifestBytes);
    }

    private void copyCatalog(ContentHash catalog) throws IOException, SQLException {
        if (target.contains(catalog)) {
            present++;
            return;
        }
        byte[] raw = fetchVerified(catalog);
        Path file = workDir.resolve("publish-replica-" + ProcessHandle.current().pid() + "-" + catalog.hex() + ".db");
        Files.write(file, ZlibCodec.inflate(raw, MAX_CATALOG, source.locate(catalog.objectPath())));
        List<ContentHash> objects = new ArrayList<>();
        List<ContentHash> nested = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                Statement s = c.createStatement()) {
            // Regular files with content under data/ (external files, flag 128, live elsewhere).
            try (ResultSet r = s.executeQuery("SELECT hash, flags FROM catalog WHERE hash IS NOT NULL AND (flags & 128) = 0")) {
                while (r.next()) {
                    objects.add(new ContentHash(algorithm(r.getLong(2)), r.getBytes(1), ObjectType.FILE));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT chunks.hash, catalog.flags FROM chunks JOIN catalog "
                    + "ON chunks.md5path_1 = catalog.md5path_1 AND chunks.md5path_2 = catalog.md5path_2 "
                    + "WHERE (catalog.flags & 128) = 0")) {
                while (r.next()) {
                    objects.add(new ContentHash(algorithm(r.getLong(2)), r.getBytes(1), ObjectType.PARTIAL));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT sha1 FROM nested_catalogs")) {
                while (r.next()) {
                    nested.add(ContentHash.parse(r.getString(1), ObjectType.CATALOG));
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        for (ContentHash h : new LinkedHashSet<>(objects)) {
            copyObject(h);
        }
        for (ContentHash n : nested) {
            copyCatalog(n);
        }
        store(catalog, raw);
    }

    private static HashAlgorithm algorithm(long flags) {
        return HashAlgorithm.fromCatalogFlags(flags).orElseThrow(() ->
                new IntegrityException("unknown hash algorithm in catalog flags " + flags, FaultLocation.NOWHERE));
    }

    private void copyObject(ContentHash hash) throws IOException {
        if (target.contains(hash)) {
            present++;
            return;
        }
        store(hash, fetchVerified(hash));
    }

    private byte[] fetchVerified(ContentHash hash) {
        byte[] raw = source.fetch(hash.objectPath(), false);
        if (!hash.matches(raw)) {
            source.reportCorrupt(hash.objectPath());
            raw = source.fetch(hash.objectPath(), true);
            if (!hash.matches(raw)) {
                throw new IntegrityException("object does not match its hash", source.locate(hash.objectPath()));
            }
        }
        return raw;
    }

    private void store(ContentHash hash, byte[] raw) throws IOException {
        if (target.contains(hash)) {
            present++;
            return;
        }
        target.putRaw(hash, raw);
        copied++;
    }
}
