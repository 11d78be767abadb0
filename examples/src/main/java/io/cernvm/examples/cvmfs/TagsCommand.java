package io.cernvm.examples.cvmfs;

import io.cernvm.cvmfs.Repository;
import io.cernvm.cvmfs.Tag;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cernvm cvmfs tags FQRN}: the named revisions of the repository's history. */
@Command(name = "tags", mixinStandardHelpOptions = true,
        description = "List the repository's tags: name, revision, publish time, root catalog, description.")
public final class TagsCommand implements Runnable {

    @ParentCommand
    CvmfsCommand cvmfs;

    @Parameters(index = "0", paramLabel = "FQRN", description = "the repository name")
    String fqrn;

    @Override
    public void run() {
        PrintWriter out = cvmfs.out();
        try (Repository repo = cvmfs.open(fqrn)) {
            for (Tag t : repo.tags()) {
                out.println(String.format(Locale.ROOT, "%-32s %6d %s %s %s", t.name(), t.revision(), t.timestamp(), t.rootHash(),
                        t.description()).stripTrailing());
            }
        }
        out.flush();
    }
}
