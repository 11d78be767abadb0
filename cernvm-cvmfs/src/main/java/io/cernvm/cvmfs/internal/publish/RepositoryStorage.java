package io.cernvm.cvmfs.internal.publish;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.HashAlgorithm;
import io.cernvm.cvmfs.internal.object.ZlibCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files of a repository directory the publisher reads and replaces: {@code .cvmfspublished},
 * {@code .cvmfswhitelist}, {@code .cvmfsreflog} and objects under {@code data/}.
 */
public final class RepositoryStorage {
    /** The manifest's file name. */
    public static final String MANIFEST = ".cvmfspublished";
    /** The whitelist's file name. */
    public static final String WHITELIST = ".cvmfswhitelist";
    /** The reflog's file name. */
    public static final String REFLOG = ".cvmfsreflog";
    private static final long MAX_DATABASE = 4L << 30;

    private final Path dir;
    private final String fqrn;

    /** @param dir the repository directory; @param fqrn its name */
    public RepositoryStorage(Path dir, String fqrn) {
        this.dir = dir;
        this.fqrn = fqrn;
    }

    /** @return the directory */
    public Path dir() {
        return dir;
    }

    /** @return the work area for temporary files ({@code data/txn}) */
    public Path workDir() {
        return dir.resolve("data").resolve("txn");
    }

    /** @return the current manifest, verified against the certificate key; empty for a new repository */
    public Optional<ManifestState> current(PublicKey certificateKey) {
        Path m = dir.resolve(MANIFEST);
        if (!Files.exists(m)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ManifestState.parse(Files.readAllBytes(m), fqrn, certificateKey,
                    FaultLocation.atPath(m.toString())));
        } catch (IOException e) {
            throw new IntegrityException("cannot read the manifest: " + e.getMessage(), FaultLocation.atPath(m.toString()), e);
        }
    }

    /** @return the whitelist's text before its signature, if there is one */
    public Optional<String> whitelistText() throws IOException {
        Path w = dir.resolve(WHITELIST);
        if (!Files.exists(w)) {
            return Optional.empty();
        }
        byte[] b = Files.readAllBytes(w);
        return Optional.of(io.cernvm.cvmfs.internal.object.SignedLetter.cut(b, FaultLocation.atPath(w.toString()))
                .letterText());
    }

    /** Decompresses an object into a new file in the work area. */
    public Path inflateToFile(ContentHash hash, String name) throws IOException {
        Path object = dir.resolve(hash.objectPath());
        FaultLocation where = FaultLocation.atPath(object.toString());
        if (!Files.exists(object)) {
            throw new IntegrityException("object named by the repository is missing", where);
        }
        byte[] compressed = Files.readAllBytes(object);
        if (!hash.matches(compressed)) {
            throw new IntegrityException("object does not match its hash", where);
        }
        Path out = workDir().resolve("publish-" + ProcessHandle.current().pid() + "-" + name);
        Files.write(out, ZlibCodec.inflate(compressed, MAX_DATABASE, where));
        return out;
    }

    /**
     * @return every nested catalog's path and hash string below a root catalog, recursively
     *         (used for each nested catalog's {@code previous_revision})
     */
    public Map<String, String> nestedCatalogs(ContentHash root) throws IOException, SQLException {
        Map<String, String> out = new HashMap<>();
        collectNested(root, out);
        return out;
    }

    private void collectNested(ContentHash catalog, Map<String, String> out) throws IOException, SQLException {
        Path file = inflateToFile(catalog, "previous-catalog.db");
        Map<String, String> children = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT path, sha1 FROM nested_catalogs")) {
            while (r.next()) {
                children.put(r.getString(1), r.getString(2));
            }
        } finally {
            Files.deleteIfExists(file);
        }
        for (Map.Entry<String, String> e : children.entrySet()) {
            out.put(e.getKey(), e.getValue());
            collectNested(ContentHash.parse(e.getValue(), io.cernvm.cvmfs.internal.object.ObjectType.CATALOG), out);
        }
    }

    /** Writes the empty {@code .cvmfs_master_replica} marker unless present. */
    public void markReplicable() throws IOException {
        Path marker = dir.resolve(".cvmfs_master_replica");
        if (!Files.exists(marker)) {
            AtomicFiles.write(marker, new byte[0]);
        }
    }

    /** Replaces the whitelist atomically. */
    public void writeWhitelist(byte[] whitelist) throws IOException {
        AtomicFiles.write(dir.resolve(WHITELIST), whitelist);
    }

    /** A reflog entry. */
    public record Ref(String hash, int type) {
    }

    /**
     * Adds references to a copy of the reflog and puts the copy in place atomically.
     *
     * @return the reflog's hash string for the manifest's {@code Y}
     */
    public String updateReflog(List<Ref> refs, long timestamp, HashAlgorithm algorithm) throws IOException, SQLException {
        Path reflog = dir.resolve(REFLOG);
        Path temp = workDir().resolve("publish-" + ProcessHandle.current().pid() + "-reflog.db");
        Files.deleteIfExists(temp);
        boolean create = !Files.exists(reflog);
        if (!create) {
            Files.copy(reflog, temp);
        }
        try (ReflogDatabase db = ReflogDatabase.openOrCreate(temp, create, fqrn)) {
            for (Ref r : refs) {
                db.add(r.hash(), r.type(), timestamp);
            }
        }
        byte[] bytes = Files.readAllBytes(temp);
        AtomicFiles.commit(temp, reflog);
        return HashForms.hashStringOf(algorithm, bytes);
    }

    /** Replaces the manifest atomically: the last step of every change. */
    public void writeManifest(byte[] manifest) throws IOException {
        AtomicFiles.write(dir.resolve(MANIFEST), manifest);
    }

    /** @return the default meta-info JSON, shaped like upstream's {@code update-repoinfo} template */
    public static String defaultMetaInfo(String fqrn) {
        return "{\n"
                + "  \"administrator\" : \"\",\n"
                + "  \"email\"         : \"\",\n"
                + "  \"organisation\"  : \"\",\n"
                + "  \"description\"   : \"Repository content for " + fqrn.replace("\"", "") + "\",\n"
                + "  \"url\"           : \"\",\n"
                + "  \"recommended-stratum0\":  \"\",\n"
                + "  \"recommended-stratum1s\" : [ ],\n"
                + "\n"
                + "  \"custom\" : {\n"
                + "  }\n"
                + "}\n";
    }

    /** @return the bytes of a meta-info text */
    public static byte[] metaInfoBytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
