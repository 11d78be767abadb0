package io.cernvm.examples.cvmfs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cernvm.testkit.Fault;
import io.cernvm.testkit.PathPattern;
import io.cernvm.testkit.RepositoryServer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cernvm cvmfs} over the 2.12.0 fixture served on loopback: {@code ls -R --json} plus
 * {@code cat} reproduce libcvmfs's listings at HEAD and at {@code v1.0}; every failure is one
 * line on standard error with the shared exit code and nothing on standard output.
 */
class CvmfsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path repo;
    static RepositoryServer server;
    static Path configRoot;

    @BeforeAll
    static void serve() throws Exception {
        repo = Fixture.unpack(tmp.resolve("repo"));
        server = RepositoryServer.builder().root(repo).build();
        configRoot = Files.createDirectories(tmp.resolve("etc-cvmfs")); // never /etc/cvmfs
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The global options for a client of {@code servers} with its own cache. */
    static List<String> client(String servers, Path cache, String... more) throws Exception {
        Path conf = Files.createTempFile(tmp, "client-", ".conf");
        Files.writeString(conf, "CVMFS_SERVER_URL='" + servers + "'\n"
                + "CVMFS_HTTP_PROXY=DIRECT\n"
                + "CVMFS_PUBLIC_KEY=" + Fixture.dir().resolve("test.cern.ch.pub") + "\n"
                + "CVMFS_CACHE_BASE=" + cache + "\n"
                + "CVMFS_QUOTA_LIMIT=-1\n"
                + "CVMFS_MAX_RETRIES=0\n"
                + "CVMFS_BACKOFF_INIT=1\n"
                + "CVMFS_BACKOFF_MAX=1\n"
                + "CVMFS_TIMEOUT=2\n"
                + "CVMFS_TIMEOUT_DIRECT=2\n"
                + "# a comment, as upstream's files have\n");
        List<String> args = new ArrayList<>(List.of("cvmfs", "--config-root", configRoot.toString(), "--config", conf.toString()));
        args.addAll(List.of(more));
        return args;
    }

    private static String sha1(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
    }

    private static void assertReproduces(List<String> global, String listingName) throws Exception {
        Map<String, Fixture.Line> want = Fixture.listing(listingName);
        CvmfsRun ls = CvmfsRun.of(global, "ls", "-R", "--json", "cvmfs://test.cern.ch/");
        assertThat(ls.exitCode()).as(ls.err()).isZero();
        Map<String, JsonNode> got = new LinkedHashMap<>();
        for (String line : ls.out().lines().toList()) {
            JsonNode n = JSON.readTree(line);
            got.put(n.get("path").asText(), n);
        }
        assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(want.keySet());
        for (Fixture.Line w : want.values()) {
            JsonNode n = got.get(w.path());
            String at = listingName + " " + w.path();
            assertThat(n.get("type").asText()).as(at).isEqualTo(switch (w.type()) {
                case 'f' -> "file";
                case 'd' -> "directory";
                default -> "symlink";
            });
            int mode = Integer.parseInt(n.get("mode").asText(), 8);
            assertThat(mode & 07777).as(at + " mode").isEqualTo(w.permissions());
            assertThat(mode & 0170000).as(at + " type bits").isEqualTo(w.type() == 'f' ? 0100000 : w.type() == 'd' ? 0040000 : 0120000);
            assertThat(n.get("nlink").asLong()).as(at + " nlink").isEqualTo(w.nlink());
            assertThat(n.get("uid").asLong()).as(at + " uid").isEqualTo(w.uid());
            assertThat(n.get("gid").asLong()).as(at + " gid").isEqualTo(w.gid());
            assertThat(n.get("size").asLong()).as(at + " size").isEqualTo(w.size());
            assertThat(n.get("mtime").asLong()).as(at + " mtime").isEqualTo(w.mtime());
            assertThat(n.get("chunks").asInt()).as(at + " chunks").isEqualTo(w.chunks());
            if (w.type() == 'f') {
                if (n.get("hash").isNull()) {
                    assertThat(w.chunks()).as(at + " only a bulk-less chunked file has no hash").isGreaterThan(1);
                } else {
                    assertThat(n.get("hash").asText()).as(at + " hash").isEqualTo(w.cvmfsHash());
                }
                CvmfsRun cat = CvmfsRun.of(global, "cat", "cvmfs://test.cern.ch" + w.path());
                assertThat(cat.exitCode()).as(cat.err()).isZero();
                assertThat(sha1(cat.stdout())).as(at + " content").isEqualTo(w.sha1());
            } else {
                assertThat(n.get("hash").isNull()).as(at + " hash").isTrue();
            }
            if (w.type() == 'l') {
                assertThat(n.get("target").asText()).as(at + " target").isEqualTo(w.target());
                assertThat(n.get("rawTarget").isTextual()).isTrue();
            } else {
                assertThat(n.get("target").isNull()).isTrue();
            }
        }
    }

    @Test
    void lsRecursiveJsonAndCatReproduceLibcvmfsAtHeadAndAtATag() throws Exception {
        Path cache = tmp.resolve("cache-listing");
        assertReproduces(client(server.baseUri().toString(), cache), "libcvmfs-listing-head.txt");
        assertReproduces(client(server.baseUri().toString(), cache, "-o", "CVMFS_REPOSITORY_TAG=v1.0"), "libcvmfs-listing-v1.0.txt");
    }

    @Test
    void jsonHasExactlyTheIssuesFieldsInOrder() throws Exception {
        List<String> global = client(server.baseUri().toString(), tmp.resolve("cache-fields"));
        CvmfsRun stat = CvmfsRun.of(global, "stat", "--json", "cvmfs://test.cern.ch/small/a.txt");
        assertThat(stat.exitCode()).as(stat.err()).isZero();
        JsonNode n = JSON.readTree(stat.out());
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("path", "type", "mode", "nlink", "uid", "gid", "size", "mtime", "chunks", "hash",
                "target", "rawTarget");
        assertThat(n.get("path").asText()).isEqualTo("/small/a.txt");
        assertThat(n.get("mode").asText()).isEqualTo("100644");
        assertThat(n.get("hash").asText()).matches("[0-9a-f]{40}");

        CvmfsRun link = CvmfsRun.of(global, "stat", "--json", "cvmfs://test.cern.ch/links/variant-symlink");
        JsonNode l = JSON.readTree(link.out());
        assertThat(l.get("type").asText()).isEqualTo("symlink");
        assertThat(l.get("rawTarget").asText()).isEqualTo("$(TEST_VARIANT)/x");
        assertThat(l.get("target").asText()).isEqualTo("/x");

        CvmfsRun plain = CvmfsRun.of(global, "ls", "cvmfs://test.cern.ch/small");
        assertThat(plain.out().lines()).contains("a.txt");
        CvmfsRun longList = CvmfsRun.of(global, "ls", "-l", "cvmfs://test.cern.ch/links");
        assertThat(longList.out()).contains("rel-symlink -> ../README.txt").contains("lrwxrwxrwx");
    }

    @Test
    void infoAndTagsDescribeTheRepository() throws Exception {
        List<String> global = client(server.baseUri().toString(), tmp.resolve("cache-info"));
        CvmfsRun info = CvmfsRun.of(global, "info", "test.cern.ch");
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("revision: 3").contains("signature: verified").contains("whitelist: verified, expires 2036-11-23")
                .contains("v1.0");
        CvmfsRun tags = CvmfsRun.of(global, "tags", "test.cern.ch");
        assertThat(tags.exitCode()).as(tags.err()).isZero();
        assertThat(tags.out()).contains("v1.0").contains("first_content_release").contains("v2.0");
        CvmfsRun pinned = CvmfsRun.of(client(server.baseUri().toString(), tmp.resolve("cache-info"), "-o", "CVMFS_REPOSITORY_TAG=v1.0"),
                "info", "test.cern.ch");
        assertThat(pinned.out()).contains("revision: 2").contains("opened at tag: v1.0");
    }

    private static void assertFailure(CvmfsRun run, int code) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(code);
        assertThat(run.stdout()).as("standard output of a failure").isEmpty();
        List<String> errors = run.errLines().stream().filter(l -> !l.startsWith("cvmfs: warning:") && !l.startsWith("Try '")).toList();
        assertThat(errors).as(run.err()).hasSize(1);
        assertThat(run.err()).as("no stack trace").doesNotContain("\tat ");
    }

    @Test
    void exitCodesAreTheSharedOnes() throws Exception {
        List<String> global = client(server.baseUri().toString(), tmp.resolve("cache-codes"));
        assertFailure(CvmfsRun.of(global, "stat", "cvmfs://test.cern.ch/no/such/file"), 3);
        assertFailure(CvmfsRun.of(global, "cat", "cvmfs://test.cern.ch/no-such-file"), 3);
        assertFailure(CvmfsRun.of(global, "cat", "cvmfs://test.cern.ch/small"), 3);
        assertFailure(CvmfsRun.of(client(server.baseUri().toString(), tmp.resolve("cache-codes"), "-o", "NO_EQUALS_SIGN"),
                "ls", "cvmfs://test.cern.ch/"), 2);
        assertFailure(CvmfsRun.of(client(server.baseUri().toString(), tmp.resolve("cache-codes"), "-o", "CVMFS_TIMEOUT=soon"),
                "ls", "cvmfs://test.cern.ch/"), 2);
        assertFailure(CvmfsRun.of(global, "ls", "http://test.cern.ch/"), 2);
        assertFailure(CvmfsRun.of(client(server.baseUri().toString(), tmp.resolve("cache-codes"), "-o", "CVMFS_REPOSITORY_TAG=v9"),
                "ls", "cvmfs://test.cern.ch/"), 3);

        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        assertFailure(CvmfsRun.of(client("http://127.0.0.1:" + deadPort + "/cvmfs/@fqrn@", tmp.resolve("cache-dead")),
                "cat", "cvmfs://test.cern.ch/small/a.txt"), 4);
    }

    @Test
    void aTamperedManifestIsRefusedWithExitCodeOne() throws Exception {
        Path copy = tmp.resolve("tampered");
        try (Stream<Path> files = Files.walk(repo)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(repo.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path manifest = copy.resolve(".cvmfspublished");
        String text = new String(Files.readAllBytes(manifest), StandardCharsets.ISO_8859_1);
        String tampered = text.replaceFirst("(?m)^S(\\d+)$", "S99");
        assertThat(tampered).isNotEqualTo(text);
        Files.write(manifest, tampered.getBytes(StandardCharsets.ISO_8859_1));
        try (RepositoryServer bad = RepositoryServer.builder().root(copy).build()) {
            CvmfsRun run = CvmfsRun.of(client(bad.baseUri().toString(), tmp.resolve("cache-tampered")),
                    "cat", "cvmfs://test.cern.ch/small/a.txt");
            assertFailure(run, 1);
            assertThat(run.err()).contains(".cvmfspublished");
        }
    }

    @Test
    void aCorruptObjectOnOneHostIsReadFromTheNextAndVerboseShowsTheSwitch() throws Exception {
        try (RepositoryServer bad = RepositoryServer.builder().root(repo).build()) {
            bad.inject(PathPattern.of("data/**"), new Fault.Corrupt(), -1);
            List<String> global = client(bad.baseUri() + ";" + server.baseUri(), tmp.resolve("cache-corrupt"));
            global.add(1, "-v");
            CvmfsRun cat = CvmfsRun.of(global, "cat", "cvmfs://test.cern.ch/small/a.txt");
            assertThat(cat.exitCode()).as(cat.err()).isZero();
            assertThat(sha1(cat.stdout())).isEqualTo(Fixture.listing("libcvmfs-listing-head.txt").get("/small/a.txt").sha1());
            assertThat(cat.err()).contains("host switch " + bad.baseUri()).contains("fetched " + server.baseUri());
        }
    }

    @Test
    void verboseShowsTheGeoApiOrderAndTheChosenHostServes() throws Exception {
        Path geoRepo = Fixture.unpack(tmp.resolve("repo-geo"));
        Path reply = geoRepo.resolve("api/v1.0/geo/geo-test/127.0.0.1,127.0.0.2");
        Files.createDirectories(reply.getParent());
        Files.writeString(reply, "2,1\n");
        try (RepositoryServer one = RepositoryServer.builder().root(geoRepo).build();
                RepositoryServer two = RepositoryServer.builder().root(geoRepo).bindAddress(java.net.InetAddress.getByName("127.0.0.2")).build()) {
            List<String> global = client(one.baseUri() + ";" + two.baseUri(), tmp.resolve("cache-geo"),
                    "-o", "CVMFS_USE_GEOAPI=yes", "-o", "CVMFS_PROXY_TEMPLATE=geo-test");
            global.add(1, "-v");
            CvmfsRun cat = CvmfsRun.of(global, "cat", "cvmfs://test.cern.ch/small/a.txt");
            assertThat(cat.exitCode()).as(cat.err()).isZero();
            assertThat(cat.err()).contains("geo order [" + one.baseUri() + ", " + two.baseUri() + "] -> [" + two.baseUri() + ", "
                    + one.baseUri() + "]").contains("fetched " + two.baseUri()).doesNotContain("fetched " + one.baseUri());
        }
    }

    @Test
    void verboseShowsHowTheProxyGroupAutoWasResolved() throws Exception {
        Path pac = tmp.resolve("wpad.dat");
        Files.writeString(pac, "function FindProxyForURL(url, host) { return 'SOCKS s:1080; DIRECT'; }");
        List<String> global = client(server.baseUri().toString(), tmp.resolve("cache-auto"), "-o", "CVMFS_HTTP_PROXY=auto;DIRECT",
                "-o", "CVMFS_PAC_URLS=" + pac.toUri());
        global.add(1, "-v");
        CvmfsRun cat = CvmfsRun.of(global, "cat", "cvmfs://test.cern.ch/small/a.txt");
        assertThat(cat.exitCode()).as(cat.err()).isZero();
        assertThat(cat.err()).contains("proxy auto -> ");
        if (System.getenv("http_proxy") == null) { // the CLI reads the real environment
            assertThat(cat.err()).contains("proxy auto -> 'DIRECT' from " + pac.toUri());
        }
    }

    @Test
    void fsckChecksAndRepairsTheCache() throws Exception {
        Path cache = tmp.resolve("cache-fsck");
        List<String> global = client(server.baseUri().toString(), cache);
        assertThat(CvmfsRun.of(global, "cat", "cvmfs://test.cern.ch/small/a.txt").exitCode()).isZero();
        CvmfsRun clean = CvmfsRun.of(global, "fsck");
        assertThat(clean.exitCode()).as(clean.err()).isZero();
        assertThat(clean.out()).contains("bad: 0").contains(cache.resolve("shared").toString());

        Path object;
        try (Stream<Path> files = Files.walk(cache.resolve("shared"))) {
            object = files.filter(Files::isRegularFile).filter(p -> p.getParent().getFileName().toString().matches("[0-9a-f]{2}"))
                    .findFirst().orElseThrow();
        }
        Files.write(object, "garbage".getBytes(StandardCharsets.US_ASCII));
        CvmfsRun bad = CvmfsRun.of(global, "fsck");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.out()).contains("bad: 1");
        CvmfsRun repaired = CvmfsRun.of(global, "fsck", "--repair");
        assertThat(repaired.exitCode()).as(repaired.err()).isZero();
        assertThat(repaired.out()).contains("quarantined: 1");
        assertThat(CvmfsRun.of(global, "fsck").out()).contains("bad: 0");
    }
}
