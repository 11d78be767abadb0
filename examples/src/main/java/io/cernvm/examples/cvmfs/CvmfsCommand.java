package io.cernvm.examples.cvmfs;

import io.cernvm.cvmfs.CvmfsClient;
import io.cernvm.cvmfs.Repository;
import io.cernvm.cvmfs.RepositoryWarning;
import io.cernvm.cvmfs.config.ClientConfiguration;
import io.cernvm.cvmfs.download.DownloadListener;
import io.cernvm.examples.CernvmCommand;
import io.cernvm.examples.cvmfs.publish.DemoSystemCommand;
import io.cernvm.examples.cvmfs.publish.KeysCommand;
import io.cernvm.examples.cvmfs.publish.PublishCommand;
import io.cernvm.examples.cvmfs.publish.ReplicateCommand;
import io.cernvm.examples.cvmfs.publish.ResignCommand;
import io.cernvm.examples.cvmfs.publish.ServeCommand;
import io.cernvm.examples.cvmfs.publish.TagCommand;
import java.io.OutputStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code cernvm cvmfs}: read CernVM-FS repositories, verified, through the configured proxies
 * and disk cache. The global options ({@link ClientOptions}) come before the command; they
 * are the only way to choose a revision.
 */
@Command(name = "cvmfs", mixinStandardHelpOptions = true,
        description = "Read CernVM-FS repositories: every byte verified against the repository's signature.",
        subcommands = {InfoCommand.class, LsCommand.class, CatCommand.class, StatCommand.class, TagsCommand.class,
                FsckCommand.class,
                KeysCommand.class, PublishCommand.class, TagCommand.class, ResignCommand.class, ServeCommand.class,
                ReplicateCommand.class, DemoSystemCommand.class})
public final class CvmfsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    CernvmCommand root;

    @Mixin
    ClientOptions options;

    /** @return the global options given before the command */
    public ClientOptions options() {
        return options;
    }

    /** @return standard error of this command line */
    public PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** @return standard output of this command line, as text */
    public PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** @return the byte stream behind standard output, or {@code null} when there is none (see {@link CernvmCommand#stdout()}) */
    public OutputStream stdout() {
        return root == null ? null : root.stdout();
    }

    /**
     * Opens a repository as the global options configure it: the configuration hierarchy,
     * {@code --config} files and {@code -o} overrides give servers, proxies, keys, cache and
     * revision; with {@code -v} every download event is printed on standard error. Warnings
     * (a losing revision setting, offline mode) are printed on standard error.
     *
     * @param fqrn the repository name
     * @return the opened repository; close it
     */
    public Repository open(String fqrn) {
        ClientConfiguration cfg = options.configuration(fqrn);
        PrintWriter err = err();
        cfg.warnings().forEach(w -> err.println("cvmfs: warning: " + w));
        CvmfsClient.Builder b = CvmfsClient.builder().configuration(cfg);
        if (options.verbose()) {
            b.downloadListener(DownloadListener.of(e -> {
                synchronized (err) {
                    err.println("cvmfs: " + DownloadEventText.of(e));
                    err.flush();
                }
            }));
        }
        Repository repository = b.build().open(fqrn);
        for (RepositoryWarning w : repository.warnings()) {
            err.println("cvmfs: warning: " + w.message());
        }
        err.flush();
        return repository;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
