package io.cernvm.testkit.userdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.cernvm.testkit.quicktheories.ShrinkingRandom;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GeneratorsTest {

    @Test
    void sameSeedSameOutput() {
        assertThat(MimeTrees.tree(new SplittableRandom(42), 3)).isEqualTo(MimeTrees.tree(new SplittableRandom(42), 3));
        assertThat(UcernvmBlocks.hostile(new SplittableRandom(5))).isEqualTo(UcernvmBlocks.hostile(new SplittableRandom(5)));
    }

    @Test
    void wellFormedBlocksAreWellFormed() {
        qt().withExamples(200).forAll(ShrinkingRandom.gen(UcernvmBlocks::wellFormed)).check(b ->
                b.startsWith("[ucernvm-begin]\n") && b.endsWith("[ucernvm-end]\n") && !b.contains("\r")
                        && b.lines().skip(1).limit(b.lines().count() - 2).allMatch(l -> l.indexOf('=') > 0));
    }

    @Test
    void cloudConfigStartsWithItsMarker() {
        qt().withExamples(200).forAll(ShrinkingRandom.gen(CloudConfigDocuments::document))
                .check(d -> d.startsWith("#cloud-config\n") && d.endsWith("\n"));
    }

    @Test
    void amiconfigDocumentsHaveTheAmiconfigSection() {
        qt().withExamples(200).forAll(ShrinkingRandom.gen(AmiconfigDocuments::document))
                .check(d -> d.contains("[amiconfig]\nplugins="));
    }

    @Test
    void mimeTreesAreAsciiAndNameEveryLeaf() {
        qt().withExamples(100).forAll(ShrinkingRandom.gen(r -> MimeTrees.tree(r, 3))).check(t -> {
            String doc = new String(t.bytes(), StandardCharsets.ISO_8859_1);
            return !t.leaves().isEmpty() && doc.chars().allMatch(c -> c < 128)
                    && t.leaves().stream().allMatch(l -> doc.contains("filename=\"" + l.filename() + "\""));
        });
    }

    @Test
    void quotedPrintableKeepsLinesShortAndProtectsTrailingSpace() {
        String qp = MimeTrees.quotedPrintable("a \nb=c\u00fc \n".getBytes(StandardCharsets.UTF_8));
        assertThat(qp).isEqualTo("a=20\nb=3Dc=C3=BC=20\n");
        String longLine = MimeTrees.quotedPrintable("x".repeat(200).getBytes(StandardCharsets.US_ASCII));
        assertThat(longLine.lines()).allMatch(l -> l.length() <= 76);
    }

    @Test
    void shrinkingFindsTheSmallestCounterExample() {
        // A deliberately false property: every block has at most one entry. QuickTheories must
        // report a falsifying block with exactly two entries, the smallest counter-example.
        AssertionError e = org.assertj.core.api.Assertions.catchThrowableOfType(AssertionError.class, () ->
                qt().withExamples(500).withShrinkCycles(2000).forAll(ShrinkingRandom.gen(UcernvmBlocks::wellFormed))
                        .check(b -> b.lines().count() <= 3));
        assertThat(e).isNotNull();
        String m = e.getMessage();
        String falsified = m.substring(m.indexOf("Smallest found"), m.indexOf("Other found"));
        assertThat(falsified.lines().filter(l -> l.contains("=")).count()).as(m).isEqualTo(2);
    }
}
