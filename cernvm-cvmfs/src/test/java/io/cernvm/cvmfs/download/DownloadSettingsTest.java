package io.cernvm.cvmfs.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cernvm.api.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DownloadSettingsTest {

    @Test
    void defaultsAreUpstreamsDefaultConf() {
        DownloadSettings s = DownloadSettings.builder().serverUrl("http://s1/cvmfs/@fqrn@").fqrn("alice.cern.ch").build();
        assertThat(s.servers()).containsExactly(URI.create("http://s1/cvmfs/alice.cern.ch"));
        assertThat(s.httpProxy()).isEmpty();
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.timeoutDirect()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.lowSpeedLimit()).isEqualTo(1024);
        assertThat(s.maxRetries()).isEqualTo(1);
        assertThat(s.backoffInit()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.backoffMax()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.proxyResetAfter()).isEqualTo(Duration.ofSeconds(300));
        assertThat(s.hostResetAfter()).isEqualTo(Duration.ofSeconds(1800));
        assertThat(s.userAgent()).isEqualTo("cvmfs libcvmfs 2.12.0");
        assertThat(s.toBuilder().build()).isEqualTo(s);
    }

    @Test
    void badValuesNameTheirParameter() {
        DownloadSettings.Builder b = DownloadSettings.builder().servers(List.of(URI.create("http://s1")));
        assertThatThrownBy(() -> b.httpProxy("auto|http://p1:3128").build()).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.location().key()).isEqualTo("CVMFS_HTTP_PROXY"));
        assertThatThrownBy(() -> b.httpProxy("AUTO").build()).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.getMessage()).contains("lower case"));
        assertThatThrownBy(() -> b.httpProxy("auto;bad proxy").build()).isInstanceOf(ConfigurationException.class);
        b.httpProxy("");
        assertThatThrownBy(() -> b.maxRetries(-1).build()).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.location().key()).isEqualTo("CVMFS_MAX_RETRIES"));
        b.maxRetries(1);
        assertThatThrownBy(() -> b.backoffMax(Duration.ofSeconds(-1)).build()).isInstanceOf(ConfigurationException.class);
        b.backoffMax(Duration.ofSeconds(1));
        assertThatThrownBy(() -> DownloadSettings.builder().build()).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.location().key()).isEqualTo("CVMFS_SERVER_URL"));
        assertThatThrownBy(() -> b.userAgent("bad\nagent").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.userAgent("ok").maxParallel(0).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listenerOfForwardsEveryEvent() {
        java.util.List<DownloadEvent> seen = new java.util.ArrayList<>();
        DownloadListener l = DownloadListener.of(seen::add);
        URI u = URI.create("http://s1/x");
        l.proxySwitched(new DownloadEvent.ProxySwitch("x", "http://a:1", "DIRECT", FailoverReason.PROXY_REFUSED, 1));
        l.hostSwitched(new DownloadEvent.HostSwitch("x", u, u, FailoverReason.HOST_HTTP, 1));
        l.retrying(new DownloadEvent.Retry("x", u, "DIRECT", FailoverReason.HOST_TOO_SLOW, 1));
        l.backingOff(new DownloadEvent.Backoff("x", Duration.ZERO, 1));
        l.attemptFailed(new DownloadEvent.Failure("x", u, "DIRECT", FailoverReason.HOST_TOO_SLOW, "timeout", 1));
        l.succeeded(new DownloadEvent.Success("x", u, "DIRECT", 3, 2));
        assertThat(seen).hasSize(6);
        DownloadListener.NONE.succeeded(new DownloadEvent.Success("x", u, "DIRECT", 3, 2));
    }

    @Test
    void reasonsSayWhichChainTheyCountAgainst() {
        assertThat(FailoverReason.PROXY_REFUSED.side()).isEqualTo(FailoverReason.Side.PROXY);
        assertThat(FailoverReason.PROXY_REFUSED.retriedInPlace()).isFalse();
        assertThat(FailoverReason.PROXY_TOO_SLOW.retriedInPlace()).isTrue();
        assertThat(FailoverReason.HOST_AFTER_PROXY.side()).isEqualTo(FailoverReason.Side.HOST);
        assertThat(FailoverReason.HOST_HTTP.description()).isEqualTo("host returned HTTP error");
    }

    @Test
    void autoValidatesWithoutNetworkAndPacSettingsComeLast() {
        DownloadSettings s = DownloadSettings.builder().servers(List.of(URI.create("http://s1")))
                .httpProxy("auto;DIRECT").pacUrls("auto;http://wpad.site/wpad.dat")
                .environment(java.util.Map.of("http_proxy", "http://squid:3128", "SECRET", "x")).build();
        assertThat(s.httpProxy()).isEqualTo("auto;DIRECT");
        assertThat(s.pacUrls()).isEqualTo("auto;http://wpad.site/wpad.dat");
        assertThat(s.environmentHttpProxy()).isEqualTo("http://squid:3128");
        assertThat(s.toString()).doesNotContain("SECRET");
        assertThat(s.toBuilder().build()).isEqualTo(s);
        DownloadSettings plain = DownloadSettings.builder().servers(List.of(URI.create("http://s1"))).build();
        assertThat(plain.pacUrls()).isEmpty();
        assertThat(plain.environmentHttpProxy()).isNull();
        DownloadSettings old = new DownloadSettings(plain.servers(), "auto", "", plain.timeout(), plain.timeoutDirect(), plain.lowSpeedLimit(),
                plain.maxRetries(), plain.backoffInit(), plain.backoffMax(), plain.proxyResetAfter(), plain.hostResetAfter(),
                plain.maxParallel(), plain.userAgent(), plain.followRedirects());
        assertThat(old.pacUrls()).isEmpty();
        assertThat(old.environmentHttpProxy()).isNull();
    }
}
