package io.cernvm.examples.cvmfs.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cernvm.cvmfs.CvmfsClient;
import io.cernvm.cvmfs.FileType;
import io.cernvm.cvmfs.Repository;
import io.cernvm.cvmfs.Tag;
import io.cernvm.examples.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoSystemCommandTest {
    private static final String FQRN = "cernvm-prod.cern.ch";

    @TempDir
    Path dir;

    private Repository open(Path storage, Path keys) {
        return CvmfsClient.builder().localRepository(storage).publicKeys(List.of(keys.resolve(FQRN + ".pub")))
                .workDirectory(dir.resolve("client")).build().open(FQRN);
    }

    @Test
    void publishesTaggedReleasesWithARollingHeadAndABusyboxBin() throws Exception {
        // a stand-in for Debian's /bin/busybox: the command copies whatever binary it is given
        Path busybox = Files.write(dir.resolve("busybox"), "\u007fELF static busybox stand-in".getBytes(StandardCharsets.UTF_8));
        Path storage = dir.resolve("repo");
        Path keys = dir.resolve("keys");
        CliRun run = PublishCli.of("demo-system", "--storage", storage.toString(), "--keys", keys.toString(),
                "--busybox", busybox.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("generated keys", "revision 3: cernvm-system-3.2.0.0", "HEAD = cernvm-system-3.2.0.0");
        try (Repository repo = open(storage, keys)) {
            Map<String, Tag> tags = repo.tags().stream().collect(Collectors.toMap(Tag::name, Function.identity()));
            assertThat(tags).containsKeys("cernvm-system-3.0.0.0", "cernvm-system-3.1.0.0", "cernvm-system-3.2.0.0", "HEAD");
            assertThat(tags.get("HEAD").revision()).isEqualTo(tags.get("cernvm-system-3.2.0.0").revision());
            assertThat(tags.get("HEAD").rootHash()).isEqualTo(repo.rootHash());
            assertThat(repo.exists("/cvm3/.installed_cernvm-system-3.2.0.0")).isTrue();
            assertThat(repo.exists("/cvm3/.installed_cernvm-system-3.0.0.0")).isFalse();
            assertThat(repo.readAllBytes("/cvm3/bin/busybox")).isEqualTo(Files.readAllBytes(busybox));
            assertThat(repo.stat("/cvm3/bin/sh").type()).isEqualTo(FileType.SYMLINK);
            assertThat(repo.stat("/cvm3/bin/sh").rawTarget()).isEqualTo("busybox");
            assertThat(repo.stat("/cvm3/usr/lib").type()).isEqualTo(FileType.DIRECTORY);
            assertThat(repo.stat("/cvm3").nestedCatalogMountpoint()).isTrue();
            try (Repository old = repo.atTag("cernvm-system-3.0.0.0")) {
                assertThat(old.exists("/cvm3/.installed_cernvm-system-3.0.0.0")).isTrue();
                assertThat(new String(old.readAllBytes("/cvm3/etc/os-release"), StandardCharsets.UTF_8))
                        .contains("VERSION=\"3.0.0.0\"");
            }
        }
        // a later release moves HEAD, with the same keys
        CliRun next = PublishCli.of("demo-system", "--storage", storage.toString(), "--keys", keys.toString(),
                "--no-busybox", "--release", "3.3.0.0");
        assertThat(next.exitCode()).as(next.err()).isZero();
        try (Repository repo = open(storage, keys)) {
            Tag head = repo.tags().stream().filter(t -> t.name().equals("HEAD")).findFirst().orElseThrow();
            assertThat(head.revision()).isEqualTo(repo.revision());
            assertThat(repo.exists("/cvm3/.installed_cernvm-system-3.3.0.0")).isTrue();
            assertThat(repo.stat("/cvm3/bin/sh").type()).isEqualTo(FileType.FILE);
        }
        // publishing a release again is refused: its tag exists
        CliRun again = PublishCli.of("demo-system", "--storage", storage.toString(), "--keys", keys.toString(),
                "--no-busybox", "--release", "3.3.0.0");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already exists").hasLineCount(1);
    }

    @Test
    void badReleasesAndMissingBusyboxAreUsageErrors() {
        CliRun bad = PublishCli.of("demo-system", "--storage", dir.resolve("r").toString(), "--keys",
                dir.resolve("k").toString(), "--release", "3.1");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("N.N.N.N").hasLineCount(1);
        CliRun noBusybox = PublishCli.of("demo-system", "--storage", dir.resolve("r").toString(), "--keys",
                dir.resolve("k").toString(), "--busybox", dir.resolve("none").toString());
        assertThat(noBusybox.exitCode()).isEqualTo(2);
        assertThat(dir.resolve("r")).doesNotExist();
        assertThat(dir.resolve("k")).doesNotExist();
    }
}
