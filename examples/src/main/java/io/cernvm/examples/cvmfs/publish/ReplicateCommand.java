package io.cernvm.examples.cvmfs.publish;

import io.cernvm.cvmfs.download.DownloadSettings;
import io.cernvm.cvmfs.publish.ReplicationResult;
import io.cernvm.cvmfs.publish.Replicator;
import io.cernvm.examples.CliErrors;
import io.cernvm.examples.CliFailure;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cernvm cvmfs replicate URL DIR --key PUB}: a verified Stratum 1 copy. */
@Command(name = "replicate", mixinStandardHelpOptions = true,
        description = {"Make or refresh a Stratum 1 copy of the repository at URL (e.g. http://host/cvmfs/<fqrn>) in DIR,"
                + " as cvmfs_server snapshot does: the manifest and whitelist are verified with the master key, every"
                + " object against its hash; objects first, .cvmfswhitelist and .cvmfspublished last. Later runs copy"
                + " only what is new; an interrupted run resumes when run again.",
                "DIR is the replica's own directory (serve it as <root>/cvmfs/<fqrn>).",
                "Exit 1 untrusted or corrupt source, 2 usage, 4 source unreachable."})
public final class ReplicateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "the source repository's base URL")
    URI url;

    @Parameters(index = "1", paramLabel = "DIR", description = "the replica's directory")
    Path dir;

    @Option(names = "--key", required = true, paramLabel = "PUB", description = "the master public key (<fqrn>.pub)")
    List<Path> keys;

    @Option(names = "--fqrn", paramLabel = "NAME", description = "the repository name (default: the URL's last segment)")
    String fqrn;

    @Option(names = "--proxy", paramLabel = "PROXIES", defaultValue = "",
            description = "CVMFS_HTTP_PROXY syntax, e.g. http://squid:3128;DIRECT (default: DIRECT)")
    String proxy;

    @Override
    public Integer call() {
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new CliFailure("not an http(s) URL: " + url, CliErrors.USAGE);
        }
        String base = url.toString().replaceAll("/+$", "");
        String name = fqrn != null ? fqrn : base.substring(base.lastIndexOf('/') + 1);
        RepositoryOptions.checkName(name);
        for (Path k : keys) {
            if (!Files.isRegularFile(k)) {
                throw new CliFailure(k + ": no such file", CliErrors.USAGE);
            }
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CliFailure(dir + ": not a directory", CliErrors.USAGE);
        }
        DownloadSettings settings;
        try {
            settings = DownloadSettings.builder().servers(List.of(URI.create(base))).httpProxy(proxy).build();
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage(), CliErrors.USAGE);
        }
        ReplicationResult r = Replicator.builder().fqrn(name).sourceSettings(settings).masterKeyFiles(keys).target(dir)
                .build().replicate();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: revision %d, root catalog %s%n", name, r.revision(), r.rootHash());
        out.printf("objects: %d copied, %d already present%n", r.objectsCopied(), r.objectsPresent());
        out.flush();
        return 0;
    }
}
