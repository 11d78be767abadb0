package io.cernvm.cvmfs.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.cernvm.api.ConfigurationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class ConfigFileParserTest {

    private static ConfigFileParser.Result parse(String text) {
        return ConfigFileParser.parse("test.conf", text, Map.of("HOME", "/home/u")::get);
    }

    private static Map<String, String> values(String text) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        parse(text).assignments().forEach(a -> m.put(a.key(), a.value()));
        return m;
    }

    @Test
    void readsAssignmentsWithQuotesCommentsAndPrefixes() {
        String text = String.join("\n",
                "# a comment",
                "CVMFS_HTTP_PROXY='http://p1:3128|http://p2:3128;DIRECT'",
                "export CVMFS_SERVER_URL=\"http://s1/cvmfs/@fqrn@;http://s2/cvmfs/@fqrn@\"   # trailing comment",
                "  readonly CVMFS_QUOTA_LIMIT=20000",
                "CVMFS_A=plain#notacomment",
                "CVMFS_B=",
                "CVMFS_C=a\\ b 'c d'\"e\"",
                "X=1 Y=2",
                "");
        assertThat(values(text)).containsExactly(
                Map.entry("CVMFS_HTTP_PROXY", "http://p1:3128|http://p2:3128;DIRECT"),
                Map.entry("CVMFS_SERVER_URL", "http://s1/cvmfs/@fqrn@;http://s2/cvmfs/@fqrn@"),
                Map.entry("CVMFS_QUOTA_LIMIT", "20000"),
                Map.entry("CVMFS_A", "plain#notacomment"),
                Map.entry("CVMFS_B", ""),
                Map.entry("CVMFS_C", "a b"),
                Map.entry("X", "1"),
                Map.entry("Y", "2"));
        List<ConfigFileParser.Assignment> a = parse(text).assignments();
        assertThat(a.get(2).readonly()).isTrue();
        assertThat(a.get(2).line()).isEqualTo(4);
        // "CVMFS_C=a\ b 'c d'..." : the words after the first are a command a shell would run
        assertThat(parse(text).notes()).extracting(ConfigFileParser.Note::line).containsExactly(7);
    }

    @Test
    void expandsVariables() {
        assertThat(values("A=x\nB=$A/y\nC=\"${A}z\"\nD=${UNSET:-dflt}\nE='$A'\nF=$HOME\nG=$NOPE.\nH=\\$A\nI=$\n"))
                .containsEntry("B", "x/y").containsEntry("C", "xz").containsEntry("D", "dflt").containsEntry("E", "$A")
                .containsEntry("F", "/home/u").containsEntry("G", ".").containsEntry("H", "$A").containsEntry("I", "$");
    }

    @Test
    void reportsWhatNeedsAShell() {
        ConfigFileParser.Result r = parse("if [ x = y ]; then\n  A=1\nfi\nB=$(hostname)\nC=`date`\nexport D\n");
        assertThat(r.assignments()).extracting(ConfigFileParser.Assignment::key).containsExactly("A", "B", "C");
        assertThat(r.assignments().get(1).value()).isEqualTo("$(hostname)");
        assertThat(r.notes()).extracting(ConfigFileParser.Note::line).containsExactly(1, 1, 3, 4, 5);
    }

    @Test
    void multiLineQuotedValuesKeepLineNumbers() {
        ConfigFileParser.Result r = parse("A='one\ntwo'\nB=3\n");
        assertThat(r.assignments().get(0).value()).isEqualTo("one\ntwo");
        assertThat(r.assignments().get(1).line()).isEqualTo(3);
    }

    @Test
    void unterminatedQuotesNameFileAndLine() {
        assertThatThrownBy(() -> parse("A=1\nB=\"open\nC=2\n")).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.location().path()).isEqualTo("test.conf");
            assertThat(e.location().line()).isEqualTo(2);
        });
        assertThatThrownBy(() -> parse("A='x")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> parse("A=${x")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> parse("A=$(x")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void refusesOversizedFiles() {
        assertThatThrownBy(() -> parse("A=" + "x".repeat(ConfigFileParser.MAX_BYTES))).isInstanceOf(ConfigurationException.class);
    }

    private static Gen<String> configish() {
        Gen<String> token = Generate.pick(List.of("CVMFS_X", "A", "=", "'", "\"", "\\", "$", "${", "}", ":-", "$(", ")", "`", "#", " ", "\t",
                "\n", "\r\n", ";", "export ", "readonly ", "eval ", "if", "value", "\u0000", "\u00e9", "@fqrn@"));
        return lists().of(token).ofSizeBetween(0, 25).map(l -> String.join("", l));
    }

    @Test
    void arbitraryTextGivesAssignmentsOrAConfigurationException() {
        qt().withExamples(3000).forAll(configish()).checkAssert(text -> {
            try {
                ConfigFileParser.Result r = parse(text);
                long lines = text.chars().filter(c -> c == '\n').count() + 1;
                assertThat(r.assignments()).allSatisfy(a -> {
                    assertThat(a.key()).matches("[A-Za-z_][A-Za-z0-9_]*");
                    assertThat(a.line()).isBetween(1, (int) lines);
                });
            } catch (ConfigurationException expected) {
                assertThat(expected.location().path()).isEqualTo("test.conf");
                assertThat(expected.location().line()).isNotNull();
            }
        });
        qt().withExamples(1000).forAll(strings().allPossible().ofLengthBetween(0, 200)).checkAssert(text -> {
            try {
                parse(text);
            } catch (ConfigurationException expected) {
                // typed refusal
            }
        });
    }

    @Test
    void aQuotedValueRoundTrips() {
        qt().withExamples(1000).forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(v -> {
            String quoted = "'" + v.replace("'", "'\\''") + "'";
            assertThat(values("K=" + quoted + "\n")).containsEntry("K", v);
        });
    }
}
