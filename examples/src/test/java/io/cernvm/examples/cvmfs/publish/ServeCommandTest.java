package io.cernvm.examples.cvmfs.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cernvm.cvmfs.Repository;
import io.cernvm.examples.CernvmCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    void servesEveryRepositoryAsAStratumOneUntilKilled() throws Exception {
        Path root = dir.resolve("srv");
        Path keys = dir.resolve("keys");
        Path storage = ServedRepositories.publishOrigin(dir, root, keys);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CernvmCommand.class.getName(),
                "cvmfs", "serve", root.toString(), "--port", "0")
                .redirectError(dir.resolve("serve.err").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            // a guard against a hang, not a timing assertion
            String base = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
            assertThat(base).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(readLine(out)).isEqualTo(ServedRepositories.FQRN + " " + base + "/cvmfs/" + ServedRepositories.FQRN);

            Map<String, String> served;
            Map<String, String> local;
            try (Repository repo = ServedRepositories.openOverHttp(base, "", keys, dir.resolve("c1"))) {
                assertThat(repo.revision()).isEqualTo(2);
                served = ServedRepositories.view(repo);
                try (Repository v1 = repo.atTag("v1")) {
                    assertThat(new String(v1.readAllBytes("/README"), StandardCharsets.UTF_8)).isEqualTo("first\n");
                }
            }
            try (Repository repo = ServedRepositories.openLocal(storage, keys, dir.resolve("c2"))) {
                local = ServedRepositories.view(repo);
            }
            assertThat(served).isEqualTo(local);

            String repoUrl = base + "/cvmfs/" + ServedRepositories.FQRN;
            HttpURLConnection manifest = (HttpURLConnection) URI.create(repoUrl + "/.cvmfspublished").toURL().openConnection();
            assertThat(manifest.getResponseCode()).isEqualTo(200);
            assertThat(manifest.getHeaderField("Cache-Control")).isEqualTo("max-age=61");
            assertThat(manifest.getHeaderField("Expires")).isNotNull();
            manifest.getInputStream().readAllBytes();
            String catalog = ServedRepositories.manifestField(storage, 'C');
            URI object = URI.create(repoUrl + "/data/" + catalog.substring(0, 2) + "/" + catalog.substring(2) + "C");
            HttpURLConnection ranged = (HttpURLConnection) object.toURL().openConnection();
            ranged.setRequestProperty("Range", "bytes=0-9");
            assertThat(ranged.getResponseCode()).isEqualTo(206);
            assertThat(ranged.getInputStream().readAllBytes()).hasSize(10);
            assertThat(ranged.getHeaderField("Cache-Control")).isEqualTo("max-age=259200");
            assertThat(p.isAlive()).isTrue();
        } finally {
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void badArgumentsAreOneLine() {
        var missing = PublishCli.of("serve", dir.resolve("none").toString(), "--port", "0");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("not a directory").hasLineCount(1);
        var badPort = PublishCli.of("serve", dir.toString(), "--port", "70000");
        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(badPort.err()).hasLineCount(1);
    }

    private static String readLine(BufferedReader r) {
        try {
            return r.readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
