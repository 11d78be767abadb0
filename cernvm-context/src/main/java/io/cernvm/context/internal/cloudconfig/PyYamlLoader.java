package io.cernvm.context.internal.cloudconfig;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.UserDataException;
import io.cernvm.context.cloudconfig.YamlLimits;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.ScannerImpl;

/**
 * {@code yaml.load(text, Loader=cloud-init's _CustomSafeLoader)} in Java: SnakeYAML scans,
 * parses and composes with PyYAML's implicit tags ({@link PyYamlResolver}); values are built as
 * PyYAML builds them ({@link PyYamlConstructor}); bounds are enforced on the way. Every fault
 * becomes a {@link UserDataException} at a 1-based line and column.
 */
public final class PyYamlLoader {
    static {
        // PyYAML (since 5.1) reads the YAML 1.2 escape "\/" in double quotes as "/"; SnakeYAML's
        // escape table lacks it and would refuse the document. Adding the entry is idempotent and
        // only lets SnakeYAML accept one more escape the YAML 1.2 specification defines.
        try {
            ScannerImpl.ESCAPE_REPLACEMENTS.putIfAbsent('/', "/");
        } catch (UnsupportedOperationException e) {
            // a SnakeYAML with a frozen table: such documents are refused
        }
    }

    private final YamlLimits limits;

    /** @param limits the bounds to enforce */
    public PyYamlLoader(YamlLimits limits) {
        this.limits = limits;
    }

    /**
     * @param text the document
     * @param part the user-data part it came from, for the fault location (may be {@code null})
     * @return the value ({@code null} for an empty document); mappings are {@link PyDict}s
     * @throws UserDataException when the text is not one YAML document PyYAML's safe loader
     *                           accepts, or exceeds a bound
     */
    public Object load(String text, Integer part) {
        if (text.length() > limits.maxChars()) {
            int[] lc = lineColumn(text, limits.maxChars());
            throw new UserDataException("cloud-config document is longer than " + limits.maxChars() + " characters",
                    FaultLocation.inPart(part, lc[0], lc[1]));
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(limits.maxAliases());
        // our own check below reports the position; SnakeYAML's is a backstop
        options.setNestingDepthLimit(limits.maxDepth() + 16);
        options.setCodePointLimit(Integer.MAX_VALUE);
        options.setAllowRecursiveKeys(true);
        // every tag may be composed: PyYamlConstructor builds the safe ones and refuses the rest
        options.setTagInspector(tag -> true);
        DepthComposer composer = new DepthComposer(new ParserImpl(new StreamReader(text), options),
                new PyYamlResolver(), options, limits.maxDepth());
        try {
            Node root = composer.getSingleNode();
            if (root == null) {
                return null;
            }
            new NodeBudget(limits.maxExpandedNodes()).check(root);
            return new PyYamlConstructor().construct(root);
        } catch (YamlFault e) {
            throw fault(e.getMessage(), e.mark(), part, e);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String msg = (e.getContext() == null ? "" : e.getContext() + ": ")
                    + (e.getProblem() == null ? "invalid YAML" : e.getProblem());
            throw fault(msg, mark, part, e);
        } catch (ReaderException e) {
            int[] lc = lineColumnOfCodePoint(text, e.getPosition());
            String msg = String.format("unacceptable character #x%04x: special characters are not allowed",
                    e.getCodePoint());
            throw new UserDataException(msg, FaultLocation.inPart(part, lc[0], lc[1]), e);
        } catch (YAMLException | StackOverflowError e) {
            throw fault(String.valueOf(e.getMessage()), composer.lastMark(), part, e);
        }
    }

    private static UserDataException fault(String message, Mark mark, Integer part, Throwable cause) {
        FaultLocation where = mark == null ? FaultLocation.inPart(part, null, null)
                : FaultLocation.inPart(part, mark.getLine() + 1, mark.getColumn() + 1);
        return new UserDataException("YAML error: " + message, where, cause);
    }

    /** 1-based line and column of a UTF-16 index, counting line breaks as YAML 1.1 does. */
    static int[] lineColumn(String text, int index) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < index && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029'
                    || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                line++;
                column = 1;
            } else if (c != '\r') {
                column++;
            }
        }
        return new int[] {line, column};
    }

    private static int[] lineColumnOfCodePoint(String text, int codePointIndex) {
        int count = text.codePointCount(0, text.length());
        int idx = codePointIndex <= 0 ? 0 : text.offsetByCodePoints(0, Math.min(codePointIndex, count));
        return lineColumn(text, idx);
    }

    /** Composes as SnakeYAML does, counting nesting so that the fault names the collection. */
    private static final class DepthComposer extends Composer {
        private final int maxDepth;
        private final java.util.Set<String> anchors = new java.util.HashSet<>();
        private int depth;
        private Mark lastMark;

        DepthComposer(Parser parser, PyYamlResolver resolver, LoaderOptions options, int maxDepth) {
            super(parser, resolver, options);
            this.maxDepth = maxDepth;
        }

        Mark lastMark() {
            return lastMark;
        }

        /** PyYAML refuses a second anchor of the same name (YAML 1.2 and SnakeYAML allow it). */
        private void anchor(String anchor) {
            if (anchor != null && !anchors.add(anchor)) {
                throw new YamlFault("found duplicate anchor '" + anchor + "'", parser.peekEvent().getStartMark());
            }
        }

        @Override
        protected Node composeScalarNode(String anchor, List<CommentLine> comments) {
            anchor(anchor);
            return super.composeScalarNode(anchor, comments);
        }

        private void enter(String anchor) {
            anchor(anchor);
            lastMark = parser.peekEvent().getStartMark();
            if (++depth > maxDepth) {
                throw new YamlFault("nesting deeper than " + maxDepth + " levels", lastMark);
            }
        }

        @Override
        protected Node composeSequenceNode(String anchor) {
            enter(anchor);
            try {
                return super.composeSequenceNode(anchor);
            } finally {
                depth--;
            }
        }

        @Override
        protected Node composeMappingNode(String anchor) {
            enter(anchor);
            try {
                return super.composeMappingNode(anchor);
            } finally {
                depth--;
            }
        }

        @Override
        protected Node composeKeyNode(MappingNode node) {
            lastMark = parser.peekEvent().getStartMark();
            return super.composeKeyNode(node);
        }

        @Override
        protected Node composeValueNode(MappingNode node) {
            lastMark = parser.peekEvent().getStartMark();
            return super.composeValueNode(node);
        }
    }
}
