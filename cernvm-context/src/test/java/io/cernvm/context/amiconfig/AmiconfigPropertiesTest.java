package io.cernvm.context.amiconfig;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/** Properties with shrinking for the amiconfig reader. */
class AmiconfigPropertiesTest {

    private record Option(String section, String name, String value, int style) {
    }

    private record Rendered(Map<String, Map<String, String>> expected, String text) {
    }

    private static final List<String> SECTIONS = List.of("cernvm", "condor", "amiconfig", "my-plugin", "x_1");
    private static final List<String> NAMES = List.of("users", "Shell", "screenRes", "a", "cache_dir", "x-509", "PROXY");
    private static final String VALUE = "abcXYZ019:/.,|=_-";

    private static Gen<String> values() {
        return lists().of(Generate.pick(VALUE.chars().mapToObj(c -> String.valueOf((char) c)).toList()))
                .ofSizeBetween(1, 10).map(l -> String.join("", l));
    }

    private static Gen<Rendered> documents() {
        Gen<Option> option = Generate.pick(SECTIONS).zip(Generate.pick(NAMES), values(), integers().between(0, 63),
                Option::new);
        return lists().of(option).ofSizeBetween(0, 25).zip(Generate.booleans(), (options, crlf) -> {
            String nl = crlf ? "\r\n" : "\n";
            StringBuilder text = new StringBuilder("#!/bin/sh").append(nl).append("X=1").append(nl).append("exit 0")
                    .append(nl).append("lost=before the first section").append(nl);
            Map<String, Map<String, String>> expected = new LinkedHashMap<>();
            for (Option o : options) {
                int s = o.style();
                text.append('[').append(o.section()).append(']').append(nl);
                if ((s & 1) != 0) {
                    text.append("# comment=").append(s).append(nl);
                }
                if ((s & 2) != 0) {
                    text.append(nl);
                }
                String sep = (s & 4) != 0 ? ":" : "=";
                String pad = (s & 8) != 0 ? " " : "";
                text.append(o.name()).append(pad).append(sep).append(pad).append(o.value()).append((s & 16) != 0 ? "  " : "")
                        .append(nl);
                if ((s & 32) != 0) {
                    text.append("  continuation=lost").append(nl);
                }
                expected.computeIfAbsent(o.section(), k -> new LinkedHashMap<>())
                        .put(o.name().toLowerCase(Locale.ROOT), o.value());
            }
            return new Rendered(expected, text.toString());
        }).describedAs(r -> r.text().replace("\n", "\\n").replace("\r", "\\r"));
    }

    @Test
    void renderedSectionsReadBack() {
        qt().withExamples(500).forAll(documents()).checkAssert(r -> {
            AmiconfigDocument d = AmiconfigDocument.parse(r.text());
            Map<String, Map<String, String>> read = new LinkedHashMap<>();
            d.sections().forEach(s -> read.put(s.name(), s.asMap()));
            assertThat(read).isEqualTo(r.expected());
            assertThat(d.script()).isNotNull();
            assertThat(d.script().endsWithExit()).isTrue();
        });
    }

    @Test
    void lookupAgreesWithExactNamesAndCase() {
        qt().withExamples(300).forAll(Generate.pick(SECTIONS), Generate.pick(List.of(0, 1, 2)))
                .checkAssert((name, variant) -> {
                    String written = switch (variant) {
                        case 0 -> name;
                        case 1 -> name.toUpperCase(Locale.ROOT);
                        default -> " " + name;
                    };
                    AmiconfigDocument d = AmiconfigDocument.parse("[" + written + "]\nk=v\n");
                    SectionLookup.Outcome expected = variant == 0 ? SectionLookup.Outcome.FOUND
                            : variant == 1 && !written.equals(name) ? SectionLookup.Outcome.CASE_MISMATCH
                            : SectionLookup.Outcome.ABSENT;
                    assertThat(d.lookupSection(name).outcome()).isEqualTo(expected);
                });
    }
}
