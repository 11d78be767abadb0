package io.cernvm.context.internal.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

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
        options.setWarnOnDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(64);
        options.setCodePointLimit(Math.max(1, maxCodePoints));
        options.setAllowRecursiveKeys(false);
        Object loaded;
        try {
            SafeConstructor constructor = new SafeConstructor(options);
            constructor.setComposer(new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options));
            loaded = constructor.getSingleData(Object.class);
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
