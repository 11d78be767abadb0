package io.cernvm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrongVersionTest {

    @Test
    void parsesAndPrints() {
        StrongVersion v = StrongVersion.parse("3.6.5.0");
        assertThat(v).isEqualTo(new StrongVersion(3, 6, 5, 0));
        assertThat(v.toString()).isEqualTo("3.6.5.0");
        assertThat(v.tagName()).isEqualTo("cernvm-system-3.6.5.0");
        assertThat(StrongVersion.parse("cernvm-system-4.7.1.2")).isEqualTo(new StrongVersion(4, 7, 1, 2));
    }

    @Test
    void ordersNumericallyNotLexically() {
        List<StrongVersion> vs = new ArrayList<>(List.of(StrongVersion.parse("3.10.0.0"),
                StrongVersion.parse("3.9.9.9"), StrongVersion.parse("4.0.0.0"), StrongVersion.parse("3.9.10.0")));
        Collections.sort(vs);
        assertThat(vs).extracting(StrongVersion::toString)
                .containsExactly("3.9.9.9", "3.9.10.0", "3.10.0.0", "4.0.0.0");
    }

    @Test
    void rejectsMalformedWithColumn() {
        assertThatThrownBy(() -> StrongVersion.parse("3.6.x.0"))
                .isInstanceOf(VersionFormatException.class)
                .hasMessageContaining("'x' is not a digit")
                .satisfies(e -> assertThat(((CernVmException) e).location().column()).isEqualTo(5));
        assertThatThrownBy(() -> StrongVersion.parse("3.6.5")).isInstanceOf(VersionFormatException.class)
                .hasMessageContaining("expected 4 components");
        assertThatThrownBy(() -> StrongVersion.parse("3.6.5.0.1")).isInstanceOf(VersionFormatException.class);
        assertThatThrownBy(() -> StrongVersion.parse("3..5.0")).isInstanceOf(VersionFormatException.class)
                .hasMessageContaining("empty component");
        assertThatThrownBy(() -> StrongVersion.parse("")).isInstanceOf(VersionFormatException.class);
        assertThatThrownBy(() -> StrongVersion.parse("99999999999.0.0.0")).isInstanceOf(VersionFormatException.class);
    }
}
