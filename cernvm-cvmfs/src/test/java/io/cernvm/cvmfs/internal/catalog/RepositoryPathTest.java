package io.cernvm.cvmfs.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import io.cernvm.api.NotFoundException;
import io.cernvm.cvmfs.internal.object.HostileInput;
import org.junit.jupiter.api.Test;

class RepositoryPathTest {

    @Test
    void canonicalisesOrRefuses() {
        assertThat(RepositoryPath.canonical("/")).isEmpty();
        assertThat(RepositoryPath.canonical("/a/b/")).isEqualTo("/a/b");
        assertThat(RepositoryPath.parent("/a/b")).isEqualTo("/a");
        assertThat(RepositoryPath.parent("/a")).isEmpty();
        for (String bad : new String[] {"a", "/a//b", "/a/../b", "/.", "/a\0"}) {
            assertThatThrownBy(() -> RepositoryPath.canonical(bad)).as(bad).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void propertyCanonicalPathsHaveNoEscapingComponent() {
        qt().forAll(HostileInput.stringsOver("/.a\0", 12)).checkAssert(s -> {
            try {
                String c = RepositoryPath.canonical(s);
                assertThat(c.isEmpty() || c.startsWith("/")).isTrue();
                assertThat(("/" + c + "/").contains("/../") || ("/" + c + "/").contains("/./")).isFalse();
                assertThat(c).doesNotContain("\0").doesNotContain("//");
            } catch (NotFoundException expected) {
                assertThat(expected.reason()).isNotBlank();
            }
        });
    }
}
