package io.cernvm.context.internal.ucernvm;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What the shell does with the value of a sourced {@code _UCONTEXT_KEY=value} line. */
class ShellWordTest {

    private static ShellWord.Problem check(String v) {
        return ShellWord.check(v.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void plainAndProperlyQuotedValuesAreSafe() {
        for (String v : new String[] {"", "http://p:3128", "\"a;b c\"", "'$x `y`'", "a\\;b", "a\"b c\"d", "50%", "~x",
            "a=b", "#x", "$", "a$ b".substring(0, 2), "ü"}) {
            assertThat(check(v)).as(v).isNull();
        }
    }

    @Test
    void splittingExpandingOrUnclosedValuesAreNot() {
        assertThat(check("a b").offset()).isEqualTo(1);
        assertThat(check("x;reboot").what()).contains("';'");
        assertThat(check("\"$HOME\"").what()).contains("expands");
        assertThat(check("$(id)").what()).contains("runs a command");
        assertThat(check("\"`id`\"").what()).contains("backtick");
        assertThat(check("'open").what()).contains("unclosed");
        assertThat(check("a\\").what()).contains("backslash");
        assertThat(check("a&b")).isNotNull();
        assertThat(check("a>b")).isNotNull();
        assertThat(check("${x}")).isNotNull();
    }
}
