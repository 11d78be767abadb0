package io.cernvm.cvmfs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import io.cernvm.api.ConfigurationException;
import io.cernvm.cvmfs.download.DownloadSettings;
import io.cernvm.cvmfs.internal.download.HttpTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigurationTest {

    private static final String FQRN = "atlas.cern.ch";

    @TempDir
    Path root;

    private void write(String relative, String text) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private ClientConfiguration load() {
        return ClientConfiguration.builder().root(root).load(FQRN);
    }

    @Test
    void laterFilesWinInUpstreamOrder() throws IOException {
        write("default.conf", "CVMFS_TIMEOUT=5\nCVMFS_QUOTA_LIMIT=4000\nCVMFS_HTTP_PROXY=DIRECT\nCVMFS_MAX_RETRIES=1\n");
        write("default.d/50-site.conf", "CVMFS_QUOTA_LIMIT=8000\n");
        write("default.d/10-early.conf", "CVMFS_QUOTA_LIMIT=1\nCVMFS_BACKOFF_INIT=3\n");
        write("default.local", "CVMFS_HTTP_PROXY='http://site-squid:3128'\nCVMFS_TIMEOUT=7\nCVMFS_MAX_RETRIES=2\n");
        write("domain.d/cern.ch.conf", "CVMFS_SERVER_URL='http://s1.cern.ch/cvmfs/@fqrn@;http://s2.cern.ch/cvmfs/@fqrn@'\nCVMFS_TIMEOUT=8\n");
        write("domain.d/cern.ch.local", "CVMFS_TIMEOUT=9\n");
        write("config.d/atlas.cern.ch.conf", "CVMFS_MAX_RETRIES=3\n");
        write("config.d/atlas.cern.ch.local", "CVMFS_HTTP_PROXY=\"http://local-squid:3128;DIRECT\"\n");
        write("config.d/lhcb.cern.ch.local", "CVMFS_TIMEOUT=99\n");

        ClientConfiguration c = load();

        assertThat(c.httpProxy()).isEqualTo("http://local-squid:3128;DIRECT");
        assertThat(c.entry("CVMFS_HTTP_PROXY")).hasValueSatisfying(v -> {
            assertThat(v.source()).endsWith("config.d/atlas.cern.ch.local");
            assertThat(v.line()).isEqualTo(1);
        });
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(c.quotaLimitMb()).isEqualTo(8000);
        assertThat(c.backoffInit()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.maxRetries()).isEqualTo(3);
        assertThat(c.serverUrls()).containsExactly(URI.create("http://s1.cern.ch/cvmfs/atlas.cern.ch"),
                URI.create("http://s2.cern.ch/cvmfs/atlas.cern.ch"));
        assertThat(c.files()).extracting(p -> root.relativize(p).toString()).containsExactly("default.conf", "default.d/10-early.conf",
                "default.d/50-site.conf", "default.local", "domain.d/cern.ch.conf", "domain.d/cern.ch.local", "config.d/atlas.cern.ch.conf",
                "config.d/atlas.cern.ch.local");
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void repositoryLocalFileBeatsDefaultLocal() throws IOException {
        write("default.local", "CVMFS_HTTP_PROXY=http://default:3128\n");
        write("config.d/atlas.cern.ch.local", "CVMFS_HTTP_PROXY=http://repo:3128\n");
        assertThat(load().httpProxy()).isEqualTo("http://repo:3128");
    }

    @Test
    void programmaticSettingsAndExtraFilesComeLast() throws IOException {
        write("config.d/atlas.cern.ch.local", "CVMFS_TIMEOUT=3\nCVMFS_TIMEOUT_DIRECT=4\n");
        Path extra = root.resolve("extra.conf");
        Files.writeString(extra, "CVMFS_TIMEOUT=6\nCVMFS_REPOSITORY_TAG=v1.0\n");
        ClientConfiguration c = ClientConfiguration.builder().root(root).file(extra).set("CVMFS_TIMEOUT_DIRECT", "11")
                .set("CVMFS_SERVER_URL", "http://h/cvmfs/@fqrn@").load(FQRN);
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(6));
        assertThat(c.timeoutDirect()).isEqualTo(Duration.ofSeconds(11));
        assertThat(c.entry("CVMFS_TIMEOUT_DIRECT").orElseThrow().source()).isEqualTo(ConfigValue.OVERRIDE);
        assertThat(c.repositoryTag()).contains("v1.0");
        assertThat(c.serverUrls()).containsExactly(URI.create("http://h/cvmfs/atlas.cern.ch"));
        assertThatThrownBy(() -> ClientConfiguration.builder().root(root).file(root.resolve("missing.conf")).load(FQRN))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void defaultsAreUpstreams() {
        ClientConfiguration c = load();
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.timeoutDirect()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.maxRetries()).isEqualTo(1);
        assertThat(c.backoffInit()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.backoffMax()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.proxyResetAfter()).isEqualTo(Duration.ofSeconds(300));
        assertThat(c.hostResetAfter()).isEqualTo(Duration.ofSeconds(1800));
        assertThat(c.lowSpeedLimit()).isEqualTo(1024);
        assertThat(c.quotaLimitMb()).isEqualTo(4000);
        assertThat(c.cacheBase()).isEqualTo(Path.of("/var/lib/cvmfs"));
        assertThat(c.keysDir()).isEqualTo(root.resolve("keys"));
        assertThat(c.sharedCache()).isTrue();
        assertThat(c.repositoryTag()).isEmpty();
        assertThat(c.rootHash()).isEmpty();
        assertThat(c.warnings()).extracting(ConfigWarning::key).containsExactly("CVMFS_HTTP_PROXY");
        assertThatThrownBy(c::serverUrls).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void typedAccessorsReadTheirKeys() throws IOException {
        write("default.local", String.join("\n",
                "CVMFS_PUBLIC_KEY=/etc/cvmfs/keys/a.pub:/etc/cvmfs/keys/b.pub",
                "CVMFS_KEYS_DIR=/etc/cvmfs/keys/cern.ch",
                "CVMFS_CACHE_BASE=/scratch/cvmfs",
                "CVMFS_SHARED_CACHE=no",
                "CVMFS_REPOSITORY_DATE=2024-01-31T12:00:00Z",
                "CVMFS_ROOT_HASH=0123456789abcdef0123456789abcdef01234567-rmd160",
                "CVMFS_FALLBACK_PROXY=http://fb:3128",
                "CVMFS_LOW_SPEED_LIMIT=2048",
                "CVMFS_QUOTA_LIMIT=-1",
                ""));
        ClientConfiguration c = load();
        assertThat(c.publicKeys()).containsExactly(Path.of("/etc/cvmfs/keys/a.pub"), Path.of("/etc/cvmfs/keys/b.pub"));
        assertThat(c.keysDir()).isEqualTo(Path.of("/etc/cvmfs/keys/cern.ch"));
        assertThat(c.cacheBase()).isEqualTo(Path.of("/scratch/cvmfs"));
        assertThat(c.sharedCache()).isFalse();
        assertThat(c.repositoryDate()).contains(Instant.parse("2024-01-31T12:00:00Z"));
        assertThat(c.rootHash()).contains("0123456789abcdef0123456789abcdef01234567-rmd160");
        assertThat(c.fallbackProxy()).isEqualTo("http://fb:3128");
        assertThat(c.lowSpeedLimit()).isEqualTo(2048);
        assertThat(c.quotaLimitMb()).isEqualTo(-1);
    }

    @Test
    void malformedKnownValuesNameKeyFileAndLine() throws IOException {
        String[][] cases = {
            {"CVMFS_TIMEOUT", "five"},
            {"CVMFS_MAX_RETRIES", "-1"},
            {"CVMFS_QUOTA_LIMIT", "-2"},
            {"CVMFS_SHARED_CACHE", "maybe"},
            {"CVMFS_REPOSITORY_DATE", "yesterday"},
            {"CVMFS_ROOT_HASH", "xyz"},
            {"CVMFS_HTTP_PROXY", "https://p:3128"},
            {"CVMFS_SERVER_URL", "ftp://s/x"},
            {"CVMFS_PROXY_RESET_AFTER", "99999999999999999"},
            {"CVMFS_LOW_SPEED_LIMIT", "99999999999"},
        };
        for (String[] c : cases) {
            write("config.d/atlas.cern.ch.conf", "# first line\nCVMFS_OTHER_OK=1\n" + c[0] + "=" + c[1] + "\n");
            assertThatThrownBy(this::load).as(c[0]).isInstanceOfSatisfying(ConfigurationException.class, e -> {
                assertThat(e.location().key()).isEqualTo(c[0]);
                assertThat(e.location().path()).endsWith("config.d/atlas.cern.ch.conf");
                assertThat(e.location().line()).isEqualTo(3);
                assertThat(e.getMessage()).contains(c[0]).contains("line 3");
            });
        }
    }

    @Test
    void unknownKeysAreKeptAndWarnedAbout() throws IOException {
        write("default.local", "CVMFS_HTTP_PROXY=DIRECT\nMY_SITE_THING=42\nif [ -f /x ]; then\nfi\n");
        ClientConfiguration c = load();
        assertThat(c.get("MY_SITE_THING")).contains("42");
        assertThat(c.warnings()).extracting(ConfigWarning::key).contains("MY_SITE_THING");
        assertThat(c.warnings()).extracting(ConfigWarning::line).contains(2, 3, 4);
    }

    @Test
    void readonlyParametersAndTheConfigRepositoryAreProtected() throws IOException {
        write("default.conf", "readonly CVMFS_USER=cvmfs\nCVMFS_HTTP_PROXY=DIRECT\n");
        write("default.d/60-egi.conf", "CVMFS_CONFIG_REPOSITORY=cvmfs-config.cern.ch\n");
        write("default.local", "CVMFS_USER=root\nCVMFS_CONFIG_REPOSITORY=evil.example.org\n");
        ClientConfiguration c = load();
        assertThat(c.get("CVMFS_USER")).contains("cvmfs");
        assertThat(c.get("CVMFS_CONFIG_REPOSITORY")).contains("cvmfs-config.cern.ch");
        assertThat(c.warnings()).extracting(ConfigWarning::key).contains("CVMFS_USER", "CVMFS_CONFIG_REPOSITORY");
    }

    @Test
    void variablesExpandAcrossFilesAndFromTheGivenEnvironment() throws IOException {
        write("default.local", "SITE_SQUID=http://squid.example.org:3128\nCVMFS_HTTP_PROXY=\"$SITE_SQUID;DIRECT\"\n"
                + "CVMFS_CACHE_BASE=$SCRATCH/cvmfs\nCVMFS_REPOSITORY_TAG=$CVMFS_FQRN\n");
        ClientConfiguration c = ClientConfiguration.builder().root(root).environment(Map.of("SCRATCH", "/scratch")).load(FQRN);
        assertThat(c.httpProxy()).isEqualTo("http://squid.example.org:3128;DIRECT");
        assertThat(c.cacheBase()).isEqualTo(Path.of("/scratch/cvmfs"));
        assertThat(c.repositoryTag()).contains(FQRN);
    }

    @Test
    void repositoryNamesCannotEscapeTheRoot() {
        for (String bad : new String[] {"../etc", "a/b", "", "a..b", ".hidden", "a b"}) {
            assertThatThrownBy(() -> ClientConfiguration.builder().root(root).load(bad)).as(bad).isInstanceOf(ConfigurationException.class);
        }
        assertThat(ClientConfiguration.builder().root(root).load("localhost").files()).isEmpty();
    }

    @Test
    void givesDownloadSettingsAndATransport() throws IOException {
        write("domain.d/cern.ch.conf", "CVMFS_SERVER_URL='http://s1/cvmfs/@fqrn@;http://s2/cvmfs/@fqrn@'\nCVMFS_MAX_SERVERS=1\n"
                + "CVMFS_HTTP_PROXY=http://p:3128\nCVMFS_TIMEOUT=2\nCVMFS_BACKOFF_MAX=4\nCVMFS_PROXY_RESET_AFTER=0\n");
        ClientConfiguration c = load();
        DownloadSettings s = c.downloadSettings();
        assertThat(s.servers()).containsExactly(URI.create("http://s1/cvmfs/atlas.cern.ch"));
        assertThat(s.httpProxy()).isEqualTo("http://p:3128");
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.backoffMax()).isEqualTo(Duration.ofSeconds(4));
        assertThat(s.proxyResetAfter()).isZero();
        assertThat(s.followRedirects()).isFalse();
        assertThat(s.userAgent()).isEqualTo("cvmfs libcvmfs 2.12.0");
        assertThat(ClientConfiguration.builder().root(root).environment(Map.of("CERNVM_UUID", "1234-abcd"))
                .set("CVMFS_FOLLOW_REDIRECTS", "yes").load(FQRN).downloadSettings())
                .satisfies(d -> {
                    assertThat(d.userAgent()).isEqualTo("cvmfs libcvmfs 2.12.0 1234-abcd");
                    assertThat(d.followRedirects()).isTrue();
                });
        try (HttpTransport t = HttpTransport.builder().configuration(c).build()) {
            assertThat(t.settings()).isEqualTo(s);
            assertThat(t.describe()).isEqualTo("http://s1/cvmfs/atlas.cern.ch via http://p:3128");
        }
    }

    @Test
    void externalDownloadSettingsFollowMountpointCc() throws IOException {
        write("domain.d/cern.ch.conf", "CVMFS_SERVER_URL=http://s1/cvmfs/@fqrn@\nCVMFS_HTTP_PROXY=http://p:3128\n"
                + "CVMFS_FALLBACK_PROXY=http://f:3128\nCVMFS_TIMEOUT=3\nCVMFS_TIMEOUT_DIRECT=4\nCVMFS_MAX_RETRIES=2\n");
        assertThat(load().externalDownloadSettings()).isEmpty();
        DownloadSettings d = ClientConfiguration.builder().root(root)
                .set("CVMFS_EXTERNAL_URL", "http://e1/@org@/@fqrn@;http://e2/x").load(FQRN).externalDownloadSettings().orElseThrow();
        assertThat(d.servers()).containsExactly(URI.create("http://e1/atlas/atlas.cern.ch"), URI.create("http://e2/x"));
        assertThat(d.httpProxy()).as("DIRECT by default, the normal proxies not inherited").isIn("DIRECT", "");
        assertThat(d.fallbackProxy()).isEmpty();
        assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(d.timeoutDirect()).isEqualTo(Duration.ofSeconds(4));
        assertThat(d.maxRetries()).isEqualTo(2);
        DownloadSettings e = ClientConfiguration.builder().root(root)
                .set("CVMFS_EXTERNAL_URL", "http://e1;http://e2;http://e3").set("CVMFS_EXTERNAL_MAX_SERVERS", "2")
                .set("CVMFS_EXTERNAL_HTTP_PROXY", "http://xp:3128").set("CVMFS_EXTERNAL_FALLBACK_PROXY", "http://xf:3128")
                .set("CVMFS_EXTERNAL_TIMEOUT", "7").set("CVMFS_EXTERNAL_TIMEOUT_DIRECT", "8")
                .load(FQRN).externalDownloadSettings().orElseThrow();
        assertThat(e.servers()).containsExactly(URI.create("http://e1"), URI.create("http://e2"));
        assertThat(e.httpProxy()).isEqualTo("http://xp:3128");
        assertThat(e.fallbackProxy()).isEqualTo("http://xf:3128");
        assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(e.timeoutDirect()).isEqualTo(Duration.ofSeconds(8));
        assertThatThrownBy(() -> ClientConfiguration.builder().root(root).set("CVMFS_EXTERNAL_URL", "http://e1")
                .set("CVMFS_EXTERNAL_TIMEOUT", "soon").load(FQRN).externalDownloadSettings())
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void theGeoApiKeysKeepTheWholeChainForOrderingAndCutItAfterwards() throws IOException {
        write("domain.d/cern.ch.conf", "CVMFS_SERVER_URL='http://s1/cvmfs/@fqrn@;http://s2/cvmfs/@fqrn@;http://s3/cvmfs/@fqrn@'\n"
                + "CVMFS_MAX_SERVERS=2\nCVMFS_USE_GEOAPI=yes\nCVMFS_PROXY_TEMPLATE=squid-@org@\n");
        DownloadSettings s = load().downloadSettings();
        assertThat(s.useGeoApi()).isTrue();
        assertThat(s.servers()).hasSize(3);
        assertThat(s.maxServers()).isEqualTo(2);
        assertThat(s.proxyTemplate()).isEqualTo("squid-atlas");
        try (HttpTransport t = HttpTransport.builder().settings(s).build()) {
            assertThat(t.describe()).startsWith("http://s1/cvmfs/atlas.cern.ch;http://s2/cvmfs/atlas.cern.ch;http://s3"); // cut after ordering
        }
        DownloadSettings off = ClientConfiguration.builder().root(root).set("CVMFS_USE_GEOAPI", "Off").load(FQRN).downloadSettings();
        assertThat(off.useGeoApi()).isFalse();
        assertThat(off.servers()).hasSize(2);
        try (HttpTransport t = HttpTransport.builder().settings(off.toBuilder().servers(s.servers()).build()).build()) {
            assertThat(t.describe()).startsWith("http://s1/cvmfs/atlas.cern.ch;http://s2/cvmfs/atlas.cern.ch via"); // the transport cuts too
        }
        assertThatThrownBy(() -> ClientConfiguration.builder().root(root).set("CVMFS_USE_GEOAPI", "maybe").load(FQRN).downloadSettings())
                .isInstanceOf(ConfigurationException.class);
        DownloadSettings plain = DownloadSettings.builder().serverUrl("http://s1/x").build();
        assertThat(plain.useGeoApi()).isFalse();
        assertThat(plain.proxyTemplate()).isEmpty();
        assertThat(plain.maxServers()).isZero();
        assertThat(new DownloadSettings(plain.servers(), "", "", plain.timeout(), plain.timeoutDirect(), 1024, 1, plain.backoffInit(),
                plain.backoffMax(), plain.proxyResetAfter(), plain.hostResetAfter(), 16, plain.userAgent(), false)).isEqualTo(plain);
    }

    @Test
    void autoProxySettingsComeFromTheFilesAndTheEnvironment() throws IOException {
        write("domain.d/cern.ch.conf", "CVMFS_SERVER_URL=http://s1/cvmfs/@fqrn@\nCVMFS_HTTP_PROXY='auto;DIRECT'\n"
                + "CVMFS_PAC_URLS='http://grid-wpad/wpad.dat;auto'\n");
        ClientConfiguration c = ClientConfiguration.builder().root(root).environment(Map.of("http_proxy", "http://squid:3128")).load(FQRN);
        DownloadSettings s = c.downloadSettings();
        assertThat(c.warnings()).isEmpty();
        assertThat(s.httpProxy()).isEqualTo("auto;DIRECT");
        assertThat(s.pacUrls()).isEqualTo("http://grid-wpad/wpad.dat;auto");
        assertThat(s.environmentHttpProxy()).isEqualTo("http://squid:3128");
        assertThat(load().downloadSettings().environmentHttpProxy()).isNull();
    }

    @Test
    void hostileFilesGiveOnlyConfigurationExceptions() throws IOException {
        Files.write(root.resolve("default.local"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x41, 0x3d});
        assertThatThrownBy(this::load).isInstanceOf(ConfigurationException.class);
        qt().withExamples(300).forAll(strings().allPossible().ofLengthBetween(0, 120)).checkAssert(text -> {
            try {
                Files.write(root.resolve("default.local"), text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                load();
            } catch (ConfigurationException expected) {
                assertThat(expected.location().isNowhere()).isFalse();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void warningsAndValuesPrintWithTheirOrigin() throws IOException {
        write("default.local", "CVMFS_HTTP_PROXY=DIRECT\nFOO=1\n");
        ClientConfiguration c = load();
        assertThat(c.toString()).contains("CVMFS_HTTP_PROXY=DIRECT (" + root.resolve("default.local") + ":1)");
        assertThat(List.copyOf(c.warnings()).get(0).toString()).contains("default.local:2: FOO: unknown parameter");
    }
}
