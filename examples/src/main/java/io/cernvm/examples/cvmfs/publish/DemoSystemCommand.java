package io.cernvm.examples.cvmfs.publish;

import io.cernvm.cvmfs.publish.CernvmSystemDemo;
import io.cernvm.cvmfs.publish.PublishResult;
import io.cernvm.cvmfs.publish.Publisher;
import io.cernvm.cvmfs.publish.RepositoryKeys;
import io.cernvm.examples.CliErrors;
import io.cernvm.examples.CliFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cernvm cvmfs demo-system --storage DIR --keys KEYDIR}: a small CernVM system repository. */
@Command(name = "demo-system", mixinStandardHelpOptions = true,
        description = {"Publish a small CernVM system repository laid out as cernvm-prod.cern.ch: /cvm3/{bin,etc,usr/lib,…},"
                + " the marker /cvm3/.installed_cernvm-system-<v>, one tag cernvm-system-<v> per release and the rolling"
                + " tag HEAD on the newest.",
                "/bin is a static busybox (Debian's busybox-static, /bin/busybox) when present, else shell scripts."
                        + " Keys are generated into KEYDIR when it has none for the name."})
public final class DemoSystemCommand implements Callable<Integer> {
    /** Where Debian's {@code busybox-static} installs its binary. */
    static final Path DEBIAN_BUSYBOX = Path.of("/bin/busybox");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--storage", required = true, paramLabel = "DIR", description = "the repository's directory")
    Path storage;

    @Option(names = "--keys", required = true, paramLabel = "KEYDIR", description = "the key directory")
    Path keyDir;

    @Option(names = "--fqrn", paramLabel = "NAME", defaultValue = CernvmSystemDemo.FQRN,
            description = "the repository name (default cernvm-prod.cern.ch)")
    String fqrn;

    @Option(names = "--release", paramLabel = "N.N.N.N", description = "a release, oldest first (repeat; default 3.0.0.0,"
            + " 3.1.0.0, 3.2.0.0)")
    List<String> releases = new ArrayList<>();

    @Option(names = "--busybox", paramLabel = "FILE", description = "a static busybox binary (default /bin/busybox if present)")
    Path busybox;

    @Option(names = "--no-busybox", description = "use shell-script placeholders even when busybox is installed")
    boolean noBusybox;

    @Override
    public Integer call() throws IOException {
        RepositoryOptions.checkName(fqrn);
        List<String> versions = releases.isEmpty() ? CernvmSystemDemo.DEFAULT_VERSIONS : releases;
        for (String v : versions) {
            if (!v.matches("\\d+(\\.\\d+){3}")) {
                throw new CliFailure("--release wants N.N.N.N, got '" + v + "'", CliErrors.USAGE);
            }
        }
        if (busybox != null && !Files.isRegularFile(busybox)) {
            throw new CliFailure(busybox + ": no such file", CliErrors.USAGE);
        }
        Optional<Path> bb = noBusybox ? Optional.empty()
                : busybox != null ? Optional.of(busybox)
                : Files.isRegularFile(DEBIAN_BUSYBOX) ? Optional.of(DEBIAN_BUSYBOX) : Optional.empty();
        PrintWriter out = spec.commandLine().getOut();
        RepositoryKeys keys;
        if (Files.exists(keyDir.resolve(fqrn + ".pub"))) {
            keys = RepositoryKeys.load(keyDir, fqrn);
        } else {
            keys = RepositoryKeys.generate(fqrn, Clock.systemUTC());
            keys.writeTo(keyDir);
            out.println("generated keys in " + keyDir);
        }
        Publisher publisher = Publisher.builder().keys(keys).storage(storage).build();
        Path work = Files.createTempDirectory("cernvm-demo-system");
        try {
            for (PublishResult r : CernvmSystemDemo.publish(publisher, work, versions, bb)) {
                out.printf("revision %d: %s%n", r.revision(), r.tag());
            }
        } finally {
            deleteQuietly(work);
        }
        out.printf("%s: HEAD = %s, /bin from %s%n", fqrn, "cernvm-system-" + versions.get(versions.size() - 1),
                bb.map(Path::toString).orElse("shell scripts"));
        out.flush();
        return 0;
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
