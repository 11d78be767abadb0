package io.cernvm.cvmfs.internal.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class XattrBlobWriterTest {
    @Test
    void layoutIsVersionCountThenSortedLengthPrefixedPairs() {
        TreeMap<String, byte[]> x = new TreeMap<>();
        x.put("user.z", "1".getBytes(StandardCharsets.UTF_8));
        x.put("user.a", new byte[0]);
        assertThat(HexFormat.of().formatHex(XattrBlobWriter.encode(x)))
                .isEqualTo("0102" + "0600" + HexFormat.of().formatHex("user.a".getBytes(StandardCharsets.UTF_8))
                        + "0601" + HexFormat.of().formatHex("user.z1".getBytes(StandardCharsets.UTF_8)));
        assertThat(XattrBlobWriter.encode(new TreeMap<>())).isNull();
    }

    @Test
    void oversizedAttributesAreNamedProblems() {
        TreeMap<String, byte[]> x = new TreeMap<>();
        x.put("user.big", new byte[256]);
        assertThat(XattrBlobWriter.problem(x)).contains("user.big");
        assertThatThrownBy(() -> XattrBlobWriter.encode(x)).isInstanceOf(IllegalArgumentException.class);
        x.clear();
        x.put("user." + "k".repeat(251), new byte[1]);
        assertThat(XattrBlobWriter.problem(x)).contains("longer than 255");
    }
}
