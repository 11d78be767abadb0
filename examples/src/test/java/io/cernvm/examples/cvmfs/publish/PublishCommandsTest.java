package io.cernvm.examples.cvmfs.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cernvm.cvmfs.CvmfsClient;
import io.cernvm.cvmfs.Repository;
import io.cernvm.cvmfs.Tag;
import io.cernvm.examples.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishCommandsTest {
    private static final String FQRN = "cli.example.org";

    @TempDir
    Path dir;
    private Path keys;
    private Path storage;
    private Path tree;

    @BeforeEach
    void makeKeysAndTree() throws IOException {
        keys = dir.resolve("keys");
        storage = dir.resolve("repo");
        tree = dir.resolve("tree");
        CliRun run = PublishCli.of("keys", FQRN, "-d", keys.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Files.createDirectories(tree.resolve("sub dir"));
        Files.writeString(tree.resolve("README"), "first\n");
        Files.write(tree.resolve("sub dir/data.bin"), new byte[70_000]);
        Files.createSymbolicLink(tree.resolve("link"), Path.of("$(ARCH)/lib"));
    }

    private Repository open(Path repo) {
        return CvmfsClient.builder().localRepository(repo).publicKeys(List.of(keys.resolve(FQRN + ".pub")))
                .workDirectory(dir.resolve("client")).build().open(FQRN);
    }

    private CliRun publish(String... extra) {
        String[] base = {"publish", FQRN, "--storage", storage.toString(), "--keys", keys.toString(), "--source",
                tree.toString()};
        return PublishCli.of(Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new));
    }

    @Test
    void keysWritesTheFourFilesAndNeverOverwrites() throws IOException {
        for (String suffix : List.of(".pub", ".masterkey", ".crt", ".key")) {
            assertThat(keys.resolve(FQRN + suffix)).isRegularFile();
        }
        assertThat(Files.readString(keys.resolve(FQRN + ".pub"))).startsWith("-----BEGIN PUBLIC KEY-----");
        byte[] before = Files.readAllBytes(keys.resolve(FQRN + ".key"));
        CliRun again = PublishCli.of("keys", FQRN, "-d", keys.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already exists").hasLineCount(1);
        assertThat(Files.readAllBytes(keys.resolve(FQRN + ".key"))).isEqualTo(before);
        assertThat(PublishCli.of("keys", "bad/name", "-d", keys.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void publishesRevisionsThatReadBackWithTheirTags() throws IOException {
        CliRun first = publish("--tag", "v1", "--description", "first release");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("revision 1, tag v1");
        Files.writeString(tree.resolve("README"), "second\n");
        Files.delete(tree.resolve("sub dir/data.bin"));
        CliRun second = publish();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("revision 2, tag generic-");
        try (Repository repo = open(storage)) {
            assertThat(repo.revision()).isEqualTo(2);
            assertThat(new String(repo.readAllBytes("/README"), StandardCharsets.UTF_8)).isEqualTo("second\n");
            assertThat(repo.exists("/sub dir/data.bin")).isFalse();
            assertThat(repo.stat("/link").rawTarget()).isEqualTo("$(ARCH)/lib");
            Tag v1 = repo.tags().stream().filter(t -> t.name().equals("v1")).findFirst().orElseThrow();
            assertThat(v1.description()).isEqualTo("first release");
            try (Repository old = repo.atTag("v1")) {
                assertThat(new String(old.readAllBytes("/README"), StandardCharsets.UTF_8)).isEqualTo("first\n");
                assertThat(old.readAllBytes("/sub dir/data.bin")).hasSize(70_000);
            }
        }
    }

    @Test
    void externalDataMakesEveryFileExternal() throws IOException {
        CliRun run = publish("--external-data");
        assertThat(run.exitCode()).as(run.err()).isZero();
        try (Repository repo = open(storage)) {
            assertThat(repo.stat("/README").external()).isTrue();
            assertThat(repo.stat("/sub dir/data.bin").external()).isTrue();
            assertThat(repo.stat("/link").external()).isFalse();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> repo.readAllBytes("/README"))
                    .isInstanceOf(io.cernvm.api.ConfigurationException.class).hasMessageContaining("CVMFS_EXTERNAL_URL");
        }
    }

    @Test
    void theHashChoiceIsKeptByLaterPublishes() throws IOException {
        assertThat(publish("--hash", "rmd160", "--no-chunking").exitCode()).isZero();
        assertThat(Files.readString(storage.resolve(".cvmfspublished"), StandardCharsets.ISO_8859_1)).contains("-rmd160\n");
        Files.writeString(tree.resolve("README"), "again\n");
        CliRun later = publish();
        assertThat(later.exitCode()).as(later.err()).isZero();
        try (Repository repo = open(storage)) {
            assertThat(repo.rootHash()).endsWith("-rmd160");
            assertThat(repo.revision()).isEqualTo(2);
        }
        CliRun other = publish("--hash", "sha1");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains("published with rmd160").hasLineCount(1);
        CliRun unknown = PublishCli.of("publish", FQRN, "--storage", dir.resolve("new").toString(), "--keys",
                keys.toString(), "--source", tree.toString(), "--hash", "md5");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown hash algorithm").hasLineCount(1);
        assertThat(dir.resolve("new")).doesNotExist();
    }

    @Test
    void badInputIsOneLineAndWritesNothing() throws Exception {
        assertThat(publish("--tag", "v1").exitCode()).isZero();
        byte[] manifest = Files.readAllBytes(storage.resolve(".cvmfspublished"));
        long objects = countFiles(storage);

        // a name that is not UTF-8 cannot be a catalog name
        Process p = new ProcessBuilder("bash", "-c", "touch \"$1\"/$'bad\\xffname'", "x", tree.toString()).start();
        assertThat(p.waitFor()).isZero();
        CliRun badName = publish();
        assertThat(badName.exitCode()).isEqualTo(1);
        assertThat(badName.err()).contains("UTF-8").hasLineCount(1);
        try (var s = Files.newDirectoryStream(tree, "bad*")) {
            for (Path bad : s) {
                Files.delete(bad);
            }
        }
        // keys of another repository of the same name
        Path otherKeys = dir.resolve("other-keys");
        assertThat(PublishCli.of("keys", FQRN, "-d", otherKeys.toString()).exitCode()).isZero();
        CliRun foreign = PublishCli.of("publish", FQRN, "--storage", storage.toString(), "--keys", otherKeys.toString(),
                "--source", tree.toString());
        assertThat(foreign.exitCode()).isEqualTo(1);
        assertThat(foreign.err()).hasLineCount(1);
        // an existing tag, a missing key directory, a tree that is not there
        CliRun tagTaken = publish("--tag", "v1");
        assertThat(tagTaken.exitCode()).isEqualTo(2);
        assertThat(tagTaken.err()).contains("already exists").hasLineCount(1);
        CliRun noKeys = PublishCli.of("publish", FQRN, "--storage", storage.toString(), "--keys",
                dir.resolve("nokeys").toString(), "--source", tree.toString());
        assertThat(noKeys.exitCode()).isEqualTo(2);
        assertThat(noKeys.err()).contains("no such key directory").hasLineCount(1);
        CliRun noTree = PublishCli.of("publish", FQRN, "--storage", storage.toString(), "--keys", keys.toString(),
                "--source", dir.resolve("none").toString());
        assertThat(noTree.exitCode()).isEqualTo(2);
        assertThat(noTree.err()).contains("not a directory").hasLineCount(1);

        assertThat(Files.readAllBytes(storage.resolve(".cvmfspublished"))).isEqualTo(manifest);
        assertThat(countFiles(storage)).isEqualTo(objects);
    }

    @Test
    void tagsAreAddedMovedListedAndRemoved() throws IOException {
        assertThat(publish("--tag", "v1").exitCode()).isZero();
        Files.writeString(tree.resolve("README"), "second\n");
        assertThat(publish("--tag", "v2").exitCode()).isZero();
        String[] base = {"tag", FQRN, "--storage", storage.toString(), "--keys", keys.toString()};
        CliRun add = PublishCli.of(concat(base, "add", "stable", "-m", "the stable one", "-r", "1"));
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("added stable at revision 1");
        CliRun list = PublishCli.of(concat(base, "list"));
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("stable", "the stable one", "v1", "v2", "trunk");
        assertThat(PublishCli.of(concat(base, "move", "stable", "-r", "2")).exitCode()).isZero();
        try (Repository repo = open(storage); Repository stable = repo.atTag("stable")) {
            assertThat(new String(stable.readAllBytes("/README"), StandardCharsets.UTF_8)).isEqualTo("second\n");
        }
        CliRun remove = PublishCli.of(concat(base, "remove", "stable", "v1"));
        assertThat(remove.exitCode()).as(remove.err()).isZero();
        try (Repository repo = open(storage)) {
            assertThat(repo.tags()).extracting(Tag::name).doesNotContain("stable", "v1").contains("v2");
        }
        CliRun missing = PublishCli.of(concat(base, "remove", "nope"));
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).hasLineCount(1);
        CliRun badAction = PublishCli.of(concat(base, "rename", "x"));
        assertThat(badAction.exitCode()).isEqualTo(2);
        assertThat(PublishCli.of(concat(base, "move", "v2")).exitCode()).isEqualTo(2);
    }

    @Test
    void resignWritesAWhitelistOfTheChosenValidity() throws IOException {
        assertThat(publish().exitCode()).isZero();
        CliRun resign = PublishCli.of("resign", FQRN, "--storage", storage.toString(), "--keys", keys.toString(),
                "--days", "3");
        assertThat(resign.exitCode()).as(resign.err()).isZero();
        List<String> lines = Files.readAllLines(storage.resolve(".cvmfswhitelist"), StandardCharsets.ISO_8859_1);
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
                .withZone(java.time.ZoneOffset.UTC);
        java.time.Instant created = java.time.LocalDateTime.parse(lines.get(0), f).toInstant(java.time.ZoneOffset.UTC);
        java.time.Instant expires = java.time.LocalDateTime.parse(lines.get(1).substring(1), f)
                .toInstant(java.time.ZoneOffset.UTC);
        assertThat(java.time.Duration.between(created, expires)).isEqualTo(java.time.Duration.ofDays(3));
        try (Repository repo = open(storage)) {
            assertThat(repo.revision()).isEqualTo(1);
        }
        Files.delete(keys.resolve(FQRN + ".masterkey"));
        CliRun noMaster = PublishCli.of("resign", FQRN, "--storage", storage.toString(), "--keys", keys.toString());
        assertThat(noMaster.exitCode()).isEqualTo(1);
        assertThat(noMaster.err()).contains(".masterkey").hasLineCount(1);
        CliRun nothing = PublishCli.of("resign", FQRN, "--storage", dir.resolve("empty").toString(), "--keys",
                keys.toString());
        assertThat(nothing.exitCode()).isEqualTo(3);
    }

    static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    private static long countFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/txn/")).count();
        }
    }
}
