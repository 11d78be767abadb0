package io.cernvm.examples.cvmfs;

import io.cernvm.cvmfs.FileAttributes;
import io.cernvm.cvmfs.Repository;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cernvm cvmfs stat [--json] cvmfs://FQRN/PATH}: one entry's attributes (a symlink's own). */
@Command(name = "stat", mixinStandardHelpOptions = true,
        description = "Print one entry's attributes (a symlink's own, not its target's).")
public final class StatCommand implements Runnable {

    @ParentCommand
    CvmfsCommand cvmfs;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Parameters(index = "0", paramLabel = "cvmfs://FQRN/PATH", description = "the entry")
    String uri;

    @Override
    public void run() {
        CvmfsUri target = CvmfsUri.parse(uri);
        PrintWriter out = cvmfs.out();
        try (Repository repo = cvmfs.open(target.fqrn())) {
            FileAttributes a = repo.stat(target.path());
            if (json) {
                out.println(EntryText.json(a));
            } else {
                out.print(EntryText.statLines(a));
            }
        }
        out.flush();
    }
}
