package io.cernvm.context.ucernvm;

import io.cernvm.api.UserDataPart;
import io.cernvm.context.Finding;
import io.cernvm.context.Severity;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each lint code with an input that triggers it, and clean user data that triggers none. */
class UcernvmFindingsTest {

    private static List<Finding> check(String s) {
        return UcernvmFindings.check(s.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> codes(String s) {
        return check(s).stream().map(Finding::code).toList();
    }

    @Test
    void cleanBlockHasNoFinding() {
        assertThat(check("""
                [amiconfig]
                plugins=cernvm
                [ucernvm-begin]
                cvmfs_http_proxy="http://squid.example.org:3128;DIRECT"
                resize_rootfs=off
                cvmfs_branch=cernvm-prod.cern.ch
                [ucernvm-end]
                """)).isEmpty();
    }

    @Test
    void crlfMarkers() {
        List<Finding> f = check("[ucernvm-begin]\r\na=b\r\n[ucernvm-end]\r\n");
        assertThat(f).extracting(Finding::code).contains(UcernvmFindings.CRLF);
        assertThat(f.get(0).severity()).isEqualTo(Severity.ERROR);
        assertThat(f.get(0).line()).isEqualTo(1);
    }

    @Test
    void crInValues() {
        List<Finding> f = check("[ucernvm-begin]\ncvmfs_tag=a\r\n[ucernvm-end]\n");
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.code()).isEqualTo(UcernvmFindings.CRLF);
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.line()).isEqualTo(2);
        });
    }

    @Test
    void missingTrailingNewline() {
        List<Finding> f = check("[ucernvm-begin]\ncvmfs_tag=a\nresize_rootfs=off");
        assertThat(f).extracting(Finding::code).contains(UcernvmFindings.NO_TRAILING_NEWLINE);
        assertThat(f).filteredOn(x -> x.code().equals(UcernvmFindings.NO_TRAILING_NEWLINE)).first()
                .extracting(Finding::line).isEqualTo(3);
        // an end marker without newline loses nothing
        assertThat(codes("[ucernvm-begin]\ncvmfs_tag=a\n[ucernvm-end]")).isEmpty();
    }

    @Test
    void markerNotExact() {
        assertThat(codes(" [ucernvm-begin]\ncvmfs_tag=a\n[ucernvm-end]\n")).containsExactly(UcernvmFindings.MARKER_NOT_EXACT);
        assertThat(codes("[UCERNVM-BEGIN]\ncvmfs_tag=a\n[ucernvm-end]\n")).contains(UcernvmFindings.MARKER_NOT_EXACT);
    }

    @Test
    void endBeforeBegin() {
        assertThat(codes("[ucernvm-end]\n[ucernvm-begin]\ncvmfs_tag=a\n[ucernvm-end]\n"))
                .contains(UcernvmFindings.END_BEFORE_BEGIN, UcernvmFindings.SECOND_BLOCK);
    }

    @Test
    void noEndMarker() {
        assertThat(codes("[ucernvm-begin]\ncvmfs_tag=a\n")).containsExactly(UcernvmFindings.NO_END_MARKER);
    }

    @Test
    void secondBlock() {
        assertThat(codes("[ucernvm-begin]\ncvmfs_tag=a\n[ucernvm-end]\n[ucernvm-begin]\ncvmfs_tag=b\n[ucernvm-end]\n"))
                .contains(UcernvmFindings.SECOND_BLOCK);
        assertThat(codes("[ucernvm-begin]\ncvmfs_tag=a\n[ucernvm-begin]\n[ucernvm-end]\n"))
                .contains(UcernvmFindings.SECOND_BLOCK);
    }

    @Test
    void secondBlockReportedOnceWhenBothViewsSeeIt() {
        assertThat(codes("[ucernvm-begin]\ncvmfs_tag=a\n[ucernvm-end]\n[ucernvm-begin]\ncvmfs_tag=b\n[ucernvm-end]\n"))
                .containsOnlyOnce(UcernvmFindings.SECOND_BLOCK);
    }

    @Test
    void semicolonSeparatedServers() {
        List<Finding> f = check("[ucernvm-begin]\ncvmfs_server=\"a.cern.ch;b.cern.ch\"\n[ucernvm-end]\n");
        assertThat(f).extracting(Finding::code).containsExactly(UcernvmFindings.BAD_VALUE);
        assertThat(f.get(0).message()).contains("only at ','");
    }

    @Test
    void spaceAroundKey() {
        List<Finding> f = check("[ucernvm-begin]\ncvmfs_tag = a\n[ucernvm-end]\n");
        assertThat(f).extracting(Finding::code).contains(UcernvmFindings.SPACE_AROUND_KEY);
        assertThat(f.get(0).severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void commentLine() {
        assertThat(codes("[ucernvm-begin]\n#cvmfs_tag=a\n[ucernvm-end]\n")).containsExactly(UcernvmFindings.COMMENT);
    }

    @Test
    void invalidKey() {
        assertThat(codes("[ucernvm-begin]\ncvmfs-tag=a\n[ucernvm-end]\n")).contains(UcernvmFindings.INVALID_KEY);
        assertThat(codes("[ucernvm-begin]\nmüx=a\n[ucernvm-end]\n")).contains(UcernvmFindings.INVALID_KEY);
        // _UCONTEXT_=a is still an assignment; the tolerant reading reports the empty key
        assertThat(codes("[ucernvm-begin]\n=a\n[ucernvm-end]\n")).containsExactly(UcernvmFindings.EMPTY_KEY);
    }

    @Test
    void shellUnsafeValues() {
        for (String v : List.of("http://p:3128;DIRECT", "a b", "$(reboot)", "`id`", "${HOME}", "\"open", "a|b", "x\\")) {
            List<Finding> f = check("[ucernvm-begin]\ncvmfs_http_proxy=" + v + "\n[ucernvm-end]\n");
            assertThat(f).as(v).extracting(Finding::code).contains(UcernvmFindings.SHELL_UNSAFE_VALUE);
        }
        List<Finding> f = check("[ucernvm-begin]\ncvmfs_http_proxy=http://p:3128;DIRECT\n[ucernvm-end]\n");
        assertThat(f.get(0).column()).isEqualTo("cvmfs_http_proxy=http://p:3128;".length());
        for (String v : List.of("\"http://p:3128;DIRECT\"", "'$x `y`'", "a\\ b", "cost$")) {
            assertThat(codes("[ucernvm-begin]\ncvmfs_http_proxy=" + v + "\n[ucernvm-end]\n")).as(v)
                    .doesNotContain(UcernvmFindings.SHELL_UNSAFE_VALUE);
        }
    }

    @Test
    void quotedSwitch() {
        assertThat(codes("[ucernvm-begin]\nresize_rootfs=\"off\"\n[ucernvm-end]\n"))
                .containsExactly(UcernvmFindings.QUOTED_SWITCH);
        assertThat(codes("[ucernvm-begin]\nresize_rootfs=\"0\"\n[ucernvm-end]\n")).isEmpty();
    }

    @Test
    void blockHiddenInAnEncodedPart() {
        String block = "[ucernvm-begin]\ncvmfs_tag=a\n[ucernvm-end]\n";
        String mime = "Content-Type: multipart/mixed; boundary=XX\nMIME-Version: 1.0\n\n--XX\n"
                + "Content-Type: text/ucernvm\nContent-Transfer-Encoding: base64\n\n"
                + Base64.getEncoder().encodeToString(block.getBytes(StandardCharsets.UTF_8)) + "\n--XX--\n";
        UcernvmSettings settings = UcernvmSettings.read(List.of(new UserDataPart(0, "text/ucernvm", "part-001",
                block.getBytes(StandardCharsets.UTF_8))));
        List<Finding> f = UcernvmFindings.check(mime.getBytes(StandardCharsets.UTF_8), settings);
        assertThat(f).extracting(Finding::code).containsExactly(UcernvmFindings.BLOCK_HIDDEN);
        assertThat(f.get(0).part()).isEqualTo(0);
        // the same block in a 7bit part is visible
        String plain = mime.replace("Content-Transfer-Encoding: base64\n\n"
                + Base64.getEncoder().encodeToString(block.getBytes(StandardCharsets.UTF_8)), "\n" + block);
        assertThat(UcernvmFindings.check(plain.getBytes(StandardCharsets.UTF_8), settings)).isEmpty();
    }

    @Test
    void brokenGzip() throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
            g.write("[ucernvm-begin]\ncvmfs_tag=a\n".getBytes(StandardCharsets.UTF_8));
        }
        byte[] gz = bo.toByteArray();
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length - 4);
        assertThat(UcernvmFindings.check(cut)).extracting(Finding::code).contains(UcernvmFindings.BROKEN_GZIP);
        assertThat(UcernvmFindings.check(gz)).extracting(Finding::code).containsExactly(UcernvmFindings.NO_END_MARKER);
    }

    @Test
    void tooLargeIsAFindingNotAnException() throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 65; i++) {
                g.write(zeros);
            }
        }
        assertThat(UcernvmFindings.check(bo.toByteArray())).extracting(Finding::code)
                .containsExactly(UcernvmFindings.TOO_LARGE);
    }

    @Test
    void conflictingPins() {
        assertThat(codes("[ucernvm-begin]\ncvmfs_tag=t\ncvmfs_root_hash=abc\n[ucernvm-end]\n"))
                .contains(UcernvmFindings.CONFLICTING_PINS, UcernvmFindings.UNKNOWN_KEY);
        assertThat(codes("[ucernvm-begin]\ncvmfs_root_hash=abc\n[ucernvm-end]\n"))
                .doesNotContain(UcernvmFindings.CONFLICTING_PINS);
    }

    @Test
    void everyCodeIsDistinctAndPrefixed() {
        assertThat(UcernvmFindings.CODES).doesNotHaveDuplicates().allMatch(c -> c.startsWith("UCERNVM_"));
    }
}
