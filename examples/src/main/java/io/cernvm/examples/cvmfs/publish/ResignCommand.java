package io.cernvm.examples.cvmfs.publish;

import io.cernvm.cvmfs.publish.Publisher;
import io.cernvm.cvmfs.publish.RepositoryKeys;
import io.cernvm.examples.CliErrors;
import io.cernvm.examples.CliFailure;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cernvm cvmfs resign FQRN --storage DIR --keys KEYDIR --days N}: a fresh whitelist. */
@Command(name = "resign", mixinStandardHelpOptions = true,
        description = {"Re-sign the repository's whitelist with the master key, valid for N days from now"
                + " (cvmfs_server resign).", "Exit 1 without the master key or with keys that do not match, 3 nothing published."})
public final class ResignCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RepositoryOptions repository;

    @Option(names = "--days", paramLabel = "N", defaultValue = "30", description = "validity in days (default 30)")
    int days;

    @Override
    public Integer call() {
        if (days < 1 || days > 36_500) {
            throw new CliFailure("--days must be between 1 and 36500, got " + days, CliErrors.USAGE);
        }
        Publisher publisher = repository.publisher().hashAlgorithm(
                ManifestHash.of(repository.storage).orElseThrow(() -> new CliFailure(
                        repository.storage + ": no repository here (no .cvmfspublished)", 3))).build();
        RepositoryKeys keys = repository.keys();
        if (!keys.hasMasterKey()) {
            throw new CliFailure(repository.keyDir.resolve(keys.fqrn() + ".masterkey") + ": no such file; the master key"
                    + " is needed to sign the whitelist", 1);
        }
        // the manifest check: tags() refuses a repository signed by other keys before we write
        publisher.tags().list();
        publisher.resignWhitelist(Duration.ofDays(days));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: whitelist re-signed, valid for %d days%n", keys.fqrn(), days);
        out.flush();
        return 0;
    }
}
