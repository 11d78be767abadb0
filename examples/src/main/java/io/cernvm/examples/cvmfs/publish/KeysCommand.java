package io.cernvm.examples.cvmfs.publish;

import io.cernvm.cvmfs.publish.RepositoryKeys;
import io.cernvm.examples.CliErrors;
import io.cernvm.examples.CliFailure;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cernvm cvmfs keys FQRN -d KEYDIR}: a new master key, repository key and certificate. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Generate a repository's keys as cvmfs_server mkfs does: KEYDIR/<fqrn>.pub (master public key,"
                + " what clients trust), .masterkey (signs the whitelist), .crt and .key (sign manifests).",
                "Refuses to overwrite existing keys (exit 2)."})
public final class KeysCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FQRN", description = "the repository name")
    String fqrn;

    @Option(names = {"-d", "--directory"}, required = true, paramLabel = "KEYDIR", description = "where to write the keys")
    Path keyDir;

    @Override
    public Integer call() {
        RepositoryOptions.checkName(fqrn);
        for (String suffix : List.of(".pub", ".masterkey", ".crt", ".key")) {
            Path f = keyDir.resolve(fqrn + suffix);
            if (Files.exists(f)) {
                throw new CliFailure(f + ": already exists; remove the old keys first", CliErrors.USAGE);
            }
        }
        RepositoryKeys keys = RepositoryKeys.generate(fqrn, Clock.systemUTC());
        keys.writeTo(keyDir);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + keyDir.resolve(fqrn + ".{pub,masterkey,crt,key}"));
        out.println("certificate: CN=" + RepositoryKeys.commonName(fqrn));
        out.flush();
        return 0;
    }
}
