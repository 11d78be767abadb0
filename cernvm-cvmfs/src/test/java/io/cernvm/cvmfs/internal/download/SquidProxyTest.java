package io.cernvm.cvmfs.internal.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.cernvm.cvmfs.download.DownloadEvent;
import io.cernvm.cvmfs.download.DownloadListener;
import io.cernvm.cvmfs.download.DownloadSettings;
import io.cernvm.cvmfs.download.FailoverReason;
import io.cernvm.testkit.RepositoryServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The transport behind a real Squid, started for this class from a private configuration. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SquidProxyTest {

    private static final String OBJECT = "data/12/3456789abcdef0123456789abcdef01234567C";

    @TempDir
    static Path repo;

    private static SquidProcess squid;
    private static RepositoryServer origin;
    private static final byte[] CONTENT = new byte[100_000];

    private final List<DownloadEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        new Random(11).nextBytes(CONTENT);
        Files.createDirectories(repo.resolve(OBJECT).getParent());
        Files.write(repo.resolve(OBJECT), CONTENT);
        Files.writeString(repo.resolve(".cvmfspublished"), "C1\n--\n");
        origin = RepositoryServer.builder().root(repo).urlPrefix("/cvmfs/test.cern.ch").build();
        squid = SquidProcess.start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (squid != null) {
            squid.close();
        }
        if (origin != null) {
            origin.close();
        }
    }

    private HttpTransport transport(List<URI> hosts) {
        DownloadSettings s = DownloadSettings.builder().servers(hosts).httpProxy(squid.url())
                .timeout(Duration.ofSeconds(10)).build();
        return HttpTransport.builder().settings(s).listener(DownloadListener.of(events::add)).sleeper(d -> { }).build();
    }

    @Test
    void squidCachesObjectsAndRevalidatesOnNoCache() {
        try (HttpTransport t = transport(List.of(origin.baseUri()))) {
            int before = origin.requestCount(OBJECT);
            assertThat(t.fetch(OBJECT, false)).isEqualTo(CONTENT);
            assertThat(t.fetch(OBJECT, false)).isEqualTo(CONTENT);
            assertThat(origin.requestCount(OBJECT) - before).as(squid.logs()).isEqualTo(1);

            assertThat(t.fetch(OBJECT, true)).isEqualTo(CONTENT);
            assertThat(origin.requestCount(OBJECT) - before).isEqualTo(2);
            assertThat(origin.recordedRequests().get(origin.recordedRequests().size() - 1).header("Via")).contains("squid");
        }
    }

    @Test
    void squidErrorForADeadHostBecomesAHostFailoverAfterTheProxy() throws IOException {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        URI deadHost = URI.create("http://127.0.0.1:" + dead + "/cvmfs/test.cern.ch");
        try (HttpTransport t = transport(List.of(deadHost, origin.baseUri()))) {
            assertThat(t.fetch(".cvmfspublished", false)).isEqualTo("C1\n--\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        DownloadEvent.Failure failure = (DownloadEvent.Failure) events.get(0);
        assertThat(failure.reason()).as(failure.detail()).isEqualTo(FailoverReason.PROXY_HTTP);
        assertThat(failure.detail()).contains("X-Squid-Error");
        assertThat(events).contains(new DownloadEvent.HostSwitch(".cvmfspublished", deadHost, origin.baseUri(),
                FailoverReason.HOST_AFTER_PROXY, 1));
    }
}
