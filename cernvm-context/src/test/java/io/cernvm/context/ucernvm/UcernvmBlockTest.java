package io.cernvm.context.ucernvm;

import io.cernvm.api.UserDataException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One test per rule of the real bootloader's parser, each with an input a wrong rule would fail. */
class UcernvmBlockTest {

    private static UcernvmBlock parse(String s) {
        return UcernvmBlock.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String out(String s) {
        return new String(parse(s).output(), StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
            g.write(b);
        }
        return bo.toByteArray();
    }

    @Test
    void readsAPlainBlock() {
        UcernvmBlock b = parse("x=1\n[ucernvm-begin]\ncvmfs_branch=cernvm-prod.cern.ch\n[ucernvm-end]\ny=2\n");
        assertThat(b.entries()).containsExactly(new UcernvmEntry("CVMFS_BRANCH", "cernvm-prod.cern.ch", 3));
        assertThat(out("[ucernvm-begin]\na=b\n[ucernvm-end]\n")).isEqualTo("_UCONTEXT_A=b\n");
        assertThat(b.gunzip()).isEqualTo(GunzipOutcome.NOT_GZIP);
    }

    @Test
    void splitsOnLineFeedOnlySoCrlfMarkersAreInvisible() {
        assertThat(parse("[ucernvm-begin]\r\na=b\r\n[ucernvm-end]\r\n").entries()).isEmpty();
        // with LF markers the CR stays in each value
        assertThat(out("[ucernvm-begin]\na=b\r\n[ucernvm-end]\n")).isEqualTo("_UCONTEXT_A=b\r\n");
        // a lone CR is no line break
        assertThat(parse("[ucernvm-begin]\ra=b\n").entries()).isEmpty();
    }

    @Test
    void ignoresALastLineWithoutNewline() {
        assertThat(out("[ucernvm-begin]\na=b\nc=d")).isEqualTo("_UCONTEXT_A=b\n");
        assertThat(parse("[ucernvm-begin]").entries()).isEmpty();
    }

    @Test
    void markersMatchExactly() {
        assertThat(parse(" [ucernvm-begin]\na=b\n").entries()).isEmpty();
        assertThat(parse("[ucernvm-begin] \na=b\n").entries()).isEmpty();
        assertThat(parse("[UCERNVM-BEGIN]\na=b\n").entries()).isEmpty();
        // an inexact end marker is just a line without '=' inside the block
        assertThat(out("[ucernvm-begin]\na=b\n[ucernvm-end] \nc=d\n")).isEqualTo("_UCONTEXT_A=b\n_UCONTEXT_C=d\n");
    }

    @Test
    void endMarkerStopsEvenBeforeAnyBegin() {
        assertThat(parse("[ucernvm-end]\n[ucernvm-begin]\na=b\n[ucernvm-end]\n").entries()).isEmpty();
    }

    @Test
    void onlyTheFirstBlockCounts() {
        assertThat(out("[ucernvm-begin]\na=1\n[ucernvm-end]\n[ucernvm-begin]\nb=2\n[ucernvm-end]\n"))
                .isEqualTo("_UCONTEXT_A=1\n");
    }

    @Test
    void withoutEndTheBlockRunsToTheEndAndASecondBeginIsSkipped() {
        assertThat(out("[ucernvm-begin]\na=1\n[ucernvm-begin]\nb=2\n[cernvm]\nusers=x:y:z\n"))
                .isEqualTo("_UCONTEXT_A=1\n_UCONTEXT_B=2\n_UCONTEXT_USERS=x:y:z\n");
    }

    @Test
    void splitsAtTheFirstEqualsAndSkipsLinesWithoutOne() {
        assertThat(out("[ucernvm-begin]\nno equals\nk=a=b=c\n=v\n")).isEqualTo("_UCONTEXT_K=a=b=c\n_UCONTEXT_=v\n");
    }

    @Test
    void noTrimmingNoComments() {
        assertThat(out("[ucernvm-begin]\n k = v \n#c=d\n")).isEqualTo("_UCONTEXT_ K = v \n_UCONTEXT_#C=d\n");
    }

    @Test
    void upperCasesKeysWithAsciiRulesOnly() {
        assertThat(out("[ucernvm-begin]\nmüx_ß=1x\n")).isEqualTo("_UCONTEXT_MüX_ß=1x\n");
    }

    @Test
    void convertsSwitchWordsInAnyCaseAndNothingElse() {
        assertThat(out("[ucernvm-begin]\na=yEs\nb=ON\nc=True\nd=no\ne=oFF\nf=FALSE\ng=\"yes\"\nh=yes \ni=y\nj=1\n"))
                .isEqualTo("_UCONTEXT_A=1\n_UCONTEXT_B=1\n_UCONTEXT_C=1\n_UCONTEXT_D=0\n_UCONTEXT_E=0\n_UCONTEXT_F=0\n"
                        + "_UCONTEXT_G=\"yes\"\n_UCONTEXT_H=yes \n_UCONTEXT_I=y\n_UCONTEXT_J=1\n");
    }

    @Test
    void keepsValuesVerbatimNeverEvaluated() {
        assertThat(parse("[ucernvm-begin]\ncvmfs_http_proxy=\"http://p:3128;DIRECT\"\nx=$(rm -rf /)\n").entries())
                .extracting(UcernvmEntry::value)
                .containsExactly("\"http://p:3128;DIRECT\"", "$(rm -rf /)");
    }

    @Test
    void reproducesInvalidUtf8ByteForByte() {
        byte[] in = {'[', 'u', 'c', 'e', 'r', 'n', 'v', 'm', '-', 'b', 'e', 'g', 'i', 'n', ']', '\n',
            'k', (byte) 0xff, '=', (byte) 0xc0, 'z', '\n'};
        UcernvmBlock b = UcernvmBlock.parse(in);
        assertThat(b.output()).containsExactly('_', 'U', 'C', 'O', 'N', 'T', 'E', 'X', 'T', '_', 'K', (byte) 0xff, '=',
                (byte) 0xc0, 'z', '\n');
        assertThat(b.exactKey(0)).containsExactly('K', (byte) 0xff);
        assertThat(b.exactValue(0)).containsExactly((byte) 0xc0, 'z');
        assertThat(b.entries().get(0).key()).isEqualTo("K\uFFFD");
    }

    @Test
    void printfCutsKeyAndValueAtNul() {
        byte[] in = "[ucernvm-begin]\nab\0cd=yes\0x\n".getBytes(StandardCharsets.ISO_8859_1);
        // "yes\0x" is not "YES", so it is not converted; printf prints up to the NUL
        assertThat(new String(UcernvmBlock.parse(in).output(), StandardCharsets.ISO_8859_1))
                .isEqualTo("_UCONTEXT_AB=yes\n");
    }

    @Test
    void lastWinsKeepsTheLaterValue() {
        UcernvmBlock b = parse("[ucernvm-begin]\na=1\nb=2\nA=3\n");
        assertThat(b.lastWins()).containsExactly(java.util.Map.entry("A", "3"), java.util.Map.entry("B", "2"));
        assertThat(b.entries()).hasSize(3);
    }

    @Test
    void gunzipsWholeUserDataOnce() throws IOException {
        byte[] plain = "[ucernvm-begin]\na=b\n[ucernvm-end]\n".getBytes(StandardCharsets.UTF_8);
        UcernvmBlock b = UcernvmBlock.parse(gzip(plain));
        assertThat(b.gunzip()).isEqualTo(GunzipOutcome.DECOMPRESSED);
        assertThat(b.outputLines()).containsExactly("_UCONTEXT_A=b");
        // gzip inside gzip: one attempt only, the inner gzip bytes are parsed as text
        assertThat(UcernvmBlock.parse(gzip(gzip(plain))).entries()).isEmpty();
    }

    @Test
    void concatenatedMembersAndTrailingGarbageFollowBusybox() throws IOException {
        byte[] a = gzip("[ucernvm-begin]\n".getBytes(StandardCharsets.UTF_8));
        byte[] c = gzip("a=b\n".getBytes(StandardCharsets.UTF_8));
        byte[] both = concat(a, c);
        assertThat(UcernvmBlock.parse(both).outputLines()).containsExactly("_UCONTEXT_A=b");
        // garbage after a member is ignored by busybox (GNU gzip would warn and exit 2)
        byte[] garbage = concat(both, "junk\n".getBytes(StandardCharsets.UTF_8));
        assertThat(UcernvmBlock.parse(garbage).gunzip()).isEqualTo(GunzipOutcome.DECOMPRESSED);
    }

    @Test
    void brokenGzipMeansTheRawBytesAreParsed() throws IOException {
        byte[] plain = "[ucernvm-begin]\na=b\n[ucernvm-end]\n".getBytes(StandardCharsets.UTF_8);
        byte[] gz = gzip(plain);
        byte[] truncated = Arrays.copyOf(gz, gz.length - 3);
        assertThat(UcernvmBlock.parse(truncated).gunzip()).isEqualTo(GunzipOutcome.FAILED);
        byte[] badCrc = gz.clone();
        badCrc[gz.length - 8] ^= 1;
        assertThat(UcernvmBlock.parse(badCrc).gunzip()).isEqualTo(GunzipOutcome.FAILED);
        // magic followed by text: the raw text, block included, is what gets parsed
        byte[] fake = concat(new byte[] {0x1f, (byte) 0x8b, '\n'}, plain);
        UcernvmBlock b = UcernvmBlock.parse(fake);
        assertThat(b.gunzip()).isEqualTo(GunzipOutcome.FAILED);
        assertThat(b.outputLines()).containsExactly("_UCONTEXT_A=b");
    }

    @Test
    void lengthMismatchFailsUnlessALaterMemberFollows() throws IOException {
        byte[] gz = gzip("x\n".getBytes(StandardCharsets.UTF_8));
        byte[] badLength = gz.clone();
        badLength[gz.length - 1] ^= 1;
        assertThat(UcernvmBlock.parse(badLength).gunzip()).isEqualTo(GunzipOutcome.FAILED);
        // busybox adds the next member's size to its -1
        assertThat(UcernvmBlock.parse(concat(badLength, gz)).gunzip()).isEqualTo(GunzipOutcome.DECOMPRESSED);
    }

    @Test
    void extraUserDataIsNeverGunzippedAndItsVariablesWin() throws IOException {
        byte[] extra = "[ucernvm-begin]\ncvmfs_tag=x\n".getBytes(StandardCharsets.UTF_8);
        assertThat(UcernvmBlock.parseExtraUserData(gzip(extra)).hasEntries()).isFalse();
        UcernvmBlock user = parse("[ucernvm-begin]\ncvmfs_tag=u\nresize_rootfs=off\n");
        assertThat(user.lastWinsWith(UcernvmBlock.parseExtraUserData(extra)))
                .containsExactly(java.util.Map.entry("CVMFS_TAG", "x"), java.util.Map.entry("RESIZE_ROOTFS", "0"));
    }

    @Test
    void refusesAGzipBombBeyondTheLimit() throws IOException {
        byte[] bomb = gzip(new byte[1 << 20]);
        assertThatThrownBy(() -> UcernvmBlock.parse(bomb, 1000)).isInstanceOf(UserDataException.class)
                .hasMessageContaining("1000");
        assertThat(UcernvmBlock.parse(bomb).gunzip()).isEqualTo(GunzipOutcome.DECOMPRESSED);
    }

    @Test
    void rejectsInconsistentComponents() {
        List<UcernvmEntry> e = List.of(new UcernvmEntry("A", "1", 2));
        assertThatThrownBy(() -> new UcernvmBlock(e, java.util.Map.of(), GunzipOutcome.NOT_GZIP, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
