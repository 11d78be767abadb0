package io.cernvm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BootloaderVersionTest {

    @Test
    void parsesBothSchemes() {
        assertThat(BootloaderVersion.parse("2.8-6"))
                .isEqualTo(new BootloaderVersion(BootloaderVersion.Scheme.LEGACY, 2, 8, 6));
        assertThat(BootloaderVersion.parse("1.17"))
                .isEqualTo(new BootloaderVersion(BootloaderVersion.Scheme.LEGACY, 1, 17, 0));
        assertThat(BootloaderVersion.parse("2021.05-1"))
                .isEqualTo(new BootloaderVersion(BootloaderVersion.Scheme.DATED, 2021, 5, 1));
        assertThat(BootloaderVersion.parse("2021.05-1").toString()).isEqualTo("2021.05-1");
        assertThat(BootloaderVersion.parse("1.17-9").toString()).isEqualTo("1.17-9");
    }

    @Test
    void legacyOrdersBeforeDatedAndNumerically() {
        List<String> sorted = Stream.of("2018.06-1", "3.0-1", "1.17-9", "2.8-6", "2.10-1", "2021.05-1",
                        "2020.07-1", "2018.10-2", "2018.10-1", "1.9")
                .map(BootloaderVersion::parse).sorted().map(BootloaderVersion::toString)
                .collect(Collectors.toList());
        assertThat(sorted).containsExactly("1.9", "1.17-9", "2.8-6", "2.10-1", "3.0-1", "2018.06-1",
                "2018.10-1", "2018.10-2", "2020.07-1", "2021.05-1");
    }

    @Test
    void rejectsMalformed() {
        assertThatThrownBy(() -> BootloaderVersion.parse("2021.5-1")).isInstanceOf(VersionFormatException.class)
                .hasMessageContaining("two digits");
        assertThatThrownBy(() -> BootloaderVersion.parse("2021.13-1")).isInstanceOf(VersionFormatException.class);
        assertThatThrownBy(() -> BootloaderVersion.parse("2021.05")).isInstanceOf(VersionFormatException.class)
                .hasMessageContaining("release");
        assertThatThrownBy(() -> BootloaderVersion.parse("2.8-")).isInstanceOf(VersionFormatException.class);
        assertThatThrownBy(() -> BootloaderVersion.parse("v2.8")).isInstanceOf(VersionFormatException.class);
        assertThatThrownBy(() -> BootloaderVersion.parse("2.8-6-1")).isInstanceOf(VersionFormatException.class);
    }
}
