package io.cernvm.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cernvm.api.UserDataException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class UserDataComposerTest {

    private static final UserDataComposer SEEDED = UserDataComposer.builder()
            .random(new SplittableRandom(7)).build();

    private static ComposePart part(String name, String type, String text) {
        return new ComposePart(name, type, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesSevenBitPartsLikeAmiconfigMime() {
        ComposedUserData out = SEEDED.compose(List.of(
                part("ctx.ini", "text/amiconfig", "[ucernvm-begin]\ncvmfs_branch=x\n[ucernvm-end]\n"),
                part("user.yaml", "text/cloud-config", "#cloud-config\nruncmd: [ls]")));
        String doc = new String(out.bytes(), StandardCharsets.US_ASCII);
        assertThat(out.findings()).isEmpty();
        assertThat(doc).startsWith("Content-Type: multipart/mixed; boundary=\"===============");
        assertThat(doc).contains("Content-Type: text/amiconfig; charset=\"us-ascii\"\nMIME-Version: 1.0\n"
                + "Content-Transfer-Encoding: 7bit\nContent-Disposition: attachment; filename=\"ctx.ini\"\n\n"
                + "[ucernvm-begin]\ncvmfs_branch=x\n[ucernvm-end]\n\n--");
        assertThat(doc).contains("filename=\"user.yaml\"\n\n#cloud-config\nruncmd: [ls]\n--");
        assertThat(doc).endsWith("==--\n");
        // The raw block stays visible to the bootloader's parser, which does no MIME decoding.
        assertThat(doc).contains("\n[ucernvm-begin]\n");
    }

    @Test
    void eightBitPayloadGoesBase64WithAWarningNamingIt() {
        ComposedUserData out = SEEDED.compose(List.of(part("a.sh", "text/x-shellscript", "#!/bin/sh\necho ü\n")));
        String doc = new String(out.bytes(), StandardCharsets.US_ASCII);
        assertThat(doc).contains("charset=\"utf-8\"").contains("Content-Transfer-Encoding: base64");
        assertThat(out.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("COMPOSE_PART_NOT_7BIT");
            assertThat(f.part()).isZero();
            assertThat(f.message()).contains("a.sh");
        });
    }

    @Test
    void bareCarriageReturnAndLongLinesAreNotSevenBitClean() {
        assertThat(UserDataComposer.isSevenBitClean("a\r\nb\n".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(UserDataComposer.isSevenBitClean("a\rb".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(UserDataComposer.isSevenBitClean(new byte[] {'a', 0})).isFalse();
        assertThat(UserDataComposer.isSevenBitClean("x".repeat(999).getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(UserDataComposer.isSevenBitClean("x".repeat(998).getBytes(StandardCharsets.US_ASCII))).isTrue();
    }

    @Test
    void base64EncodingHidesEverythingButWarnsOfNothing() {
        ComposedUserData out = UserDataComposer.builder().encoding(TransferEncoding.BASE64)
                .random(new SplittableRandom(1)).build()
                .compose(List.of(part("x", "text/ucernvm", "[ucernvm-begin]\na=b\n[ucernvm-end]\n")));
        assertThat(new String(out.bytes(), StandardCharsets.US_ASCII)).doesNotContain("[ucernvm-begin]")
                .contains("Content-Transfer-Encoding: base64");
        assertThat(out.findings()).isEmpty();
    }

    @Test
    void gzipAndTheSixteenKibLimit() throws IOException {
        String big = ("#cloud-config\n" + "runcmd:\n" + "  - echo 0123456789abcdef\n".repeat(1200));
        ComposedUserData plain = SEEDED.compose(List.of(part("big.yaml", "text/cloud-config", big)));
        assertThat(plain.findings()).extracting(Finding::code).containsExactly("USERDATA_OVER_16K");
        ComposedUserData zipped = UserDataComposer.builder().gzip(true).random(new SplittableRandom(7)).build()
                .compose(List.of(part("big.yaml", "text/cloud-config", big)));
        assertThat(zipped.findings()).isEmpty();
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.bytes())).readAllBytes();
        assertThat(unzipped).isEqualTo(UserDataComposer.builder().random(new SplittableRandom(7)).build()
                .compose(List.of(part("big.yaml", "text/cloud-config", big))).bytes());
    }

    @Test
    void boundaryNeverOccursInAPayload() {
        // Seed 7 always draws the same first boundary; plant it in the payload.
        String first = new String(SEEDED.compose(List.of(part("a", "text/plain", "x"))).bytes(),
                StandardCharsets.US_ASCII).lines().findFirst().orElseThrow().replaceAll(".*boundary=\"(.*)\"", "$1");
        ComposedUserData out = UserDataComposer.builder().random(new SplittableRandom(7)).build()
                .compose(List.of(part("a", "text/plain", "--" + first + "\n")));
        assertThat(new String(out.bytes(), StandardCharsets.US_ASCII)).doesNotContain("boundary=\"" + first + "\"");
    }

    @Test
    void specsSplitAtTheLastColon() {
        assertThat(ComposePart.splitSpec("C:\\x:y.ini:amiconfig")).containsExactly("C:\\x:y.ini", "text/amiconfig");
        assertThat(ComposePart.splitSpec("a.sh:X-Shellscript")).containsExactly("a.sh", "text/x-shellscript");
        assertThat(ComposePart.splitSpec("m:message/rfc822")).containsExactly("m", "message/rfc822");
        assertThatThrownBy(() -> ComposePart.splitSpec("nocolon")).isInstanceOf(UserDataException.class)
                .hasMessageContaining("FILE:TYPE");
        assertThatThrownBy(() -> ComposePart.splitSpec("a:")).isInstanceOf(UserDataException.class);
        assertThatThrownBy(() -> ComposePart.splitSpec("a:te xt")).isInstanceOf(UserDataException.class);
    }
}
