package io.cernvm.examples.userdata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cernvm.examples.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectAndLintCommandTest {

    @TempDir
    Path dir;

    @Test
    void inspectWithoutFileShowsTheBundledExample() {
        CliRun run = CliRun.of("userdata", "inspect");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("bundled example", "_UCONTEXT_CVMFS_BRANCH=cernvm-prod.cern.ch",
                "read by: ucernvm, amiconfig", "findings: none");
    }

    @Test
    void inspectJsonIsOneObjectWithTheDocumentedFields() throws IOException {
        CliRun run = CliRun.of("userdata", "inspect", "--json");
        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("parts")).hasSize(3);
        assertThat(json.at("/parts/1/handler").asText()).isEqualTo("cloud-config");
        assertThat(json.at("/ucernvm/compat/lastWins/CERNVM_PATH").asText()).isEqualTo("cvm3");
        assertThat(json.get("findings")).isEmpty();
    }

    @Test
    void includesAreAnsweredOnlyFromLocalFiles() throws IOException {
        Path included = Files.writeString(dir.resolve("inc.yaml"), "#cloud-config\nhostname: included\n");
        Path ud = Files.writeString(dir.resolve("ud.txt"), "#include\nhttp://example.invalid/inc.yaml\n");
        CliRun unanswered = CliRun.of("userdata", "inspect", "--json", ud.toString());
        assertThat(unanswered.exitCode()).isZero(); // it printed its result
        assertThat(unanswered.out()).contains("INCLUDE_UNAVAILABLE");
        CliRun answered = CliRun.of("userdata", "inspect", "--json",
                "--include-file", "http://example.invalid/inc.yaml=" + included, ud.toString());
        assertThat(answered.out()).contains("\"hostname\" : \"included\"").doesNotContain("INCLUDE_UNAVAILABLE");
    }

    @Test
    void jinjaRendersWithInstanceData() throws IOException {
        Path ud = Files.writeString(dir.resolve("j.txt"),
                "## template: jinja\n#cloud-config\nhostname: {{ v1.local_hostname }}\n");
        Path data = Files.writeString(dir.resolve("instance.json"), "{\"v1\": {\"local_hostname\": \"node7\"}}");
        CliRun without = CliRun.of("userdata", "inspect", "--json", ud.toString());
        assertThat(without.out()).contains("JINJA_NOT_RENDERED");
        CliRun with = CliRun.of("userdata", "inspect", "--json", "--instance-data", data.toString(), ud.toString());
        assertThat(with.out()).contains("\"hostname\" : \"node7\"");
    }

    @Test
    void extraUserDataWinsInSettings() throws IOException {
        Path ud = Files.writeString(dir.resolve("u.txt"), "[ucernvm-begin]\ncvmfs_branch=a.cern.ch\n[ucernvm-end]\n");
        Path extra = Files.writeString(dir.resolve("extra"), "[ucernvm-begin]\ncvmfs_branch=b.cern.ch\n[ucernvm-end]\n");
        CliRun run = CliRun.of("userdata", "inspect", "--json", "--extra-user-data", extra.toString(), ud.toString());
        assertThat(run.out()).contains("\"cvmfsBranch\" : \"b.cern.ch\"");
    }

    @Test
    void lintExitCodes() throws IOException {
        Path clean = Files.writeString(dir.resolve("clean.txt"), "[ucernvm-begin]\ncvmfs_branch=a.cern.ch\n[ucernvm-end]\n");
        Path crlf = Files.writeString(dir.resolve("crlf.txt"), "[ucernvm-begin]\r\ncvmfs_branch=a.cern.ch\r\n[ucernvm-end]\r\n");
        assertThat(CliRun.of("userdata", "lint", clean.toString()).exitCode()).isZero();
        CliRun bad = CliRun.of("userdata", "lint", crlf.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.out()).contains("error UCERNVM_CRLF");
        CliRun missing = CliRun.of("userdata", "lint", dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file").hasLineCount(1);
        assertThat(CliRun.of("userdata", "inspect", dir.resolve("nope").toString()).exitCode()).isEqualTo(2);
        CliRun badInstance = CliRun.of("userdata", "inspect", "--instance-data", clean.toString(), clean.toString());
        assertThat(badInstance.exitCode()).isEqualTo(2);
        assertThat(badInstance.err()).contains("not a JSON object").hasLineCount(1);
    }
}
