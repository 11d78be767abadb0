package io.cernvm.cvmfs.internal.download;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A private Squid on a loopback port for one test class, from its own configuration in a
 * scratch directory. Squid started as root drops to its effective user ({@code proxy} on
 * Debian), so the directory is made writable for everyone. Without Squid the test fails when
 * {@code CI=true} and is skipped otherwise.
 */
final class SquidProcess implements AutoCloseable {

    private static final List<String> CANDIDATES = List.of("/usr/sbin/squid", "/usr/local/sbin/squid", "/usr/bin/squid");

    private final Process process;
    private final int port;
    private final Path dir;

    private SquidProcess(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    static SquidProcess start() throws IOException, InterruptedException {
        String binary = CANDIDATES.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
        if (binary == null) {
            String message = "squid is not installed (apt-get install -y squid)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message + "; CI=true requires it");
            }
            Assumptions.abort(message);
        }
        Path dir = Files.createTempDirectory("cernvm-squid-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String conf = String.join("\n",
                "http_port 127.0.0.1:" + port,
                "visible_hostname cernvm-sdk-test",
                "acl local src 127.0.0.1/32",
                "http_access allow local",
                "http_access deny all",
                "cache_mem 16 MB",
                "maximum_object_size_in_memory 4 MB",
                "pid_filename " + dir.resolve("squid.pid"),
                "cache_log " + dir.resolve("cache.log"),
                "access_log stdio:" + dir.resolve("access.log"),
                "cache_store_log none",
                "coredump_dir " + dir,
                "netdb_filename none",
                "pinger_enable off",
                "shutdown_lifetime 0 seconds",
                "max_filedescriptors 1024",
                "logfile_rotate 0",
                "");
        Path confFile = dir.resolve("squid.conf");
        Files.writeString(confFile, conf);
        for (Path p : List.of(confFile)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-rw-rw-"));
        }
        Process process = new ProcessBuilder(binary, "-N", "-f", confFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        SquidProcess squid = new SquidProcess(process, port, dir);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("squid exited with " + process.exitValue() + ": " + squid.logs());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return squid;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        squid.close();
        throw new AssertionError("squid did not listen on " + port + " within 30 s: " + squid.logs());
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String logs() {
        StringBuilder sb = new StringBuilder();
        for (String name : List.of("stdout.log", "cache.log")) {
            try {
                sb.append("\n--- ").append(name).append(" ---\n").append(Files.readString(dir.resolve(name)));
            } catch (IOException e) {
                sb.append("\n--- ").append(name).append(": ").append(e.getMessage());
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a scratch directory left in /tmp is harmless
        }
    }
}
