package io.cernvm.context.internal.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

class PyHeaderParamsTest {
    private static PyMessage withHeader(String name, String value) {
        PyMessage m = new PyMessage();
        m.add(name, value);
        return m;
    }

    @Test
    void semicolonsInsideQuotesDoNotSplit() {
        assertThat(PyHeaderParams.parseParam("attachment; filename=\"a;b\"; x=1"))
                .containsExactly("attachment", "filename=\"a;b\"", "x=1");
        assertThat(withHeader("Content-Disposition", "attachment; filename=\"a;b\"").filename()).isEqualTo("a;b");
    }

    @Test
    void rfc2231ContinuationsAndCharsetsDecode() {
        assertThat(withHeader("Content-Disposition", "attachment; filename*=utf-8''caf%C3%A9.yaml").filename())
                .isEqualTo("café.yaml");
        assertThat(withHeader("Content-Disposition", "attachment; filename*0=\"long\"; filename*1=\"-name\"").filename())
                .isEqualTo("long-name");
        assertThat(withHeader("Content-Type", "text/plain; name=\" by-name \"").filename()).isEqualTo("by-name");
    }

    @Test
    void theBoundaryKeepsLeadingButNotTrailingSpace() {
        assertThat(withHeader("Content-Type", "multipart/mixed; boundary=\" b \"").boundary()).isEqualTo(" b");
    }

    @Test
    void setFilenameRoundTripsThroughTheHeader() {
        qt().withExamples(500).forAll(SourceDSL.strings().allPossible().ofLengthBetween(1, 20)).checkAssert(name -> {
            String n = PyStrings.strip(name);
            if (n.isEmpty() || n.startsWith("\"") || n.startsWith("<") || n.contains("\\") || n.contains("'")
                    || PyCodecs.hasSurrogates(n)) {
                return;
            }
            PyMessage m = new PyMessage();
            m.setFilename(n);
            assertThat(m.filename()).isEqualTo(n);
        });
    }
}
