package io.cernvm.context.internal.cloudconfig;

import java.util.IdentityHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Counts the nodes a document would have with every alias expanded, without expanding it
 * (shared nodes are counted once and their totals reused). A "billion laughs" document is a
 * few hundred bytes whose expansion is astronomically large: PyYAML shares the objects, but
 * anything that walks the result (the JSON form, a schema check, a dump) expands it.
 */
final class NodeBudget {
    private final long limit;
    private final Map<Node, Long> sizes = new IdentityHashMap<>();
    private final Map<Node, Boolean> open = new IdentityHashMap<>();

    NodeBudget(long limit) {
        this.limit = limit;
    }

    /**
     * @return the expanded node count of {@code node}
     * @throws YamlFault when it exceeds the limit (at the innermost node that does) or a node
     *                   contains itself
     */
    long check(Node node) {
        Long known = sizes.get(node);
        if (known != null) {
            return known;
        }
        if (open.put(node, Boolean.TRUE) != null) {
            throw new YamlFault("found a recursive structure (an alias inside its own anchor)", node.getStartMark());
        }
        long total = 1;
        if (node instanceof SequenceNode s) {
            for (Node child : s.getValue()) {
                total = add(total, check(child), node);
            }
        } else if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                total = add(total, check(t.getKeyNode()), node);
                total = add(total, check(t.getValueNode()), node);
            }
        }
        open.remove(node);
        sizes.put(node, total);
        return total;
    }

    private long add(long total, long more, Node at) {
        long sum = total + more;
        if (sum > limit) {
            throw new YamlFault("the document expands to more than " + limit
                    + " nodes through aliases (a YAML bomb?)", at.getStartMark());
        }
        return sum;
    }
}
