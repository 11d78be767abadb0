package io.cernvm.benchmarks;

import io.cernvm.cvmfs.CvmfsClient;
import io.cernvm.cvmfs.Repository;
import io.cernvm.cvmfs.config.ClientConfiguration;
import io.cernvm.cvmfs.internal.download.HttpTransport;
import io.cernvm.testkit.RepositoryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A repository directory served by the testkit's loopback server (TCP_NODELAY, request
 * counters), opened through the configuration and the HTTP transport as a real client is.
 */
final class ServedRepository implements AutoCloseable {

    private final String fqrn;
    private final Path publicKey;
    private final Path work;
    private final RepositoryServer server;
    private int opened;

    ServedRepository(Path storage, String fqrn, Path publicKey, Path work) throws IOException {
        this.fqrn = fqrn;
        this.publicKey = publicKey;
        this.work = work;
        this.server = RepositoryServer.builder().root(storage).urlPrefix("/cvmfs/" + fqrn).build();
    }

    RepositoryServer server() {
        return server;
    }

    /** @return the URL of a file of the repository, as the client fetches it */
    String url(String relativePath) {
        return server.uri(relativePath).toString();
    }

    /** Opens the repository with no cache (a fresh work directory), proxy DIRECT. */
    Repository open() throws IOException {
        return open("DIRECT");
    }

    /** Opens the repository with no cache (a fresh work directory) through the given proxy string. */
    Repository open(String proxy) throws IOException {
        Path etc = Files.createDirectories(work.resolve("etc-" + (++opened)));
        Files.writeString(etc.resolve("default.local"), "CVMFS_SERVER_URL=\"http://127.0.0.1:" + server.port()
                + "/cvmfs/@fqrn@\"\nCVMFS_HTTP_PROXY='" + proxy + "'\n");
        ClientConfiguration cfg = ClientConfiguration.builder().root(etc).load(fqrn);
        return CvmfsClient.builder()
                .transportFactory(name -> HttpTransport.builder().configuration(cfg).build())
                .publicKeys(List.of(publicKey))
                .workDirectory(Files.createDirectories(work.resolve("client-" + opened)))
                .build().open(fqrn);
    }

    @Override
    public void close() {
        server.close();
    }
}
