package io.cernvm.examples.cvmfs;

import io.cernvm.cvmfs.DirectoryEntry;
import io.cernvm.cvmfs.FileAttributes;
import io.cernvm.cvmfs.Repository;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cernvm cvmfs ls [-R] [-l] [--json] cvmfs://FQRN/PATH}: a directory's entries (with
 * {@code -R} everything below it, symlinks not followed), or the entry itself when it is no
 * directory.
 */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "List a directory: names, or with -l long lines, or with --json one object per entry and line.")
public final class LsCommand implements Runnable {

    @ParentCommand
    CvmfsCommand cvmfs;

    @Option(names = "-R", description = "list everything below the directory, depth first")
    boolean recursive;

    @Option(names = "-l", description = "long format: mode, links, owner, group, size, mtime (UTC), name")
    boolean longFormat;

    @Option(names = "--json", description = "one JSON object per entry and line (path, type, mode, nlink, uid, gid, size, "
            + "mtime, chunks, hash, target, rawTarget)")
    boolean json;

    @Parameters(index = "0", paramLabel = "cvmfs://FQRN/PATH", description = "the directory (or entry)")
    String uri;

    @Override
    public void run() {
        CvmfsUri target = CvmfsUri.parse(uri);
        PrintWriter out = cvmfs.out();
        try (Repository repo = cvmfs.open(target.fqrn())) {
            FileAttributes self = repo.stat(target.path());
            if (self.isSymbolicLink() && repo.stat(repo.resolve(target.path())).isDirectory()) {
                self = repo.stat(repo.resolve(target.path())); // as ls, a link to a directory given as argument is followed
            }
            if (!self.isDirectory()) {
                print(out, self, recursive ? self.path() : lastName(self.path()));
            } else {
                list(repo, out, self.path());
            }
        }
        out.flush();
    }

    private void list(Repository repo, PrintWriter out, String directory) {
        for (DirectoryEntry e : repo.list(directory)) {
            FileAttributes a = e.attributes();
            print(out, a, recursive ? a.path() : e.name());
            if (recursive && a.isDirectory()) {
                list(repo, out, a.path());
            }
        }
    }

    private void print(PrintWriter out, FileAttributes a, String name) {
        if (json) {
            out.println(EntryText.json(a));
        } else if (longFormat) {
            out.println(EntryText.longLine(a, name));
        } else {
            out.println(name);
        }
    }

    private static String lastName(String path) {
        return path.equals("/") ? "/" : path.substring(path.lastIndexOf('/') + 1);
    }
}
