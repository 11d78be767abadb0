package io.cernvm.context.ucernvm;

import io.cernvm.context.Finding;
import io.cernvm.context.amiconfig.AmiconfigDocument;
import io.cernvm.context.amiconfig.AmiconfigFindings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A context shaped like CernVM Online's {@code renderCoreContext} output (script, amiconfig INI,
 * µCernVM block) read by all three readers, once as written and once after a Windows editor.
 */
class CernvmOnlineContextTest {

    private static final String CONTEXT = """
            #!/bin/sh
            . /etc/cernvm/site.conf
            echo "configuring"
            exit
            [amiconfig]
            plugins=cernvm
            [cernvm]
            organisations=atlas
            repositories=atlas,grid
            shell=/bin/bash
            users=atlas:atlas:
            edition=Desktop
            keyboard=us
            startXDM=on
            [ucernvm-begin]
            cvmfs_http_proxy="http://ca-proxy.cern.ch:3128;DIRECT"
            resize_rootfs=true
            cvmfs_branch=cernvm-prod.cern.ch
            [ucernvm-end]
            """;

    @Test
    void everyAgentReadsItsPart() {
        byte[] raw = CONTEXT.getBytes(StandardCharsets.UTF_8);
        UcernvmBlock compat = UcernvmBlock.parse(raw);
        assertThat(compat.outputLines()).containsExactly(
                "_UCONTEXT_CVMFS_HTTP_PROXY=\"http://ca-proxy.cern.ch:3128;DIRECT\"", "_UCONTEXT_RESIZE_ROOTFS=1",
                "_UCONTEXT_CVMFS_BRANCH=cernvm-prod.cern.ch");
        UcernvmSettings settings = UcernvmSettings.read(raw);
        assertThat(settings.cvmfsHttpProxy().groups()).containsExactly(List.of("http://ca-proxy.cern.ch:3128"),
                List.of("DIRECT"));
        assertThat(settings.resizeRootfs()).isTrue();
        assertThat(UcernvmFindings.check(raw, settings)).isEmpty();
        AmiconfigDocument ini = AmiconfigDocument.parse(raw);
        assertThat(ini.findings()).isEmpty();
        assertThat(ini.script().runsAfter()).isTrue();
        assertThat(ini.plugins()).containsExactly("cernvm");
        assertThat(ini.cernvm().users()).singleElement().satisfies(u -> assertThat(u.randomPassword()).isTrue());
        assertThat(ini.cernvm().edition()).isEqualTo("Desktop");
        // amiconfig sees the block too, as harmless sections
        assertThat(ini.section("ucernvm-begin")).isPresent();
    }

    @Test
    void crlfSilentlyDisablesTheBlockAndTheScript() {
        byte[] raw = CONTEXT.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(UcernvmBlock.parse(raw).hasEntries()).isFalse();
        UcernvmSettings settings = UcernvmSettings.read(raw);
        assertThat(settings.cvmfsBranch()).isEqualTo("cernvm-prod.cern.ch");
        List<Finding> f = UcernvmFindings.check(raw, settings);
        assertThat(f).extracting(Finding::code).contains(UcernvmFindings.CRLF)
                .doesNotContain(UcernvmFindings.BLOCK_HIDDEN);
        AmiconfigDocument ini = AmiconfigDocument.parse(raw);
        assertThat(ini.cernvm().shell()).isEqualTo("/bin/bash");
        assertThat(ini.findings()).extracting(Finding::code).contains(AmiconfigFindings.SCRIPT_NOT_RUN);
    }

    @Test
    void extraUserDataOverridesTheBranch() {
        UcernvmSettings merged = UcernvmSettings.read(CONTEXT.getBytes(StandardCharsets.UTF_8))
                .withExtra("[ucernvm-begin]\ncvmfs_branch=cernvm-testing.cern.ch\n[ucernvm-end]\n"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(merged.cvmfsBranch()).isEqualTo("cernvm-testing.cern.ch");
        assertThat(merged.cvmfsHttpProxy()).isNotNull();
    }
}
