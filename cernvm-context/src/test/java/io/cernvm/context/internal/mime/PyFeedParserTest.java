package io.cernvm.context.internal.mime;

import static org.assertj.core.api.Assertions.assertThat;

import io.cernvm.context.mime.DecodeLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

class PyFeedParserTest {
    private static PyMessage parse(String s) {
        return PyFeedParser.parse(s, new DecodeBudget(DecodeLimits.defaults()));
    }

    @Test
    void newlineBeforeABoundaryBelongsToTheBoundary() {
        PyMessage m = parse("Content-Type: multipart/mixed; boundary=b\n\npre\n--b\nContent-Type: text/plain\n\nbody\n\n--b--\nepi");
        assertThat(m.isMultipart()).isTrue();
        assertThat(m.children()).hasSize(1);
        assertThat(m.children().get(0).payload()).isEqualTo("body\n");
    }

    @Test
    void anOuterBoundaryEndsAnInnerPart() {
        PyMessage m = parse("Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/mixed; boundary=i\n\n"
                + "--i\n\ninner\n--o\n\nsecond\n--o--\n");
        assertThat(m.children()).hasSize(2);
        assertThat(m.children().get(0).children().get(0).payload()).isEqualTo("inner");
        assertThat(m.children().get(1).payload()).isEqualTo("second");
    }

    @Test
    void headersEndAtTheFirstNonHeaderLine() {
        PyMessage m = parse("From nobody\nSubject: a\n folded\n#cloud-config\nx: 1\n");
        assertThat(m.get("subject")).isEqualTo("a\n folded");
        assertThat(m.payload()).isEqualTo("#cloud-config\nx: 1\n");
        assertThat(m.contentType()).isEqualTo("text/plain");
    }

    @Test
    void digestPartsDefaultToMessagesAndMissingBoundaryKeepsText() {
        PyMessage d = parse("Content-Type: multipart/digest; boundary=b\n\n--b\n\nContent-Type: text/x\n\nhi\n--b--\n");
        assertThat(d.children().get(0).contentType()).isEqualTo("message/rfc822");
        assertThat(d.children().get(0).children().get(0).contentType()).isEqualTo("text/x");
        PyMessage n = parse("Content-Type: multipart/mixed\n\ntext\n");
        assertThat(n.isMultipart()).isFalse();
        assertThat(n.payload()).isEqualTo("text\n");
    }

    @Test
    void linesEndAtLfCrlfOrLoneCr() {
        PyMessage m = parse("Content-Type: multipart/mixed; boundary=b\r\r--b\r\rcr\r--b--\r");
        assertThat(m.children()).extracting(PyMessage::payload).isEqualTo(List.of("cr"));
        assertThat(PyFeedParser.boundaryMatch("--b-- \t\r\n", "--b")).isTrue();
        assertThat(PyFeedParser.boundaryMatch("--b x\n", "--b")).isNull();
    }
}
