package io.cernvm.cvmfs.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.cernvm.cvmfs.internal.object.HostileInput;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SymlinkTemplateTest {

    private static final Map<String, String> ENV = Map.of("ARCH", "x86_64", "EMPTY", "");

    @Test
    void expandsAsCatalogSqlDoes() {
        assertThat(SymlinkTemplate.expand("/opt/$(ARCH)/lib", ENV)).isEqualTo("/opt/x86_64/lib");
        assertThat(SymlinkTemplate.expand("$(TEST_VARIANT)/x", ENV)).isEqualTo("/x");
        assertThat(SymlinkTemplate.expand("$(NOPE:-default)/x", ENV)).isEqualTo("default/x");
        assertThat(SymlinkTemplate.expand("$(ARCH:-default)", ENV)).isEqualTo("x86_64");
        // set to the empty string is set: getenv() returns "", the default is not used
        assertThat(SymlinkTemplate.expand("$(EMPTY:-default)", ENV)).isEqualTo("");
        assertThat(SymlinkTemplate.expand("a$(ARCH", ENV)).isEqualTo("a$(ARCH");
        assertThat(SymlinkTemplate.expand("$(", ENV)).isEqualTo("$(");
        assertThat(SymlinkTemplate.expand("$$(ARCH)$", ENV)).isEqualTo("$x86_64$");
        assertThat(SymlinkTemplate.expand("$()", ENV)).isEqualTo("");
        assertThat(SymlinkTemplate.expand("no variables", ENV)).isEqualTo("no variables");
    }

    @Test
    void propertyTextWithoutTemplatesIsUnchanged() {
        qt().forAll(HostileInput.stringsOver("abc/.-_ $)(:", 40)).checkAssert(s -> {
            String out = SymlinkTemplate.expand(s, ENV);
            if (!s.contains("$(")) {
                assertThat(out).isEqualTo(s);
            }
        });
    }

    @Test
    void propertyArbitraryTargetsExpandWithoutError() {
        qt().forAll(HostileInput.stringsOver("$():-ARCHEMPTYx/", 60)).checkAssert(s -> {
            String out = SymlinkTemplate.expand(s, ENV);
            assertThat(out.length()).isLessThanOrEqualTo(s.length() * 7 + 1);
            assertThat(SymlinkTemplate.expand(s, Map.of())).doesNotContain("x86_64");
        });
    }
}
