package io.cernvm.context.ucernvm;

import io.cernvm.api.UserDataPart;
import io.cernvm.context.Finding;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The tolerant typed reading: one test per rule, each failing if the rule were wrong. */
class UcernvmSettingsTest {

    private static List<String> codes(UcernvmSettings s) {
        return s.findings().stream().map(Finding::code).toList();
    }

    @Test
    void toleratesCrlfBlanksCaseCommentsAndQuotes() {
        UcernvmSettings s = UcernvmSettings.read("""
                 [UCernVM-Begin]\r
                # a comment\r
                \r
                  CVMFS_Branch = "cernvm-prod.cern.ch"\r
                resize_rootfs='off'\r
                [ucernvm-end]  \r
                cvmfs_tag=outside\r
                """);
        assertThat(s.cvmfsBranch()).isEqualTo("cernvm-prod.cern.ch");
        assertThat(s.resizeRootfs()).isFalse();
        assertThat(s.cvmfsTag()).isNull();
        assertThat(s.entries()).extracting(UcernvmSetting::line).containsExactly(4, 5);
        assertThat(s.entries().get(0).column()).isEqualTo(3);
        assertThat(s.findings()).isEmpty();
    }

    @Test
    void readsALastLineWithoutNewlineAndABlockWithoutEnd() {
        UcernvmSettings s = UcernvmSettings.read("[ucernvm-begin]\ncvmfs_tag=v1");
        assertThat(s.cvmfsTag()).isEqualTo("v1");
    }

    @Test
    void typesEveryKnownKey() {
        String inject = Base64.getEncoder().encodeToString(new byte[] {0x1f, (byte) 0x8b, 8, 0});
        UcernvmSettings s = UcernvmSettings.read(String.join("\n", "[ucernvm-begin]",
                "resize_rootfs=on", "use_boothd=1", "cvmfs_http_proxy=\"http://a:3128|http://b:3128;DIRECT\"",
                "cvmfs_pac_urls=http://wpad/wpad.dat;http://x/y.pac", "cvmfs_server=s1.cern.ch,s2.fnal.gov;s3:8000",
                "cvmfs_cdn=NONE", "cvmfs_branch=cernvm-prod.cern.ch", "cvmfs_tag=cernvm-system-4.7.0.0",
                "cernvm_path=cvm4", "cvmfs_wait_on_squid=30", "cernvm_inject=" + inject, "useglideinWMS=off",
                "cvm_cluster_pin=abcdef123456", "cvm_cluster_master=True",
                "cvm_service_url=https://cernvm-online.cern.ch", "my_key=kept", "[ucernvm-end]", ""));
        assertThat(s.resizeRootfs()).isTrue();
        assertThat(s.useBoothd()).isTrue();
        assertThat(s.cvmfsHttpProxy().groups()).containsExactly(List.of("http://a:3128", "http://b:3128"),
                List.of("DIRECT"));
        assertThat(s.cvmfsHttpProxy().text()).isEqualTo("http://a:3128|http://b:3128;DIRECT");
        assertThat(s.cvmfsHttpProxy().allowsDirect()).isTrue();
        assertThat(s.cvmfsPacUrls()).containsExactly("http://wpad/wpad.dat", "http://x/y.pac");
        assertThat(s.cvmfsServer()).containsExactly("s1.cern.ch", "s2.fnal.gov", "s3:8000");
        assertThat(s.cvmfsCdn()).isEmpty();
        assertThat(s.cvmfsBranch()).isEqualTo("cernvm-prod.cern.ch");
        assertThat(s.cvmfsTag()).isEqualTo("cernvm-system-4.7.0.0");
        assertThat(s.cernvmPath()).isEqualTo("cvm4");
        assertThat(s.cvmfsWaitOnSquid()).isEqualTo(30);
        assertThat(s.cernvmInject()).isEqualTo(inject);
        assertThat(s.cernvmInjectArchive()).hasValueSatisfying(a -> assertThat(a).hasSize(4));
        assertThat(s.useglideinWMS()).isFalse();
        assertThat(s.effectiveUseglideinWMS()).isFalse();
        assertThat(s.cvmClusterPin()).isEqualTo("abcdef123456");
        assertThat(s.cvmClusterMaster()).isTrue();
        assertThat(s.cvmServiceUrl()).isEqualTo(URI.create("https://cernvm-online.cern.ch"));
        assertThat(s.unknown()).containsExactly(java.util.Map.entry("my_key", "kept"));
        // ';' is accepted here, but the real bootloader splits servers only at ','
        assertThat(codes(s)).containsExactly(UcernvmFindings.BAD_VALUE, UcernvmFindings.UNKNOWN_KEY);
        assertThat(s.value("MY_KEY")).hasValue("kept");
    }

    @Test
    void cdnListWhenNotNone() {
        assertThat(UcernvmSettings.read("[ucernvm-begin]\ncvmfs_cdn=c1.example.org,c2.example.org\n").cvmfsCdn())
                .containsExactly("c1.example.org", "c2.example.org");
    }

    @Test
    void defaultsWhenUnset() {
        UcernvmSettings s = UcernvmSettings.read("nothing here\n");
        assertThat(s.hasEntries()).isFalse();
        assertThat(s.effectiveResizeRootfs()).isTrue();
        assertThat(s.effectiveUseglideinWMS()).isTrue();
        assertThat(s.effectiveUseBoothd()).isFalse();
        assertThat(s.effectiveClusterMaster()).isFalse();
    }

    @Test
    void malformedKnownValuesAreFindingsNotExceptions() {
        UcernvmSettings s = UcernvmSettings.read(String.join("\n", "[ucernvm-begin]", "resize_rootfs=maybe",
                "cvmfs_wait_on_squid=ten", "cernvm_inject=***", "cvm_service_url=not a url", "cvmfs_server=http://x/",
                "cvmfs_branch=", "cvm_cluster_pin=SHORT", "cernvm_path=a/b", ""));
        assertThat(s.resizeRootfs()).isNull();
        assertThat(s.effectiveResizeRootfs()).isTrue();
        assertThat(s.cvmfsWaitOnSquid()).isNull();
        assertThat(s.cernvmInject()).isNull();
        assertThat(s.cvmServiceUrl()).isNull();
        assertThat(s.cvmfsServer()).containsExactly("http://x/");
        assertThat(s.cvmfsBranch()).isNull();
        assertThat(s.cvmClusterPin()).isEqualTo("SHORT");
        assertThat(s.cernvmPath()).isNull();
        assertThat(codes(s)).containsExactly(UcernvmFindings.BAD_VALUE, UcernvmFindings.BAD_VALUE,
                UcernvmFindings.BAD_VALUE, UcernvmFindings.BAD_VALUE, UcernvmFindings.BAD_VALUE,
                UcernvmFindings.EMPTY_VALUE, UcernvmFindings.BAD_VALUE, UcernvmFindings.BAD_VALUE);
        assertThat(s.findings().get(1).line()).isEqualTo(3);
    }

    @Test
    void laterEntryWinsAndAMalformedLastEntryUnsetsTheKey() {
        assertThat(UcernvmSettings.read("[ucernvm-begin]\ncvmfs_tag=a\ncvmfs_tag=b\n").cvmfsTag()).isEqualTo("b");
        assertThat(UcernvmSettings.read("[ucernvm-begin]\nresize_rootfs=off\nresize_rootfs=x\n").resizeRootfs())
                .isNull();
    }

    @Test
    void findsTheBlockInAnyDecodedPartAndOnlyTheFirstOne() {
        List<UserDataPart> parts = List.of(
                new UserDataPart(0, "text/cloud-config", "part-001", "#cloud-config\n{}\n".getBytes(StandardCharsets.UTF_8)),
                new UserDataPart(1, "text/ucernvm", "part-002",
                        "[ucernvm-begin]\ncvmfs_tag=t1\n[ucernvm-end]\n".getBytes(StandardCharsets.UTF_8)),
                new UserDataPart(2, "text/ucernvm", "part-003",
                        "[ucernvm-begin]\ncvmfs_tag=t2\n[ucernvm-end]\n".getBytes(StandardCharsets.UTF_8)));
        UcernvmSettings s = UcernvmSettings.read(parts);
        assertThat(s.cvmfsTag()).isEqualTo("t1");
        assertThat(s.entries().get(0).part()).isEqualTo(1);
        assertThat(s.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(UcernvmFindings.SECOND_BLOCK);
            assertThat(f.part()).isEqualTo(2);
            assertThat(f.line()).isEqualTo(1);
        });
    }

    @Test
    void skipsANestedBeginAndLinesWithoutEquals() {
        UcernvmSettings s = UcernvmSettings.read("[ucernvm-begin]\na=1\n[ucernvm-begin]\njunk\nb=2\n");
        assertThat(s.entries()).extracting(UcernvmSetting::key).containsExactly("a", "b");
        assertThat(codes(s)).contains(UcernvmFindings.SECOND_BLOCK, UcernvmFindings.LINE_WITHOUT_EQUALS);
    }

    @Test
    void acceptsRawAndGzippedBytes() throws IOException {
        byte[] plain = "[ucernvm-begin]\ncvmfs_tag=z\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
            g.write(plain);
        }
        assertThat(UcernvmSettings.read(plain).cvmfsTag()).isEqualTo("z");
        assertThat(UcernvmSettings.read(bo.toByteArray()).cvmfsTag()).isEqualTo("z");
    }

    @Test
    void extraUserDataWins() {
        UcernvmSettings user = UcernvmSettings.read("[ucernvm-begin]\ncvmfs_tag=a\ncvmfs_branch=b.cern.ch\n");
        UcernvmSettings merged = user.withExtra("[ucernvm-begin]\nCVMFS_TAG=c\nresize_rootfs=no\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(merged.cvmfsTag()).isEqualTo("c");
        assertThat(merged.cvmfsBranch()).isEqualTo("b.cern.ch");
        assertThat(merged.resizeRootfs()).isFalse();
        assertThat(merged.entries()).filteredOn(UcernvmSetting::extra).hasSize(2);
        assertThat(codes(merged)).containsExactly(UcernvmFindings.EXTRA_OVERRIDES);
        // the other way round the user data would have won: the order matters
        assertThat(UcernvmSettings.readExtra("[ucernvm-begin]\ncvmfs_tag=c\n".getBytes(StandardCharsets.UTF_8))
                .withExtra(user).cvmfsTag()).isEqualTo("a");
    }

    @Test
    void mergesFindingsOfBothSides() {
        UcernvmSettings user = UcernvmSettings.read("[ucernvm-begin]\nbogus=1\n");
        UcernvmSettings merged = user.withExtra(UcernvmSettings.readExtra(
                "[ucernvm-begin]\ncvmfs_wait_on_squid=x\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(codes(merged)).containsExactly(UcernvmFindings.UNKNOWN_KEY, UcernvmFindings.BAD_VALUE);
        assertThat(merged.findings().get(1).message()).contains("extra user data");
    }

    @Test
    void unknownKeyHintNamesTheClosestKnownKey() {
        UcernvmSettings s = UcernvmSettings.read("[ucernvm-begin]\ncvmfs_http_proxi=DIRECT\n");
        assertThat(s.findings().get(0).hint()).contains("cvmfs_http_proxy");
    }
}
