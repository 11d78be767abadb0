package io.cernvm.context.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.quicktheories.QuickTheory.qt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * For arbitrary bytes up to 1 MiB the decoder returns (never throws), within a preemptive 2 s
 * per example, in a test JVM limited to 256 MB of heap (surefire argLine), and its result is
 * internally consistent.
 */
class UserDataDecoderPropertiesTest {
    private static final UserDataDecoder DECODER = UserDataDecoder.builder()
            .includeFetcher(url -> Optional.of(HostileUserData.generate(url.length(), 2048, url.hashCode())))
            .instanceData(CloudInitFixtures.instanceData()).build();

    @Test
    void arbitraryInputDecodesWithinTwoSecondsWithoutThrowing() {
        assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo(300L << 20);
        qt().withExamples(120).withShrinkCycles(50)
                .forAll(Generate.range(0, HostileUserData.KINDS - 1), Generate.range(0, 1 << 20),
                        Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE))
                .checkAssert((kind, size, seed) -> {
                    byte[] input = HostileUserData.generate(kind, size, seed);
                    DecodedUserData d = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> DECODER.decode(input));
                    assertConsistent(d);
                });
    }

    @Test
    void smallArbitraryInputsDecodeToConsistentParts() {
        qt().withExamples(1500)
                .forAll(Generate.range(0, HostileUserData.KINDS - 1), Generate.range(0, 3000),
                        Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE))
                .checkAssert((kind, size, seed) -> assertConsistent(
                        DECODER.decode(HostileUserData.generate(kind, size, seed))));
    }

    @Test
    void decodingIsDeterministic() {
        qt().withExamples(300)
                .forAll(Generate.range(0, HostileUserData.KINDS - 1), Generate.range(0, 5000),
                        Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE))
                .checkAssert((kind, size, seed) -> {
                    byte[] input = HostileUserData.generate(kind, size, seed);
                    assertThat(DECODER.decode(input)).isEqualTo(DECODER.decode(input));
                });
    }

    @Test
    void plainTextIsOneNotMultipartPartHoldingTheBytes() {
        qt().withExamples(300).forAll(Generate.range(0, 2000), Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE))
                .checkAssert((size, seed) -> {
                    byte[] input = HostileUserData.generate(0, size, seed);
                    input = new String(input, StandardCharsets.ISO_8859_1).replaceAll("(?i)mime-version:", "")
                            .replace('\u001f', ' ').getBytes(StandardCharsets.ISO_8859_1);
                    String head = new String(input, StandardCharsets.UTF_8).stripLeading();
                    if (head.startsWith("#")) {
                        return;
                    }
                    DecodedUserData d = DECODER.decode(input);
                    assertThat(d.parts()).hasSize(1);
                    assertThat(d.parts().get(0).payload()).isEqualTo(input);
                    assertThat(d.parts().get(0).filename()).isEqualTo("part-001");
                });
    }

    private static void assertConsistent(DecodedUserData d) {
        for (int i = 0; i < d.parts().size(); i++) {
            DecodedPart p = d.parts().get(i);
            assertThat(p.index()).isEqualTo(i);
            assertThat(p.size()).isEqualTo(p.payload().length);
            assertThat(p.contentType()).contains("/");
            assertThat(p.filename()).isNotNull();
        }
        if (!d.acceptedByCloudInit()) {
            assertThat(d.hasErrors()).isTrue();
        }
    }
}
