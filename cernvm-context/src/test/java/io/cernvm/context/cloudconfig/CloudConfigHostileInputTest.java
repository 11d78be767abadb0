package io.cernvm.context.cloudconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cernvm.api.UserDataException;
import io.cernvm.context.Finding;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inputs meant to hurt: bombs, deep nesting, huge scalars, tabs, invalid UTF-8. */
class CloudConfigHostileInputTest {
    private final CloudConfigYaml yaml = CloudConfigYaml.withDefaults();
    private final CloudConfigMerger merger = new CloudConfigMerger(yaml);

    private static String laughs(int levels, int width) {
        StringBuilder sb = new StringBuilder("a0: &a0 lol\n");
        for (int i = 1; i <= levels; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < width; j++) {
                sb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            sb.append("]\n");
        }
        return sb.toString();
    }

    @Test
    void aBombThroughMergeKeysIsRefused() {
        StringBuilder sb = new StringBuilder("m0: &m0 {k0: [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]}\n");
        for (int i = 1; i <= 8; i++) {
            sb.append("m").append(i).append(": &m").append(i).append(" {");
            for (int j = 0; j < 10; j++) {
                sb.append(j == 0 ? "" : ", ").append("k").append(j).append(": *m").append(i - 1);
            }
            sb.append("}\n");
        }
        sb.append("top: {<<: *m8}\n");
        assertThatThrownBy(() -> yaml.load(sb.toString(), 0)).isInstanceOf(UserDataException.class)
                .hasMessageContaining("expands to more than");
    }

    @Test
    void aSmallAliasFanOutIsStillRead() {
        Map<?, ?> m = (Map<?, ?>) yaml.load(laughs(3, 10), 0);
        assertThat((List<?>) m.get("a3")).hasSize(10);
    }

    @Test
    void tooManyAliasesAreRefused() {
        CloudConfigYaml strict = new CloudConfigYaml(new YamlLimits(1 << 20, 64, 5, 1_000_000));
        // SnakeYAML counts aliases to collections: a2 holds ten aliases to the list a1
        assertThatThrownBy(() -> strict.load(laughs(2, 10), 3)).isInstanceOfSatisfying(UserDataException.class, e -> {
            assertThat(e.location().part()).isEqualTo(3);
            assertThat(e.location().line()).isEqualTo(3);
            assertThat(e.reason()).contains("aliases");
        });
    }

    @Test
    void deepBlockNestingIsRefusedAndAMergedPartSkipped() {
        StringBuilder deep = new StringBuilder("#cloud-config\n");
        for (int i = 0; i < 300; i++) {
            deep.append("  ".repeat(i)).append("k:\n");
        }
        deep.append("  ".repeat(300)).append("v\n");
        CloudConfig c = merger.merge(List.of(CloudConfigPart.of(0, "a: 1\n"), CloudConfigPart.of(1, deep.toString())));
        assertThat(c.mergedParts()).containsExactly(0);
        Finding f = c.findings().get(0);
        assertThat(f.code()).isEqualTo(CloudConfigMerger.YAML_ERROR);
        assertThat(f.message()).contains("nesting deeper than 128");
        // line 1 is the #cloud-config comment, so the 129th mapping starts on line 130
        assertThat(f.line()).isEqualTo(130);
    }

    @Test
    void deepFlowNestingOfMixedKindsIsRefused() {
        String deep = "x: " + "[{a: ".repeat(200) + "1" + "}]".repeat(200);
        assertThatThrownBy(() -> yaml.load(deep, 0)).isInstanceOf(UserDataException.class)
                .hasMessageContaining("nesting deeper");
    }

    @Test
    void aHugeScalarUnderTheLimitIsRead() {
        String big = "x".repeat(3 << 20);
        assertThat(((Map<?, ?>) yaml.load("k: " + big + "\n", 0)).get("k")).isEqualTo(big);
    }

    @Test
    void aDocumentOverTheSizeLimitIsRefusedBeforeParsing() {
        String huge = "k: '" + "x".repeat(5 << 20) + "'\n";
        assertThatThrownBy(() -> yaml.load(huge, 2)).isInstanceOfSatisfying(UserDataException.class, e -> {
            assertThat(e.reason()).contains("longer than");
            assertThat(e.location().line()).isEqualTo(1);
        });
    }

    @Test
    void tabIndentationIsAYamlErrorWithItsPosition() {
        assertThatThrownBy(() -> yaml.load("#cloud-config\nruncmd:\n\t- ls\n", 1))
                .isInstanceOfSatisfying(UserDataException.class, e -> {
                    assertThat(e.location().line()).isEqualTo(3);
                    assertThat(e.location().column()).isEqualTo(1);
                    assertThat(e.reason()).contains("\\t");
                });
    }

    @Test
    void invalidUtf8IsRefusedAtItsPositionAsPyYamlRefusesSurrogateEscapes() {
        byte[] payload = "#cloud-config\na: caf\u00e9\nb: x\n".getBytes(StandardCharsets.ISO_8859_1);
        CloudConfig c = merger.merge(List.of(CloudConfigPart.ofBytes(0, CloudConfigPart.CLOUD_CONFIG, payload, List.of())));
        assertThat(c.mergedParts()).isEmpty();
        Finding f = c.findings().get(0);
        assertThat(f.code()).isEqualTo(CloudConfigMerger.YAML_ERROR);
        assertThat(f.line()).isEqualTo(2);
        assertThat(f.column()).isEqualTo(7);
        assertThat(f.message()).contains("#xdce9");
    }

    @Test
    void javaAndPythonTagsAreNeverConstructed() {
        for (String doc : List.of("a: !!java.io.File /etc/passwd", "a: !!javax.script.ScriptEngineManager [x]",
                "a: !!python/object/apply:os.system [ls]", "a: !<tag:yaml.org,2002:java.net.URL> x",
                "!!python/name:os.system", "a: !!map [1]", "a: !!seq {x: 1}", "a: !!set [1]", "a: !!omap {x: 1}")) {
            assertThatThrownBy(() -> yaml.load(doc, 0)).as(doc).isInstanceOf(UserDataException.class);
        }
    }

    @Test
    void unhashableKeysAreRefusedAsPyYamlRefusesThem() {
        assertThatThrownBy(() -> yaml.load("? [a]\n: 1\n", 0)).isInstanceOf(UserDataException.class)
                .hasMessageContaining("unhashable");
    }
}
