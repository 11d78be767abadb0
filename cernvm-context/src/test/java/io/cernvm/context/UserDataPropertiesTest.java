package io.cernvm.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.cernvm.api.UserDataException;
import io.cernvm.testkit.quicktheories.ShrinkingRandom;
import io.cernvm.testkit.userdata.GeneratedPart;
import io.cernvm.testkit.userdata.MimeTrees;
import io.cernvm.testkit.userdata.UcernvmBlocks;
import io.cernvm.testkit.userdata.UserDataParts;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Round trips and hostile inputs over the whole inspection, with shrinking. */
class UserDataPropertiesTest {

    /** One daemon thread per example: a runaway inspection cannot block the next one. */
    private static final ExecutorService WORKER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "inspect-under-timeout");
        t.setDaemon(true);
        return t;
    });

    /** The 2 s bound is for the work, not for loading YAML, Jinja and JSON classes the first time. */
    @org.junit.jupiter.api.BeforeAll
    static void warmUp() {
        for (int i = 0; i < 3; i++) {
            InspectionJson.toText(UserDataInspector.builder().build().inspect(ExampleUserData.bytes()));
            UserDataInspector.builder().build().inspect(new byte[] {(byte) 0x1f, (byte) 0x8b, 0, 1, 2});
        }
    }

    @AfterAll
    static void stop() {
        WORKER.shutdownNow();
    }

    @Test
    void composeThenInspectGivesEveryPartBackByteForByte() {
        qt().withExamples(150).forAll(ShrinkingRandom.gen(r -> UserDataParts.parts(r, 5)))
                .checkAssert(parts -> {
                    List<ComposePart> in = parts.stream()
                            .map(p -> new ComposePart(p.filename(), p.contentType(), p.payload())).toList();
                    Inspection i = UserDataInspector.builder().build()
                            .inspect(UserDataComposer.builder().build().compose(in).bytes());
                    assertThat(i.parts()).hasSameSizeAs(parts);
                    for (int k = 0; k < parts.size(); k++) {
                        GeneratedPart want = parts.get(k);
                        InspectedPart got = i.parts().get(k);
                        assertThat(got.filename()).isEqualTo(want.filename());
                        assertThat(got.decoded().payload()).isEqualTo(want.payload());
                    }
                });
    }

    @Test
    void generatedMimeTreesDecodeToTheirLeaves() {
        qt().withExamples(100).forAll(ShrinkingRandom.gen(r -> MimeTrees.tree(r, 3))).checkAssert(tree -> {
            Inspection i = UserDataInspector.builder().build().inspect(tree.bytes());
            assertThat(i.parts()).extracting(InspectedPart::filename)
                    .containsExactlyElementsOf(tree.leaves().stream().map(GeneratedPart::filename).toList());
            for (int k = 0; k < tree.leaves().size(); k++) {
                assertThat(i.parts().get(k).decoded().payload()).isEqualTo(tree.leaves().get(k).payload());
            }
        });
    }

    @Test
    void arbitraryBytesNeverThrowAnythingButTheTypedExceptionAndFinishInTwoSeconds() {
        qt().withExamples(200).withShrinkCycles(20).forAll(ShrinkingRandom.gen(r -> r.nextInt(4) == 0
                        ? UserDataParts.bytes(r, 1 << 20) : UcernvmBlocks.hostile(r)))
                .checkAssert(UserDataPropertiesTest::inspectsWithinTwoSeconds);
    }

    @Test
    void mutatedRealDocumentsToo() {
        byte[] base = ExampleUserData.bytes();
        qt().withExamples(200).withShrinkCycles(20).forAll(ShrinkingRandom.gen(r -> {
            byte[] b = Arrays.copyOf(base, r.nextInt(base.length + 1));
            for (int n = r.nextInt(8); n > 0 && b.length > 0; n--) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            return b;
        })).checkAssert(UserDataPropertiesTest::inspectsWithinTwoSeconds);
    }

    private static void inspectsWithinTwoSeconds(byte[] input) {
        Future<Inspection> f = WORKER.submit(() -> {
            Inspection i = UserDataInspector.builder().build().inspect(input);
            InspectionJson.toText(i);
            return i;
        });
        try {
            f.get(2, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            String name = "slow-input-" + java.util.HexFormat.of().formatHex(
                    io.cernvm.context.mime.DecodedPart.sha256Hex(input).substring(0, 8).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            java.nio.file.Path saved = java.nio.file.Path.of("target", name);
            try {
                java.nio.file.Files.write(saved, input);
            } catch (java.io.IOException io) {
                saved = null;
            }
            throw new AssertionError("inspection of " + input.length + " bytes took over 2 s (input saved as " + saved + ")");
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(UserDataException.class);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
