package io.cernvm.context.cloudconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import io.cernvm.api.UserDataException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Properties with shrinking: total on any input, round trips, merge identities. */
class CloudConfigPropertiesTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(2);
    private static final String YAML_ALPHABET = "ab:-[]{}'\"!&*#|>?,.~%@`<=\n\n   \t01789xyz\u00e9\u2028\r";

    private final CloudConfigYaml yaml = CloudConfigYaml.withDefaults();
    private final CloudConfigMerger merger = new CloudConfigMerger(yaml);

    /** Loads, accepting only success or the typed exception. */
    private void loadOrRefuse(String text) {
        try {
            yaml.load(text, 0);
        } catch (UserDataException e) {
            assertThat(e.location().part()).isZero();
        }
    }

    @Test
    void anyStringIsLoadedOrRefusedWithTheTypedException() {
        qt().withExamples(400).forAll(strings().allPossible().ofLengthBetween(0, 200))
                .checkAssert(this::loadOrRefuse);
    }

    @Test
    void yamlLookingGarbageIsLoadedOrRefusedWithTheTypedException() {
        Gen<String> garbage = lists().of(Generate.pick(YAML_ALPHABET.chars().mapToObj(c -> String.valueOf((char) c))
                .toList())).ofSizeBetween(0, 400).map(l -> String.join("", l));
        qt().withExamples(1500).forAll(garbage).checkAssert(this::loadOrRefuse);
    }

    @Test
    void anyBytesUpToOneMebibyteMergeWithoutThrowing() {
        Gen<byte[]> bytes = Generate.byteArrays(
                Generate.frequency(org.quicktheories.api.Pair.of(20, integers().between(0, 4096)),
                        org.quicktheories.api.Pair.of(1, integers().between(0, 1 << 20))),
                Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
        qt().withExamples(150).forAll(bytes).checkAssert(b -> assertTimeoutPreemptively(HANG_GUARD, () -> {
            CloudConfig c = merger.merge(List.of(CloudConfigPart.ofBytes(0, CloudConfigPart.CLOUD_CONFIG, b, List.of())));
            assertThat(c.parts()).containsExactly(0);
            // either merged, or skipped with a finding that names the part
            assertThat(c.mergedParts().contains(0) || c.findings().stream().anyMatch(f -> f.part() == 0)).isTrue();
        }));
    }

    @Test
    void truncatedAndCorruptedConfigsNeverThrowAnythingElse() {
        String doc = "#cloud-config\nusers:\n  - name: a\n    groups: [x, y]\nwrite_files:\n  - path: /p\n"
                + "    content: !!binary aGVsbG8=\nruncmd: [[ls, -l], \"echo {a: 1}\"]\nbase: &b {k: 1}\nm: {<<: *b}\n";
        qt().withExamples(600).forAll(integers().between(0, doc.length()), integers().between(0, doc.length() - 1),
                        integers().between(0, 127))
                .checkAssert((cut, at, c) -> {
                    loadOrRefuse(doc.substring(0, cut));
                    loadOrRefuse(doc.substring(0, at) + (char) c.intValue() + doc.substring(at + 1));
                });
    }

    private static final Object NONE = new Object();

    private static Object orNull(Object v) {
        return v == NONE ? null : v;
    }

    // Nested YAML values with string keys (Python would fold true/1/1.0 into one key)
    private static Gen<Object> scalars() {
        // lone surrogates cannot be written as YAML text; a Java string may hold them, a document not
        Gen<Object> s = strings().allPossible().ofLengthBetween(0, 12).map(x -> (Object) wellFormed(x));
        Gen<Object> words = Generate.pick(List.<Object>of("yes", "no", "on", "~", "null", "0777", "0x1f", "1:30",
                "1e3", "1.0", ".inf", "=", "<<", "2001-12-14", "- a", "a: b", "#c", "", " x ", "'q'"));
        Gen<Object> l = longs().all().map(x -> (Object) x);
        Gen<Object> d = doubles().any().map(x -> (Object) x);
        Gen<Object> b = booleans().all().map(x -> (Object) x);
        // QuickTheories cannot carry a null value: a marker stands for it until put in a collection
        return Generate.oneOf(s, words, l, d, b, Generate.constant(NONE));
    }

    private static String wellFormed(String x) {
        StringBuilder sb = new StringBuilder();
        x.codePoints().forEach(cp -> sb.appendCodePoint(cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp));
        return sb.toString();
    }

    private static Gen<String> keys() {
        return Generate.oneOf(strings().basicLatinAlphabet().ofLengthBetween(0, 8),
                Generate.pick(List.of("yes", "~", "0777", "1.5", "<<", "=", "? x", "a b", "-", "merge")));
    }

    private static Gen<Object> values(int depth) {
        if (depth == 0) {
            return scalars();
        }
        Gen<Object> inner = values(depth - 1);
        Gen<Object> list = lists().of(inner).ofSizeBetween(0, 4).map(x -> {
            List<Object> copy = new ArrayList<>();
            x.forEach(v -> copy.add(orNull(v)));
            return (Object) copy;
        });
        return Generate.oneOf(scalars(), list, maps(inner));
    }

    private static Gen<Object> maps(Gen<Object> inner) {
        return lists().of(keys().zip(inner, Map::entry)).ofSizeBetween(0, 4).map(entries -> {
            Map<Object, Object> m = new LinkedHashMap<>();
            entries.forEach(e -> m.put(e.getKey(), orNull(e.getValue())));
            return (Object) m;
        });
    }

    @Test
    void dumpedValuesLoadBackEqual() {
        qt().withExamples(500).forAll(maps(values(3))).checkAssert(m -> {
            String text = yaml.dump(m);
            assertThat(yaml.load(text, null)).as(text).isEqualTo(m);
        });
    }

    @Test
    void mergingWithAnEmptyConfigIsTheIdentity() {
        Gen<Object> configs = maps(values(2)).assuming(m -> !((Map<?, ?>) m).containsKey("merge_how")
                && !((Map<?, ?>) m).containsKey("merge_type"));
        qt().withExamples(300).forAll(configs).checkAssert(m -> {
            String text = "#cloud-config\n" + yaml.dump(m);
            CloudConfigPart config = CloudConfigPart.of(0, text);
            CloudConfigPart empty = CloudConfigPart.of(1, "#cloud-config\n{}\n");
            assertThat(merger.merge(List.of(config, empty)).values()).isEqualTo(m);
            assertThat(merger.merge(List.of(empty, config)).values()).isEqualTo(m);
            assertThat(merger.merge(List.of(config)).values()).isEqualTo(m);
        });
    }

    @Test
    void mergingAConfigWithItselfUnderDefaultsGivesItBack() {
        Gen<Object> configs = maps(values(2)).assuming(m -> !((Map<?, ?>) m).containsKey("merge_how")
                && !((Map<?, ?>) m).containsKey("merge_type"));
        qt().withExamples(200).forAll(configs).checkAssert(m -> {
            CloudConfigPart p = CloudConfigPart.of(0, yaml.dump(m));
            assertThat(merger.merge(List.of(p, p)).values()).isEqualTo(m);
        });
    }
}
