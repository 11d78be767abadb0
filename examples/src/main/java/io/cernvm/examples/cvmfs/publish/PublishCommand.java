package io.cernvm.examples.cvmfs.publish;

import io.cernvm.cvmfs.publish.ChunkingSettings;
import io.cernvm.cvmfs.publish.ContentHashAlgorithm;
import io.cernvm.cvmfs.publish.PublishResult;
import io.cernvm.cvmfs.publish.Publisher;
import io.cernvm.examples.CliErrors;
import io.cernvm.examples.CliFailure;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cernvm cvmfs publish FQRN --storage DIR --keys KEYDIR --source TREE}: the next revision. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publish a directory tree as the next revision of a signed repository.",
                "An empty or absent --storage creates the repository; otherwise the new revision continues from its"
                        + " manifest, which must be signed by these keys. Nothing is written when the tree, the tag or"
                        + " the keys are wrong. Exit 1 keys do not match or the tree cannot be read, 2 usage."})
public final class PublishCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RepositoryOptions repository;

    @Option(names = "--source", required = true, paramLabel = "TREE", description = "the directory to publish")
    Path source;

    @Option(names = "--tag", paramLabel = "NAME", description = "a named tag (default: generic-<UTC time>)")
    String tag;

    @Option(names = "--description", paramLabel = "TEXT", description = "the tag's description")
    String description;

    @Option(names = "--hash", paramLabel = "ALGORITHM",
            description = "content hash of a new repository: sha1 (default), rmd160 or shake128;"
                    + " a later publish keeps the repository's")
    String hash;

    @Option(names = "--no-chunking", description = "store every file as one object (default: 4/8/16 MiB chunks)")
    boolean noChunking;

    @Option(names = "--external-data", description = "make every file external data, as cvmfs_server mkfs -X -Z none:"
            + " hashed uncompressed, not stored under data/; serve the source tree at the clients' CVMFS_EXTERNAL_URL")
    boolean externalData;

    @Override
    public Integer call() {
        if (description != null && tag == null) {
            throw new CliFailure("--description needs --tag", CliErrors.USAGE);
        }
        if (!Files.isDirectory(source)) {
            throw new CliFailure(source + ": not a directory", CliErrors.USAGE);
        }
        ContentHashAlgorithm algorithm = algorithm();
        Publisher publisher = repository.publisher()
                .hashAlgorithm(algorithm)
                .chunking(noChunking ? ChunkingSettings.disabled() : ChunkingSettings.DEFAULT)
                .externalData(externalData)
                .build();
        PublishResult r = publisher.publish(source, tag, description == null ? "" : description);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: revision %d, tag %s, root catalog %s%n", publisher.fqrn(), r.revision(), r.tag(), r.rootHash());
        out.printf("objects: %d written, %d already stored%n", r.objectsWritten(), r.objectsReused());
        out.flush();
        return 0;
    }

    /** The repository's algorithm (from its manifest's root hash) unless it is new; a different --hash is refused. */
    private ContentHashAlgorithm algorithm() {
        ContentHashAlgorithm chosen;
        try {
            chosen = hash == null ? null : ContentHashAlgorithm.fromSettingName(hash);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage(), CliErrors.USAGE);
        }
        Optional<ContentHashAlgorithm> existing = ManifestHash.of(repository.storage);
        if (existing.isPresent() && chosen != null && chosen != existing.get()) {
            throw new CliFailure("the repository is published with " + existing.get().settingName() + ", not " + hash,
                    CliErrors.USAGE);
        }
        return existing.orElse(chosen == null ? ContentHashAlgorithm.SHA1 : chosen);
    }
}
