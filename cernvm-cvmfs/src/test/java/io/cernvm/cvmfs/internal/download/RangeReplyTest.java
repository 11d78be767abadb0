package io.cernvm.cvmfs.internal.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

/** A reply to a range request is accepted only when it is a 206 naming exactly that range. */
class RangeReplyTest {

    @Test
    void theExactRangeIsAccepted() {
        assertThat(RangeReply.problem(206, "bytes 100-199/1000", 100, 100, 100)).isNull();
        assertThat(RangeReply.problem(206, "bytes 0-0/*", -1, 0, 1)).isNull();
        assertThat(RangeReply.problem(206, "BYTES 5-9/10", 5, 5, 5)).isNull();
    }

    @Test
    void anythingElseIsNamed() {
        assertThat(RangeReply.problem(200, null, 1000, 100, 100)).contains("HTTP 200").contains("206 expected");
        assertThat(RangeReply.problem(206, null, 100, 100, 100)).contains("without Content-Range");
        assertThat(RangeReply.problem(206, "bytes 100-198/1000", 99, 100, 100)).contains("Content-Range");
        assertThat(RangeReply.problem(206, "bytes 101-200/1000", 100, 100, 100)).contains("Content-Range");
        assertThat(RangeReply.problem(206, "bytes 100-199/150", 100, 100, 100)).contains("Content-Range");
        assertThat(RangeReply.problem(206, "bytes 100-199/1000", 1000, 100, 100)).contains("Content-Length 1000");
        assertThat(RangeReply.problem(206, "items 100-199/1000", 100, 100, 100)).contains("not a byte range");
        assertThat(RangeReply.problem(206, "bytes 100+199/1000", 100, 100, 100)).contains("malformed");
        assertThat(RangeReply.problem(206, "bytes -100-199/1000", 100, 100, 100)).isNotNull();
    }

    @Test
    void aWellFormedReplyIsAcceptedExactlyWhenItNamesTheRangeAskedFor() {
        qt().withExamples(500).forAll(longs().between(0, 1L << 40), integers().between(1, 1 << 20),
                longs().between(0, 1L << 40), integers().between(1, 1 << 20)).checkAssert((off, len, gotOff, gotLen) -> {
                    long total = Math.max(off + len, gotOff + gotLen) + 7;
                    String header = "bytes " + gotOff + "-" + (gotOff + gotLen - 1) + "/" + total;
                    String problem = RangeReply.problem(206, header, gotLen, off, len);
                    assertThat(problem == null).isEqualTo(off.equals(gotOff) && len.equals(gotLen));
                });
    }

    @Test
    void arbitraryHeadersGiveAnAnswerNeverAnException() {
        qt().withExamples(500).forAll(strings().allPossible().ofLengthBetween(0, 60), integers().between(100, 599))
                .checkAssert((header, status) -> {
                    String problem = RangeReply.problem(status, header, -1, 3, 4);
                    if (!"bytes 3-6/*".equals(header.strip()) || status != 206) {
                        assertThat(problem).isNotNull().doesNotContain("\n");
                    }
                });
    }
}
