package io.cernvm.examples.cvmfs.publish;

import io.cernvm.cvmfs.Tag;
import io.cernvm.cvmfs.publish.TagEditor;
import io.cernvm.examples.CliErrors;
import io.cernvm.examples.CliFailure;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cernvm cvmfs tag FQRN --storage DIR --keys KEYDIR add|move|remove|list …}: edit the named tags. */
@Command(name = "tag", mixinStandardHelpOptions = true,
        description = {"List, add, move or remove named tags, as cvmfs_server tag does. Each change re-signs the manifest;"
                + " the revision stays.",
                "  list                           every tag, newest first",
                "  add NAME [-m TEXT] [-r REV]    tag the current (or an earlier tagged) revision",
                "  move NAME -r REV               point a tag at another revision",
                "  remove NAME...                 remove tags",
                "Exit 2 usage or an existing tag, 3 unknown tag or revision."})
public final class TagCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RepositoryOptions repository;

    @Parameters(index = "1", paramLabel = "ACTION", description = "list, add, move or remove")
    String action;

    @Parameters(index = "2..*", paramLabel = "NAME", description = "the tag name(s)")
    List<String> names = new ArrayList<>();

    @Option(names = {"-m", "--description"}, paramLabel = "TEXT", description = "the new tag's description")
    String description;

    @Option(names = {"-r", "--revision"}, paramLabel = "REV", description = "the revision to tag (default: the current)")
    Long revision;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        switch (action) {
            case "list" -> {
                expect(0, 0);
                TagEditor tags = tags();
                for (Tag t : tags.list()) {
                    out.printf("%-32s %6d  %s  %s%s%n", t.name(), t.revision(), TIME.format(t.timestamp()), t.rootHash(),
                            t.description().isEmpty() ? "" : "  " + t.description());
                }
            }
            case "add" -> {
                expect(1, 1);
                TagEditor tags = tags();
                Tag t = revision == null ? tags.add(names.get(0), description) : tags.add(names.get(0), description, revision);
                out.printf("added %s at revision %d%n", t.name(), t.revision());
            }
            case "move" -> {
                expect(1, 1);
                if (revision == null) {
                    throw new CliFailure("move needs --revision", CliErrors.USAGE);
                }
                Tag t = tags().move(names.get(0), revision);
                out.printf("moved %s to revision %d%n", t.name(), t.revision());
            }
            case "remove" -> {
                expect(1, Integer.MAX_VALUE);
                tags().remove(names.toArray(String[]::new));
                out.printf("removed %s%n", String.join(", ", names));
            }
            default -> throw new CliFailure("unknown action '" + action + "' (list, add, move or remove)", CliErrors.USAGE);
        }
        out.flush();
        return 0;
    }

    private TagEditor tags() {
        return repository.publisher().build().tags();
    }

    private void expect(int min, int max) {
        if (names.size() < min || names.size() > max) {
            throw new CliFailure(action + " takes " + (min == max ? "" + min : min + " or more") + " tag name(s), got "
                    + names.size(), CliErrors.USAGE);
        }
        if (revision != null && !action.equals("add") && !action.equals("move")) {
            throw new CliFailure("--revision only goes with add or move", CliErrors.USAGE);
        }
        if (description != null && !action.equals("add")) {
            throw new CliFailure("--description only goes with add", CliErrors.USAGE);
        }
    }
}
