package io.cernvm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathPatternTest {

    @Test
    void starsStopAtSlashesDoubleStarsDoNot() {
        assertThat(PathPattern.of("data/*").matches("data/ab")).isTrue();
        assertThat(PathPattern.of("data/*").matches("data/ab/cd")).isFalse();
        assertThat(PathPattern.of("data/**").matches("data/ab/cd")).isTrue();
        assertThat(PathPattern.of(".cvmfs*").matches(".cvmfspublished")).isTrue();
        assertThat(PathPattern.of("data/??/x").matches("data/ab/x")).isTrue();
        assertThat(PathPattern.of("data/??/x").matches("data/abc/x")).isFalse();
    }

    @Test
    void regexCharactersAreLiteral() {
        assertThat(PathPattern.of("a.b+c(d)").matches("a.b+c(d)")).isTrue();
        assertThat(PathPattern.of("a.b").matches("axb")).isFalse();
    }
}
