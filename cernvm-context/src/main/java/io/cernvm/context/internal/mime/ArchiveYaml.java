package io.cernvm.context.internal.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Loads a {@code #cloud-config-archive} the way cloud-init's {@code util.load_yaml(archive,
 * default=[], allowed=(list, set))} does: YAML 1.1 safe loading; anything that is not a list
 * (or set), and any YAML error, gives the empty list. Aliases, nesting and size are bounded.
 */
final class ArchiveYaml {
    private ArchiveYaml() {
    }

    /** @return the archive's entries, or an empty list where cloud-init falls back to its default */
    static List<Object> load(String text, int maxCodePoints) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(64);
        options.setCodePointLimit(Math.max(1, maxCodePoints));
        options.setAllowRecursiveKeys(false);
        Object loaded;
        try {
            loaded = new Yaml(new SafeConstructor(options), new org.yaml.snakeyaml.representer.Representer(
                    new org.yaml.snakeyaml.DumperOptions()), new org.yaml.snakeyaml.DumperOptions(), options)
                    .load(text);
        } catch (RuntimeException | StackOverflowError e) {
            return List.of();
        }
        if (loaded instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        if (loaded instanceof Set<?> s) {
            return new ArrayList<>(s);
        }
        return List.of();
    }
}
