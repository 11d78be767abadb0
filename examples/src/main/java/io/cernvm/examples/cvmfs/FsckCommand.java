package io.cernvm.examples.cvmfs;

import io.cernvm.cvmfs.cache.DiskCache;
import io.cernvm.cvmfs.cache.FsckReport;
import io.cernvm.cvmfs.config.ClientConfiguration;
import io.cernvm.examples.CliFailure;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cernvm cvmfs fsck [--repair] [FQRN]}: verify every object in the disk cache, as
 * {@code cvmfs_fsck}; exit code 1 when a bad object is found (and not repaired).
 */
@Command(name = "fsck", mixinStandardHelpOptions = true,
        description = "Verify every object in the disk cache (CVMFS_CACHE_BASE/shared, or the repository's with "
                + "CVMFS_SHARED_CACHE=no); with --repair quarantine bad ones and remove stale temporary files.")
public final class FsckCommand implements Runnable {

    /** The name whose configuration locates the shared cache when no repository is given. */
    private static final String ANY_REPOSITORY = "shared-cache.cvmfs";

    @ParentCommand
    CvmfsCommand cvmfs;

    @Option(names = "--repair", description = "quarantine bad objects and remove stale temporary files")
    boolean repair;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FQRN",
            description = "the repository whose configuration names the cache (needed when CVMFS_SHARED_CACHE=no)")
    String fqrn;

    @Override
    public void run() {
        ClientConfiguration cfg = cvmfs.options().configuration(fqrn == null ? ANY_REPOSITORY : fqrn);
        if (fqrn == null && !cfg.sharedCache() && cfg.cacheDir().isEmpty()) {
            throw new CliFailure("CVMFS_SHARED_CACHE=no: name the repository whose cache to check (fsck FQRN)", 2);
        }
        FsckReport report = DiskCache.open(cfg, Clock.systemUTC()).fsck(repair);
        PrintWriter out = cvmfs.out();
        out.println("cache: " + report.directory());
        out.println("checked: " + report.checked());
        out.println("bad: " + report.bad().size());
        report.bad().forEach(b -> out.println("  bad " + b));
        out.println("foreign files: " + report.foreign().size());
        out.println("temporary files: " + report.txnLeftovers().size());
        if (repair) {
            out.println("quarantined: " + report.quarantined());
            out.println("removed temporary files: " + report.removedLeftovers());
        }
        out.flush();
        if (!report.clean() && !repair) {
            throw new CliFailure(report.bad().size() + " bad object(s) in " + report.directory() + "; run fsck --repair", 1);
        }
    }
}
