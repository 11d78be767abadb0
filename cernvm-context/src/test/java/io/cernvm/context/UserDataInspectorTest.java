package io.cernvm.context;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cernvm.context.ucernvm.UcernvmFindings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The lint checks the issue names, each triggered through the one-pass inspection. */
class UserDataInspectorTest {

    private static final UserDataInspector INSPECTOR = UserDataInspector.builder().build();

    private static List<String> codes(String userData) {
        return codes(userData.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> codes(byte[] userData) {
        return INSPECTOR.inspect(userData).findings().stream().map(Finding::code).toList();
    }

    private static byte[] compose(String type, String payload, TransferEncoding encoding) {
        return UserDataComposer.builder().encoding(encoding).random(new SplittableRandom(3)).build()
                .compose(List.of(new ComposePart("p", type, payload.getBytes(StandardCharsets.UTF_8)))).bytes();
    }

    @Test
    void bundledExampleIsCleanAndEveryAgentReadsItsPart() {
        Inspection i = INSPECTOR.inspect(ExampleUserData.bytes());
        assertThat(i.findings()).isEmpty();
        assertThat(i.parts()).extracting(InspectedPart::agents).containsExactly(
                List.of(Agent.UCERNVM, Agent.AMICONFIG), List.of(Agent.CLOUD_INIT), List.of(Agent.CLOUD_INIT));
        assertThat(i.compat().lastWins()).containsEntry("CVMFS_BRANCH", "cernvm-prod.cern.ch")
                .containsEntry("RESIZE_ROOTFS", "1");
        assertThat(i.settings().cvmfsTag()).isEqualTo("cernvm-system-3.6.5.0");
        assertThat(i.amiconfig().plugins()).containsExactly("cernvm", "condor");
        assertThat(i.cloudConfig().values()).containsKeys("users", "write_files", "runcmd");
    }

    @Test
    void crlfThatTheBootloaderWouldDropIsAnError() {
        Inspection i = INSPECTOR.inspect("[ucernvm-begin]\r\ncvmfs_branch=a\r\n[ucernvm-end]\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(i.compat().entries()).isEmpty();
        assertThat(i.findings()).anyMatch(f -> f.code().equals(UcernvmFindings.CRLF) && f.severity() == Severity.ERROR);
        assertThat(i.hasErrors()).isTrue();
    }

    @Test
    void missingTrailingNewline() {
        assertThat(codes("[ucernvm-begin]\ncvmfs_branch=a\n[ucernvm-end]")).doesNotContain(UcernvmFindings.NO_TRAILING_NEWLINE);
        assertThat(codes("[ucernvm-begin]\ncvmfs_branch=a")).contains(UcernvmFindings.NO_TRAILING_NEWLINE);
    }

    @Test
    void blockHiddenInAnEncodedPart() {
        byte[] hidden = compose("text/ucernvm", "[ucernvm-begin]\ncvmfs_branch=a\n[ucernvm-end]\n", TransferEncoding.BASE64);
        Inspection i = INSPECTOR.inspect(hidden);
        assertThat(i.compat().entries()).isEmpty();
        assertThat(i.settings().cvmfsBranch()).isEqualTo("a");
        assertThat(i.findings()).anyMatch(f -> f.code().equals(UcernvmFindings.BLOCK_HIDDEN));
        assertThat(i.parts().get(0).agents()).doesNotContain(Agent.UCERNVM);
        byte[] visible = compose("text/ucernvm", "[ucernvm-begin]\ncvmfs_branch=a\n[ucernvm-end]\n", TransferEncoding.SEVEN_BIT);
        assertThat(codes(visible)).doesNotContain(UcernvmFindings.BLOCK_HIDDEN);
        assertThat(INSPECTOR.inspect(visible).parts().get(0).agents()).contains(Agent.UCERNVM);
    }

    @Test
    void unknownKeysAndShellUnsafeValues() {
        List<String> c = codes("[ucernvm-begin]\ncvmfs_brnch=a\ncvmfs_http_proxy=http://p:3128;DIRECT\n[ucernvm-end]\n");
        assertThat(c).contains(UcernvmFindings.UNKNOWN_KEY, UcernvmFindings.SHELL_UNSAFE_VALUE);
    }

    @Test
    void amiconfigPluginsThatDoNotExist() {
        assertThat(codes("[amiconfig]\nplugins=cernvm nosuchplugin\n[cernvm]\nshell=/bin/bash\n"))
                .contains("AMICONFIG_UNKNOWN_PLUGIN");
        assertThat(codes("[amiconfig]\nplugins=cernvm\n[cernvm]\nshell=/bin/bash\n"))
                .doesNotContain("AMICONFIG_UNKNOWN_PLUGIN");
    }

    @Test
    void yamlErrorsCarryTheirPosition() {
        Inspection i = INSPECTOR.inspect("#cloud-config\nruncmd: [ls\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(i.findings()).anyMatch(f -> f.code().equals("CLOUD_CONFIG_YAML_ERROR") && f.part() == 0
                && f.line() != null);
    }

    @Test
    void declaredTypeThatDisagreesWithTheContent() {
        byte[] mismatched = compose("text/cloud-boothook", "#cloud-config\nruncmd: [ls]\n", TransferEncoding.SEVEN_BIT);
        assertThat(codes(mismatched)).contains(UserDataInspector.PART_TYPE_MISMATCH);
        byte[] amiconfigScript = compose("text/amiconfig", "#!/bin/sh\nexit 0\n[amiconfig]\nplugins=cernvm\n",
                TransferEncoding.SEVEN_BIT);
        assertThat(codes(amiconfigScript)).doesNotContain(UserDataInspector.PART_TYPE_MISMATCH);
    }

    @Test
    void conflictingPins() {
        assertThat(codes("[ucernvm-begin]\ncvmfs_tag=v1\ncvmfs_root_hash=0123456789abcdef0123456789abcdef01234567\n"
                + "[ucernvm-end]\n")).contains(UcernvmFindings.CONFLICTING_PINS);
    }

    @Test
    void sizeLimit() {
        String big = "#cloud-config\nruncmd:\n" + "  - echo 0123456789\n".repeat(1000);
        assertThat(codes(big)).contains("USERDATA_OVER_16K");
        assertThat(codes("#cloud-config\nruncmd: [ls]\n")).doesNotContain("USERDATA_OVER_16K");
    }

    @Test
    void extraUserDataWinsForTheBootloaderSettings() {
        Inspection i = UserDataInspector.builder()
                .extraUserData("[ucernvm-begin]\ncvmfs_branch=extra.cern.ch\n[ucernvm-end]\n".getBytes(StandardCharsets.US_ASCII))
                .build().inspect("[ucernvm-begin]\ncvmfs_branch=user.cern.ch\n[ucernvm-end]\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(i.settings().cvmfsBranch()).isEqualTo("extra.cern.ch");
        assertThat(i.compat().lastWins()).containsEntry("CVMFS_BRANCH", "user.cern.ch");
    }

    @Test
    void jsonHasTheDocumentedShape() {
        JsonNode json = InspectionJson.toJson(INSPECTOR.inspect(ExampleUserData.bytes()));
        assertThat(json.fieldNames()).toIterable().contains("parts", "cloudConfig", "ucernvm", "amiconfig", "findings");
        JsonNode part = json.get("parts").get(0);
        assertThat(part.fieldNames()).toIterable()
                .containsExactly("index", "contentType", "filename", "sha256", "size", "handler", "agents");
        assertThat(part.get("agents").toString()).isEqualTo("[\"ucernvm\",\"amiconfig\"]");
        assertThat(json.at("/ucernvm/compat/entries/0/key").asText()).isEqualTo("RESIZE_ROOTFS");
        assertThat(json.at("/ucernvm/compat/lastWins/CVMFS_TAG").asText()).isEqualTo("cernvm-system-3.6.5.0");
        assertThat(json.at("/ucernvm/settings/cvmfsBranch").asText()).isEqualTo("cernvm-prod.cern.ch");
        assertThat(json.at("/ucernvm/settings").has("findings")).isFalse();
        assertThat(json.at("/amiconfig/plugins").toString()).isEqualTo("[\"cernvm\",\"condor\"]");
        assertThat(json.at("/cloudConfig/runcmd/0/0").asText()).isEqualTo("cvmfs_config");
    }
}
