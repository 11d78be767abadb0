package io.cernvm.benchmarks;

import io.cernvm.cvmfs.Repository;
import java.io.IOException;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the JMH benchmarks over a served repository share: the served repository and the open
 * client, the HTTP request count printed after each iteration (a warm path must issue none),
 * and the clean-up. Subclasses set the fields in their own {@code @Setup}.
 */
public abstract class ServedRepositoryBenchmark {

    /** Scratch directory, deleted at the end. */
    protected Path work;
    /** The repository served over loopback. */
    protected ServedRepository served;
    /** The client's view of it. */
    protected Repository repository;
    private int requestsBefore;

    /** Remembers the server's request count before an iteration. */
    @Setup(Level.Iteration)
    public void count() {
        requestsBefore = served.server().totalRequests();
    }

    /** Prints the requests the iteration made. */
    @TearDown(Level.Iteration)
    public void report() {
        System.out.println(" [HTTP requests during iteration: " + (served.server().totalRequests() - requestsBefore) + "]");
    }

    /**
     * Closes the client and the server and deletes the scratch directory.
     *
     * @throws IOException when the directory cannot be deleted
     */
    @TearDown
    public void close() throws IOException {
        repository.close();
        served.close();
        Cleanup.delete(work);
    }
}
