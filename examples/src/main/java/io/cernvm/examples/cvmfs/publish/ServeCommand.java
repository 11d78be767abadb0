package io.cernvm.examples.cvmfs.publish;

import io.cernvm.examples.CliErrors;
import io.cernvm.examples.CliFailure;
import io.cernvm.testkit.RepositoryServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cernvm cvmfs serve DIR}: every {@code DIR/cvmfs/<fqrn>/} over HTTP, as a Stratum 1 serves it. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve every DIR/cvmfs/<fqrn>/ over HTTP as a Stratum 1 does: Expires 61 s on .cvmfs* files,"
                + " three days on data/, range requests, keep-alive. Runs until killed.",
                "The first line on standard output is the base URL; a client's CVMFS_SERVER_URL is"
                        + " <base>/cvmfs/@fqrn@. Then one line per repository found."})
public final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the directory holding cvmfs/<fqrn>/")
    Path dir;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8000", description = "the port (default 8000; 0: a free one)")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "the address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)")
    String bind;

    @Override
    public Integer call() throws InterruptedException {
        if (!Files.isDirectory(dir)) {
            throw new CliFailure(dir + ": not a directory", CliErrors.USAGE);
        }
        if (port < 0 || port > 65535) {
            throw new CliFailure("--port must be 0..65535, got " + port, CliErrors.USAGE);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new CliFailure("--bind: unknown address '" + bind + "'", CliErrors.USAGE);
        }
        RepositoryServer server;
        try {
            server = RepositoryServer.builder().root(dir).bindAddress(address).port(port).build();
        } catch (UncheckedIOException e) {
            throw new CliFailure("cannot listen on " + bind + ":" + port + ": " + e.getCause().getMessage(), CliErrors.USAGE);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "cvmfs-serve-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        String base = server.baseUri().toString();
        out.println(base);
        for (String fqrn : repositories(dir)) {
            out.println(fqrn + " " + base + "/cvmfs/" + fqrn);
        }
        out.flush();
        stopped.await();
        return 0;
    }

    /** @return the names of the directories under {@code dir/cvmfs} that hold a manifest */
    static List<String> repositories(Path dir) {
        Path cvmfs = dir.resolve("cvmfs");
        if (!Files.isDirectory(cvmfs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cvmfs)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(".cvmfspublished")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
