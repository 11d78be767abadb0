package io.cernvm.cvmfs.internal.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DirtabRulesTest {
    private static TreeNode dir(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return new TreeNode(name, path, Path.of("/tmp"), TreeNode.Kind.DIRECTORY, 040755, 0, 0, 0, 0, 4096, "",
                new TreeMap<>(), null, List.of());
    }

    @Test
    void patternsNegationsCommentsAndHiddenNames() {
        DirtabRules r = DirtabRules.parse(List.of("# software releases", "/software/*", "/data/v?/  # trailing",
                "! /software/tmp", "relative/ignored", ""));
        assertThat(r.matches(dir("/software/gcc"))).isTrue();
        assertThat(r.matches(dir("/software/with space"))).isTrue();
        assertThat(r.matches(dir("/software/tmp"))).isFalse();
        assertThat(r.matches(dir("/software/.git"))).isFalse();
        assertThat(r.matches(dir("/software/gcc/bin"))).isFalse();
        assertThat(r.matches(dir("/software"))).isFalse();
        assertThat(r.matches(dir("/data/v1"))).isTrue();
        assertThat(r.matches(dir("/data/v10"))).isFalse();
        assertThat(r.matches(dir("/relative/ignored"))).isFalse();
        assertThat(r.matches(dir(""))).isFalse();
    }

    @Test
    void regexCharactersInPatternsAreLiteral() {
        DirtabRules r = DirtabRules.parse(List.of("/a.b/(c)+"));
        assertThat(r.matches(dir("/a.b/(c)+"))).isTrue();
        assertThat(r.matches(dir("/aXb/cc"))).isFalse();
    }

    @Test
    void propertyAnyTextParsesAndMatchingNeverFails() {
        org.quicktheories.QuickTheory.qt().withExamples(100)
                .forAll(org.quicktheories.generators.SourceDSL.strings().allPossible().ofLengthBetween(0, 120))
                .checkAssert(text -> {
                    DirtabRules r = DirtabRules.parse(List.of(text.split("\n", -1)));
                    r.matches(dir("/software/x"));
                    r.matches(dir("/" + text.replace("/", "_").replace("\0", "")));
                });
    }
}
