package io.cernvm.cvmfs.internal.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Xor32ChunkDetectorTest {

    static List<Integer> cuts(byte[] data, int min, int avg, int max) {
        Xor32ChunkDetector d = new Xor32ChunkDetector(min, avg, max);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            if (d.cutBefore(data[i])) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void propertyChunksRespectTheBoundsAndDependOnlyOnContent() {
        qt().withExamples(100).forAll(longs().all(), integers().between(0, 40_000), integers().between(32, 600))
                .checkAssert((seed, size, min) -> {
                    byte[] data = new byte[size];
                    new Random(seed).nextBytes(data);
                    int avg = min * 2;
                    int max = min * 4;
                    List<Integer> cuts = cuts(data, min, avg, max);
                    int start = 0;
                    for (int cut : cuts) {
                        assertThat(cut - start).isBetween(min, max);
                        start = cut;
                    }
                    assertThat(data.length - start).isLessThanOrEqualTo(max);
                    // a fresh detector over the same bytes cuts at the same places
                    assertThat(cuts(data, min, avg, max)).isEqualTo(cuts);
                });
    }

    @Test
    void aLocalChangeLeavesLaterCutsInPlace() {
        byte[] data = new byte[200_000];
        new Random(7).nextBytes(data);
        List<Integer> before = cuts(data, 1024, 4096, 16384);
        byte[] changed = Arrays.copyOf(data, data.length);
        changed[10] ^= 1;
        List<Integer> after = cuts(changed, 1024, 4096, 16384);
        assertThat(before.size()).isGreaterThan(10);
        assertThat(after.subList(after.size() - 5, after.size())).isEqualTo(before.subList(before.size() - 5, before.size()));
    }

    @Test
    void smallFilesAreNeverCutAndSizesAreChecked() {
        Xor32ChunkDetector d = new Xor32ChunkDetector(1024, 2048, 4096);
        assertThat(d.mightCut(1024)).isFalse();
        assertThat(d.mightCut(1025)).isTrue();
        assertThatThrownBy(() -> new Xor32ChunkDetector(16, 32, 64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Xor32ChunkDetector(64, 64, 128)).isInstanceOf(IllegalArgumentException.class);
        // constant input never matches the checksum window: hard cuts at the maximum
        assertThat(cuts(new byte[20_000], 1024, 2048, 4096)).containsExactly(4096, 8192, 12288, 16384);
    }
}
