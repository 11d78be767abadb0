package io.cernvm.cvmfs.publish;

import io.cernvm.api.ConfigurationException;
import io.cernvm.cvmfs.Tag;
import io.cernvm.api.FaultLocation;
import io.cernvm.api.IntegrityException;
import io.cernvm.api.NotFoundException;
import io.cernvm.cvmfs.internal.publish.HistoryWriter;
import io.cernvm.cvmfs.internal.publish.HistoryRow;
import io.cernvm.cvmfs.internal.publish.ManifestState;
import io.cernvm.cvmfs.internal.publish.ObjectStore;
import io.cernvm.cvmfs.internal.publish.HashForms;
import io.cernvm.cvmfs.internal.publish.RepositoryStorage;
import io.cernvm.cvmfs.internal.publish.StorageLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists, adds, removes and moves named tags of a published repository, as {@code cvmfs_server
 * tag} does. Each change writes a new history object and re-signs the manifest; the root
 * catalog and revision stay. {@code trunk} and {@code trunk-previous} are maintained by
 * {@link Publisher#publish} and cannot be edited.
 */
public final class TagEditor {
    private final Publisher publisher;

    TagEditor(Publisher publisher) {
        this.publisher = publisher;
    }

    /** @return every tag, newest revision first */
    public List<Tag> list() {
        RepositoryStorage repo = publisher.repository();
        ManifestState m = manifest(repo);
        if (m.history() == null) {
            return List.of();
        }
        try {
            Path file = repo.inflateToFile(m.history(), "history-list.db");
            try (HistoryWriter h = HistoryWriter.open(file)) {
                List<Tag> out = new ArrayList<>();
                for (HistoryRow r : h.list()) {
                    out.add(tag(r));
                }
                return out;
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException | SQLException e) {
            throw new IntegrityException("cannot read the history database: " + e.getMessage(),
                    FaultLocation.atPath(repo.dir().toString()), e);
        }
    }

    /** @return the tag of that name, if any */
    public Optional<Tag> find(String name) {
        return list().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * Tags the current revision.
     *
     * @param name        the new tag
     * @param description its description ({@code null} for none)
     * @return the tag
     * @throws ConfigurationException when the name exists or is reserved
     */
    public Tag add(String name, String description) {
        return edit(name, description, null, false);
    }

    /**
     * Tags an earlier revision (any revision some tag still names).
     *
     * @param name        the new tag
     * @param description its description ({@code null} for none)
     * @param revision    the revision to tag
     * @return the tag
     * @throws NotFoundException when no tag names that revision
     */
    public Tag add(String name, String description, long revision) {
        return edit(name, description, revision, false);
    }

    /**
     * Points an existing tag at another revision, keeping its description.
     *
     * @param name     the tag
     * @param revision the revision it should name
     * @return the moved tag
     * @throws NotFoundException when the tag or the revision is unknown
     */
    public Tag move(String name, long revision) {
        return edit(name, null, revision, true);
    }

    /**
     * Removes tags.
     *
     * @param names the tags
     * @throws NotFoundException when one does not exist (nothing is changed then)
     */
    public void remove(String... names) {
        for (String n : names) {
            Publisher.checkTagName(n);
        }
        commit(h -> {
            for (String n : names) {
                if (h.find(n).isEmpty()) {
                    throw new NotFoundException("no tag '" + n + "'", FaultLocation.atKey(n, null, null));
                }
            }
            for (String n : names) {
                h.remove(n);
            }
            return null;
        });
    }

    private Tag edit(String name, String description, Long revision, boolean move) {
        Publisher.checkTagName(name);
        Tag[] made = new Tag[1];
        commit(h -> {
            Optional<HistoryRow> existing = h.find(name);
            if (move && existing.isEmpty()) {
                throw new NotFoundException("no tag '" + name + "'", FaultLocation.atKey(name, null, null));
            }
            if (!move && existing.isPresent()) {
                throw new ConfigurationException("tag '" + name + "' already exists", FaultLocation.atKey(name, null, null));
            }
            HistoryRow target = (revision == null ? h.find(HistoryWriter.TRUNK) : h.findRevision(revision))
                    .orElseThrow(() -> new NotFoundException("no tagged revision " + (revision == null ? "HEAD" : revision),
                            FaultLocation.atKey(name, null, null)));
            String desc = move ? existing.get().description() : description;
            HistoryRow row = new HistoryRow(name, target.hash(), target.revision(), target.timestamp(), desc, target.size());
            h.put(row);
            made[0] = tag(row);
            return null;
        });
        return made[0];
    }

    private interface Change {
        Void apply(HistoryWriter h) throws SQLException;
    }

    private void commit(Change change) {
        RepositoryStorage repo = publisher.repository();
        try (StorageLock lock = publisher.lock()) {
            ManifestState m = manifest(repo);
            ObjectStore store = new ObjectStore(repo.dir(), HashForms.of(publisher.hashAlgorithm()));
            store.prepare();
            long ts = Math.max(publisher.clock().instant().getEpochSecond(), m.timestamp());
            publisher.withHistory(repo, Optional.of(m), h -> {
                change.apply(h);
                return new Publisher.Commit(m.rootCatalog(), m.rootCatalogSize(), m.revision(), ts, List.of(), false,
                        new PublishResult(m.revision(), m.rootCatalog().toString(), m.rootCatalogSize(), "",
                                Instant.ofEpochSecond(ts), 0, 0), store);
            });
        } catch (IOException e) {
            throw new IntegrityException("cannot update tags: " + e.getMessage(), FaultLocation.atPath(repo.dir().toString()), e);
        }
    }

    private ManifestState manifest(RepositoryStorage repo) {
        return repo.current(publisher.keys().certificate().getPublicKey())
                .orElseThrow(() -> new NotFoundException("nothing published yet", FaultLocation.atPath(repo.dir().toString())));
    }

    private static Tag tag(HistoryRow r) {
        return new Tag(r.name(), r.hash(), r.revision(), Instant.ofEpochSecond(r.timestamp()), 0, r.description(), r.size(), "");
    }
}
