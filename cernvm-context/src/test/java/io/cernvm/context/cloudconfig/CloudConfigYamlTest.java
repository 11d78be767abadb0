package io.cernvm.context.cloudconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cernvm.api.UserDataException;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Scalars, tags and structure as PyYAML 6's safe loader reads them (values checked with PyYAML). */
class CloudConfigYamlTest {
    private final CloudConfigYaml yaml = CloudConfigYaml.withDefaults();

    private Object value(String scalar) {
        return ((Map<?, ?>) yaml.load("k: " + scalar, 0)).get("k");
    }

    static Stream<Arguments> scalars() {
        return Stream.of(
                Arguments.of("yes", true), Arguments.of("Yes", true), Arguments.of("y", "y"), Arguments.of("n", "n"),
                Arguments.of("on", true), Arguments.of("OFF", false), Arguments.of("true", true),
                Arguments.of("0777", 511L), Arguments.of("0o17", "0o17"), Arguments.of("0x1F", 31L),
                Arguments.of("0b101", 5L), Arguments.of("1_000", 1000L), Arguments.of("190:20:30", 685230L),
                Arguments.of("1.5", 1.5), Arguments.of("1e3", "1e3"), Arguments.of("1.0e3", "1.0e3"),
                Arguments.of("1.0e+3", 1000.0), Arguments.of(".5", 0.5), Arguments.of(".inf", Double.POSITIVE_INFINITY),
                Arguments.of("-.inf", Double.NEGATIVE_INFINITY), Arguments.of("~", null), Arguments.of("null", null),
                Arguments.of("", null), Arguments.of("2001-12-14", LocalDate.of(2001, 12, 14)),
                Arguments.of("2001-12-14t21:59:43.10-05:00",
                        OffsetDateTime.of(2001, 12, 14, 21, 59, 43, 100_000_000, ZoneOffset.ofHours(-5))),
                Arguments.of("2001-12-14 21:59:43.10", LocalDateTime.of(2001, 12, 14, 21, 59, 43, 100_000_000)),
                Arguments.of("2001-12-14T21:59:43Z", OffsetDateTime.of(2001, 12, 14, 21, 59, 43, 0, ZoneOffset.UTC)),
                Arguments.of("2002-1-1 1:2:3", "2002-1-1 1:2:3"), Arguments.of("09", "09"), Arguments.of("0_", 0L),
                Arguments.of("+12", 12L), Arguments.of("-0", 0L), Arguments.of("1:70", "1:70"), Arguments.of("3.", 3.0),
                Arguments.of("1__2.3_4", 12.34), Arguments.of("'0777'", "0777"), Arguments.of("! 123", 123L),
                Arguments.of("!!str 12", "12"), Arguments.of("!!int '0x10'", 16L), Arguments.of("!!float '1'", 1.0),
                Arguments.of("123456789012345678901234567890", new BigInteger("123456789012345678901234567890")),
                Arguments.of("-0.0", -0.0), Arguments.of("1e-7", "1e-7"),
                Arguments.of("!!binary aGVsbG8=", new YamlBinary("hello".getBytes())),
                Arguments.of("190:20:30.15", 685230.15), Arguments.of("1.2.3", "1.2.3"),
                Arguments.of("!!python/unicode abc", "abc"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scalars")
    void readsScalarsAsPyYamlDoes(String scalar, Object expected) {
        assertThat(value(scalar)).isEqualTo(expected);
    }

    @Test
    void nanIsAFloat() {
        assertThat((Double) value(".nan")).isNaN();
    }

    @ParameterizedTest
    @ValueSource(strings = {"=", "!!python/object:os.system ls", "!foo bar", "!!bool maybe", "!!int ''",
        "!!timestamp 2001-13-45", "!!binary a", "<<"})
    void refusesWhatSafeLoaderRefuses(String scalar) {
        assertThatThrownBy(() -> value(scalar)).isInstanceOf(UserDataException.class);
    }

    @Test
    void mergeKeysPutMergedEntriesFirstAndOwnKeysWin() {
        Object v = yaml.load("base: &b {x: 1, a: 0}\nother: &o {y: 2, x: 9}\n"
                + "m:\n  <<: [*b, *o]\n  a: 5\n", 3);
        Map<?, ?> m = (Map<?, ?>) ((Map<?, ?>) v).get("m");
        // PyYAML: the list's last mapping first, then the first; own keys last and winning
        assertThat(List.<Object>copyOf(m.keySet())).containsExactly("y", "x", "a");
        assertThat(m.get("x")).isEqualTo(1L);
        assertThat(m.get("a")).isEqualTo(5L);
    }

    @Test
    void keysComparedAsPythonDoes() {
        Map<?, ?> m = (Map<?, ?>) yaml.load("1: a\ntrue: b\n1.0: c\n", null);
        assertThat(m).hasSize(1);
        assertThat(m.keySet().iterator().next()).isEqualTo(1L);
        assertThat(m.get(1L)).isEqualTo("c");
    }

    @Test
    void setsPairsAndAliases() {
        Map<?, ?> m = (Map<?, ?>) yaml.load("s: !!set {a, b}\np: !!pairs [a: 1, a: 2]\nl: &l [1]\nr: *l\n", null);
        assertThat(List.<Object>copyOf((Set<?>) m.get("s"))).containsExactly("a", "b");
        assertThat(List.<Object>copyOf((List<?>) m.get("p"))).containsExactly(List.of("a", 1L), List.of("a", 2L));
        assertThat(m.get("r")).isSameAs(m.get("l"));
    }

    @Test
    void emptyDocumentIsNull() {
        assertThat(yaml.load("#cloud-config\n", 0)).isNull();
        assertThat(yaml.load("", 0)).isNull();
    }

    @Test
    void syntaxErrorsCarryPartLineAndColumn() {
        assertThatThrownBy(() -> yaml.load("#cloud-config\na: 1\n\tb: 2\n", 4))
                .isInstanceOfSatisfying(UserDataException.class, e -> {
                    assertThat(e.location().part()).isEqualTo(4);
                    assertThat(e.location().line()).isEqualTo(3);
                    assertThat(e.location().column()).isEqualTo(1);
                });
    }

    @Test
    void moreThanOneDocumentIsRefused() {
        assertThatThrownBy(() -> yaml.load("a: 1\n---\nb: 2\n", 0))
                .isInstanceOfSatisfying(UserDataException.class, e -> assertThat(e.location().line()).isEqualTo(2));
    }

    @Test
    void billionLaughsIsRefusedWithAPosition() {
        StringBuilder sb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                sb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            sb.append("]\n");
        }
        assertThatThrownBy(() -> yaml.load(sb.toString(), 1))
                .isInstanceOfSatisfying(UserDataException.class, e -> {
                    assertThat(e.reason()).contains("expands to more than");
                    assertThat(e.location().part()).isEqualTo(1);
                    assertThat(e.location().line()).isBetween(5, 10);
                    assertThat(e.location().column()).isNotNull();
                });
    }

    @Test
    void deepNestingIsRefusedWithAPosition() {
        String deep = "a: " + "[".repeat(500) + "]".repeat(500) + "\n";
        assertThatThrownBy(() -> yaml.load(deep, 2))
                .isInstanceOfSatisfying(UserDataException.class, e -> {
                    assertThat(e.reason()).contains("nesting deeper than 128");
                    assertThat(e.location().line()).isEqualTo(1);
                    // the root mapping is level 1, so the 128th bracket is one too many
                    assertThat(e.location().column()).isEqualTo(4 + 127);
                });
    }

    @Test
    void recursiveStructureIsRefused() {
        assertThatThrownBy(() -> yaml.load("a: &x [1, *x]\n", 0)).isInstanceOf(UserDataException.class);
    }

    @Test
    void oversizedDocumentIsRefused() {
        CloudConfigYaml small = new CloudConfigYaml(new YamlLimits(100, 10, 10, 100));
        assertThatThrownBy(() -> small.load("a: " + "x".repeat(200), 0))
                .isInstanceOfSatisfying(UserDataException.class, e -> assertThat(e.location().column()).isEqualTo(101));
    }

    @Test
    void controlCharactersAreRefusedAtTheirPosition() {
        assertThatThrownBy(() -> yaml.load("a: 1\nb: x\u0000y\n", 0))
                .isInstanceOfSatisfying(UserDataException.class, e -> {
                    assertThat(e.location().line()).isEqualTo(2);
                    assertThat(e.location().column()).isEqualTo(5);
                });
    }

    @Test
    void aRepeatedAnchorIsRefusedAsPyYamlRefusesIt() {
        assertThatThrownBy(() -> yaml.load("a: &x 1\nb: &x 2\n", 1))
                .isInstanceOfSatisfying(UserDataException.class, e -> {
                    assertThat(e.reason()).contains("duplicate anchor 'x'");
                    assertThat(e.location().line()).isEqualTo(2);
                });
    }

    @Test
    void theYaml12SlashEscapeIsReadAsPyYamlReadsIt() {
        assertThat(value("\"a\\/b\"")).isEqualTo("a/b");
    }

    @Test
    void byteOrderMarkAtTheStartIsSkipped() {
        assertThat(yaml.load("\uFEFFa: 1\n", 0)).isEqualTo(Map.of("a", 1L));
    }
}
