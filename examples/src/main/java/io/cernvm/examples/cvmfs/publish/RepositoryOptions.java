package io.cernvm.examples.cvmfs.publish;

import io.cernvm.cvmfs.publish.Publisher;
import io.cernvm.cvmfs.publish.RepositoryKeys;
import io.cernvm.examples.CliErrors;
import io.cernvm.examples.CliFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What every writing command names: the repository, its directory and its key directory. */
public final class RepositoryOptions {

    @Parameters(index = "0", paramLabel = "FQRN", description = "the repository name, e.g. demo.example.org")
    String fqrn;

    @Option(names = "--storage", required = true, paramLabel = "DIR",
            description = "the repository's own directory (holding .cvmfspublished and data/)")
    Path storage;

    @Option(names = "--keys", required = true, paramLabel = "KEYDIR",
            description = "the key directory holding <fqrn>.pub, .crt, .key and (to sign whitelists) .masterkey")
    Path keyDir;

    /** @return the keys, loaded and checked to pair, before anything is written */
    RepositoryKeys keys() {
        checkName(fqrn);
        if (!Files.isDirectory(keyDir)) {
            throw new CliFailure(keyDir + ": no such key directory", CliErrors.USAGE);
        }
        return RepositoryKeys.load(keyDir, fqrn);
    }

    /** @return a builder with keys and storage set */
    Publisher.Builder publisher() {
        if (Files.exists(storage) && !Files.isDirectory(storage)) {
            throw new CliFailure(storage + ": not a directory", CliErrors.USAGE);
        }
        return Publisher.builder().keys(keys()).storage(storage);
    }

    /**
     * @param fqrn a repository name from the command line
     * @throws CliFailure (usage) when it is not one
     */
    static void checkName(String fqrn) {
        if (!fqrn.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new CliFailure("not a repository name: '" + fqrn + "'", CliErrors.USAGE);
        }
    }
}
