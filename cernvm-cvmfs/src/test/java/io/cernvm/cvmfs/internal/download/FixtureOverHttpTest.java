package io.cernvm.cvmfs.internal.download;

import io.cernvm.cvmfs.FixtureRepository;
import static org.assertj.core.api.Assertions.assertThat;

import io.cernvm.cvmfs.config.ClientConfiguration;
import io.cernvm.testkit.RepositoryServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 2016 fixture repository served by the testkit server and read through the configuration,
 * the transport and a forward proxy: every object arrives byte for byte as stored, so its
 * SHA-1 (over the compressed bytes) equals its name.
 */
class FixtureOverHttpTest {

    @TempDir
    Path work;

    private Path unpack() throws IOException {
        return FixtureRepository.unpack("server-2.2.0", work);
    }

    @Test
    void everyObjectArrivesAsStoredThroughConfigurationTransportAndProxy() throws Exception {
        Path repo = unpack();
        Path etc = Files.createDirectories(work.resolve("etc-cvmfs"));
        try (RepositoryServer server = RepositoryServer.builder().root(repo).urlPrefix("/cvmfs/test.cern.ch").build();
                RepositoryServer proxy = RepositoryServer.builder().forwardProxy().build()) {
            Files.createDirectories(etc.resolve("domain.d"));
            Files.writeString(etc.resolve("domain.d/cern.ch.conf"),
                    "CVMFS_SERVER_URL=\"http://127.0.0.1:" + server.port() + "/cvmfs/@fqrn@\"\n");
            Files.writeString(etc.resolve("default.local"), "CVMFS_HTTP_PROXY='http://127.0.0.1:" + proxy.port() + ";DIRECT'\n");
            ClientConfiguration cfg = ClientConfiguration.builder().root(etc).load("test.cern.ch");

            try (HttpTransport t = HttpTransport.builder().configuration(cfg).build()) {
                String manifest = new String(t.fetch(".cvmfspublished", false), StandardCharsets.ISO_8859_1);
                String rootHash = manifest.lines().filter(l -> l.startsWith("C")).findFirst().orElseThrow().substring(1);
                assertThat(rootHash).startsWith("36f949c6");

                List<Path> objects;
                try (Stream<Path> files = Files.walk(repo.resolve("data"))) {
                    objects = files.filter(Files::isRegularFile).toList();
                }
                assertThat(objects).isNotEmpty();
                for (Path object : objects) {
                    String relative = repo.relativize(object).toString();
                    byte[] bytes = t.fetch(relative, false);
                    String name = relative.substring("data/".length()).replace("/", "");
                    String hex = name.substring(0, 40);
                    assertThat(sha1(bytes)).as(relative).isEqualTo(hex);
                }
                assertThat(proxy.requestCounts()).containsEntry("cvmfs/test.cern.ch/.cvmfspublished", 1);
                assertThat(server.totalRequests()).isEqualTo(objects.size() + 1);
            }
        }
    }

    private static String sha1(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }
}
