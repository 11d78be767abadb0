package io.cernvm.examples.userdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.cernvm.examples.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTheDocumentToAFile() throws IOException {
        Path yaml = Files.writeString(dir.resolve("u.yaml"), "#cloud-config\nruncmd: [ls]\n");
        Path block = Files.writeString(dir.resolve("b.txt"), "[ucernvm-begin]\ncvmfs_branch=x\n[ucernvm-end]\n");
        Path out = dir.resolve("ud.mime");
        CliRun run = CliRun.of("userdata", "compose", yaml + ":cloud-config", block + ":ucernvm", "-o", out.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        String doc = Files.readString(out, StandardCharsets.US_ASCII);
        assertThat(doc).contains("Content-Type: text/cloud-config;", "filename=\"u.yaml\"",
                "Content-Type: text/ucernvm;", "\n[ucernvm-begin]\ncvmfs_branch=x\n[ucernvm-end]\n");
    }

    @Test
    void badInputsGiveOneLineAndExitTwo() throws IOException {
        Path yaml = Files.writeString(dir.resolve("u.yaml"), "#cloud-config\n");
        CliRun missing = CliRun.of("userdata", "compose", dir.resolve("nope") + ":cloud-config");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file").hasLineCount(1);
        CliRun noType = CliRun.of("userdata", "compose", yaml.toString());
        assertThat(noType.exitCode()).isEqualTo(2);
        assertThat(noType.err()).contains("is not FILE:TYPE").hasLineCount(1);
        CliRun badEncoding = CliRun.of("userdata", "compose", "--encoding", "qp", yaml + ":cloud-config");
        assertThat(badEncoding.exitCode()).isEqualTo(2);
        assertThat(badEncoding.err()).contains("7bit or base64");
    }
}
