package io.cernvm.examples.cvmfs.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cernvm.cvmfs.Repository;
import io.cernvm.examples.CliRun;
import io.cernvm.testkit.Fault;
import io.cernvm.testkit.RepositoryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicateCommandTest {
    private static final String FQRN = ServedRepositories.FQRN;
    private static final Pattern COPIED = Pattern.compile("objects: (\\d+) copied, (\\d+) already present");

    @TempDir
    Path dir;
    private Path keys;
    private Path origin;
    private RepositoryServer server;
    private String url;

    @BeforeEach
    void serveOrigin() throws Exception {
        keys = dir.resolve("keys");
        Path root = dir.resolve("s0");
        origin = ServedRepositories.publishOrigin(dir, root, keys);
        server = RepositoryServer.builder().root(root).build();
        url = server.baseUri() + "/cvmfs/" + FQRN;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRun replicate(Path target, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("replicate", url, target.toString(), "--key",
                keys.resolve(FQRN + ".pub").toString()));
        args.addAll(List.of(extra));
        return PublishCli.of(args.toArray(String[]::new));
    }

    private static long[] counts(CliRun run) {
        Matcher m = COPIED.matcher(run.out());
        assertThat(m.find()).as(run.out() + run.err()).isTrue();
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    private String objectPath(char field, String suffix) throws Exception {
        String hash = ServedRepositories.manifestField(origin, field);
        return "cvmfs/" + FQRN + "/data/" + hash.substring(0, 2) + "/" + hash.substring(2) + suffix;
    }

    @Test
    void anInterruptedReplicationResumesToTheSameObjects() throws Exception {
        Path whole = dir.resolve("whole");
        CliRun once = replicate(whole);
        assertThat(once.exitCode()).as(once.err()).isZero();
        assertThat(once.out()).contains(FQRN + ": revision 2");
        long copiedOnce = counts(once)[0];

        // the meta-info object comes after every catalog and file: failing it interrupts a run half done
        Path resumed = dir.resolve("resumed");
        server.inject(objectPath('M', "M"), new Fault.Status(404));
        CliRun cut = replicate(resumed);
        assertThat(cut.exitCode()).isNotZero();
        assertThat(cut.err()).hasLineCount(1);
        assertThat(resumed.resolve(".cvmfspublished")).doesNotExist();
        assertThat(resumed.resolve(".cvmfswhitelist")).doesNotExist();
        assertThat(ServedRepositories.objects(resumed)).isNotEmpty();

        server.clearFaults();
        CliRun rest = replicate(resumed);
        assertThat(rest.exitCode()).as(rest.err()).isZero();
        assertThat(counts(rest)[0]).isLessThan(copiedOnce);
        assertThat(ServedRepositories.objects(resumed)).isEqualTo(ServedRepositories.objects(whole));
        assertThat(Files.readAllBytes(resumed.resolve(".cvmfspublished")))
                .isEqualTo(Files.readAllBytes(origin.resolve(".cvmfspublished")));

        CliRun again = replicate(resumed);
        assertThat(again.exitCode()).isZero();
        assertThat(counts(again)[0]).isZero();
    }

    @Test
    void aCorruptObjectIsRefusedAndNothingIsPublished() throws Exception {
        server.inject(objectPath('C', "C"), new Fault.Corrupt());
        Path replica = dir.resolve("replica");
        CliRun run = replicate(replica);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).hasLineCount(1);
        assertThat(replica.resolve(".cvmfspublished")).doesNotExist();
    }

    @Test
    void aForeignKeyIsRefused() throws Exception {
        Path other = dir.resolve("other");
        assertThat(PublishCli.of("keys", FQRN, "-d", other.toString()).exitCode()).isZero();
        CliRun run = PublishCli.of("replicate", url, dir.resolve("replica").toString(), "--key",
                other.resolve(FQRN + ".pub").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).hasLineCount(1);
        assertThat(dir.resolve("replica").resolve(".cvmfspublished")).doesNotExist();
        CliRun notUrl = PublishCli.of("replicate", "ftp://x/cvmfs/" + FQRN, dir.resolve("r2").toString(), "--key",
                other.resolve(FQRN + ".pub").toString());
        assertThat(notUrl.exitCode()).isEqualTo(2);
    }

    @Test
    void aReplicaBehindAProxyServesClientsLikeTheOriginal() throws Exception {
        Path replicaRoot = dir.resolve("s1");
        Path replica = replicaRoot.resolve("cvmfs").resolve(FQRN);
        try (RepositoryServer proxy = RepositoryServer.builder().forwardProxy().build()) {
            CliRun run = replicate(replica, "--proxy", proxy.baseUri().toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(proxy.totalRequests()).isPositive();
            proxy.resetCounts();
            try (RepositoryServer stratum1 = RepositoryServer.builder().root(replicaRoot).build();
                    Repository viaProxy = ServedRepositories.openOverHttp(stratum1.baseUri().toString(),
                            proxy.baseUri().toString(), keys, dir.resolve("c1"));
                    Repository original = ServedRepositories.openLocal(origin, keys, dir.resolve("c2"))) {
                Map<String, String> seen = ServedRepositories.view(viaProxy);
                assertThat(seen).isEqualTo(ServedRepositories.view(original)).containsKeys("/README", "tag:v1", "tag:v2");
                try (Repository v1 = viaProxy.atTag("v1")) {
                    assertThat(v1.readAllBytes("/README")).asString().isEqualTo("first\n");
                }
                assertThat(proxy.totalRequests()).isPositive();
                assertThat(stratum1.totalRequests()).isPositive();
            }
        }
    }
}
