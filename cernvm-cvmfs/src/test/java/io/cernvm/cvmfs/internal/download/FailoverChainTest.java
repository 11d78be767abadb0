package io.cernvm.cvmfs.internal.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FailoverChainTest {

    private static final List<URI> HOSTS = List.of(URI.create("http://s1"), URI.create("http://s2"));
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private FailoverChain chain(String proxies) {
        return new FailoverChain(HOSTS, ProxyChain.parse(proxies, null), clock, new Random(3), Duration.ofSeconds(300),
                Duration.ofSeconds(1800));
    }

    @Test
    void burnsEveryMemberOfAGroupBeforeMovingToTheNextGroup() {
        FailoverChain c = chain("http://a:1|http://b:1|http://c:1;http://d:1");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Route r = c.current("p", 1, e -> { });
            seen.add(r.proxy().toString());
            assertThat(c.switchProxy(r)).isPresent();
        }
        assertThat(seen).containsExactlyInAnyOrder("http://a:1", "http://b:1", "http://c:1");
        assertThat(c.peek().proxy()).hasToString("http://d:1");
        assertThat(c.numProxies()).isEqualTo(4);
    }

    @Test
    void onlyTheAttemptThatSawTheCurrentHostOrProxySwitchesIt() {
        FailoverChain c = chain("http://a:1;http://b:1");
        Route old = c.peek();
        assertThat(c.switchHost(old)).isPresent();
        assertThat(c.switchHost(old)).isEmpty(); // a second, concurrent failure of the same host
        assertThat(c.switchProxy(old)).isPresent();
        assertThat(c.switchProxy(old)).isEmpty();
        assertThat(c.peek().host()).isEqualTo(HOSTS.get(1));
    }

    @Test
    void hostsWrapAroundModulo() {
        FailoverChain c = chain("");
        c.switchHost(c.peek());
        c.switchHost(c.peek());
        assertThat(c.peek().host()).isEqualTo(HOSTS.get(0));
        assertThat(c.peek().proxy().isDirect()).isTrue();
    }

    @Test
    void resetForHostFailoverReturnsToTheFirstGroup() {
        FailoverChain c = chain("http://a:1;http://b:1");
        c.switchProxy(c.peek());
        assertThat(c.resetProxiesForHostFailover()).hasValueSatisfying(s -> assertThat(s.to()).hasToString("http://a:1"));
        assertThat(c.resetProxiesForHostFailover()).isEmpty();
    }
}
