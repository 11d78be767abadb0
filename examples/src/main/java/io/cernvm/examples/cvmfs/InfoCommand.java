package io.cernvm.examples.cvmfs;

import io.cernvm.cvmfs.Manifest;
import io.cernvm.cvmfs.Repository;
import io.cernvm.cvmfs.Tag;
import io.cernvm.cvmfs.TrustStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cernvm cvmfs info FQRN}: the manifest, the revision opened, how it was trusted, the tags. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print the manifest fields, the revision, its publish time, signature and whitelist status, and the tags.")
public final class InfoCommand implements Runnable {

    @ParentCommand
    CvmfsCommand cvmfs;

    @Parameters(index = "0", paramLabel = "FQRN", description = "the repository name, e.g. atlas.cern.ch")
    String fqrn;

    @Override
    public void run() {
        PrintWriter out = cvmfs.out();
        try (Repository repo = cvmfs.open(fqrn)) {
            out.println("repository: " + repo.name());
            out.println("revision: " + repo.revision());
            out.println("root catalog: " + repo.rootHash());
            repo.tag().ifPresent(t -> out.println("opened at tag: " + t.name() + " (" + t.timestamp() + ")"));
            Optional<Manifest> manifest = repo.manifest();
            if (manifest.isPresent()) {
                Manifest m = manifest.get();
                out.println("manifest revision: " + m.revision());
                out.println("published: " + (m.published() == null ? "(not recorded)" : m.published().toString()));
                out.println("manifest root catalog: " + m.rootHash());
                out.println("ttl: " + m.ttlSeconds() + " s");
                out.println("certificate: " + m.certificateHash());
                out.println("history: " + (m.historyHash() == null ? "(none)" : m.historyHash()));
                out.println("garbage collectable: " + (m.garbageCollectable() ? "yes" : "no"));
            } else {
                out.println("manifest: not consulted (CVMFS_ROOT_HASH, or offline from the disk cache)");
            }
            Optional<TrustStatus> trust = repo.trust();
            if (trust.isPresent()) {
                TrustStatus t = trust.get();
                out.println("signature: verified");
                out.println("certificate subject: " + t.certificateSubject());
                out.println("certificate fingerprint: " + t.certificateFingerprint());
                out.println("whitelist: verified, expires " + t.whitelistExpires());
                out.println("master keys: " + String.join(", ", t.masterKeys()));
            } else {
                out.println("signature: not checked");
            }
            List<Tag> tags = repo.manifest().isPresent() ? repo.tags() : List.of();
            out.println("tags: " + (tags.isEmpty() ? "(none)" : String.join(", ", tags.stream().map(Tag::name).toList())));
        }
        out.flush();
    }
}
