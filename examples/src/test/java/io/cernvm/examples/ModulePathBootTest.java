package io.cernvm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots the SDK on the module path, as a JPMS user would, so a missing {@code opens},
 * {@code requires} or an unreadable package fails here and not in the field. The other tests
 * run on the class path.
 */
class ModulePathBootTest {

    /** Test-only jars, which stay off the module path. */
    private static final List<String> TEST_ONLY = List.of("test-classes", "junit", "assertj", "archunit",
            "opentest4j", "apiguardian", "byte-buddy", "quicktheories", "-tests.jar", "surefire");

    @TempDir
    Path dir;

    @Test
    void theCommandLineRunsAsAModule() throws IOException, InterruptedException {
        String modulePath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> TEST_ONLY.stream().noneMatch(e::contains))
                .collect(Collectors.joining(File.pathSeparator));
        Path yaml = Files.writeString(dir.resolve("u.yaml"), "#cloud-config\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "--module-path", modulePath,
                "-m", "io.cernvm.examples/io.cernvm.examples.CernvmCommand",
                "userdata", "compose", yaml + ":cloud-config")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).contains("Content-Type: text/cloud-config");
        assertThat(p.exitValue()).as(out).isZero();
    }
}
