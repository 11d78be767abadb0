package io.cernvm.context.internal.cloudconfig;

import org.yaml.snakeyaml.error.Mark;

/** A fault found while building values from YAML nodes, with the mark of the node at fault. */
final class YamlFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Mark mark;

    YamlFault(String message, Mark mark) {
        super(message, null, false, false);
        this.mark = mark;
    }

    Mark mark() {
        return mark;
    }
}
