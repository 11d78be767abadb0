package io.cernvm.cvmfs.internal.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cernvm.cvmfs.download.DownloadEvent;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** The Geo API step against a scripted fetcher: who is asked, through which proxy, under which name, and what changes. */
class GeoSortTest {

    private static final List<URI> HOSTS = List.of(URI.create("http://s3.example.org/cvmfs/r"), URI.create("http://s1.example.org/cvmfs/r"),
            URI.create("http://s2.example.org:8000/cvmfs/r"));
    private static final String UUID = "0c7e1a9e-0d1f-4b52-9a39-6a1f1e0c2b11";
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final List<DownloadEvent> events = new ArrayList<>();
    private final List<Request> requests = new ArrayList<>();

    private record Request(HttpUrl url, ProxyEndpoint proxy, int maxBytes) {
    }

    private FailoverChain chain(List<URI> hosts, String proxies, String fallback) {
        return new FailoverChain(hosts, ProxyChain.parse(proxies, fallback), clock, new Random(3), Duration.ofSeconds(300),
                Duration.ofSeconds(1800));
    }

    private void run(FailoverChain chain, String template, Function<HttpUrl, String> replies) {
        GeoSort.run(chain, template, () -> UUID, new Random(11), (url, proxy, maxBytes) -> {
            requests.add(new Request(url, proxy, maxBytes));
            String reply = replies.apply(url);
            if (reply == null) {
                throw new IOException("HTTP 404");
            }
            return reply;
        }, events::add);
    }

    @Test
    void aValidReplyReordersTheChainAndTheFirstHostBecomesActive() {
        FailoverChain c = chain(HOSTS, "http://squid.example.org:3128", null);
        // names sorted: s1, s2, s3; "3,1,2" = s3, s1, s2
        run(c, "", url -> "3,1,2\n");
        assertThat(c.hosts()).containsExactly(HOSTS.get(0), HOSTS.get(1), HOSTS.get(2));
        run(c, "", url -> "2,3,1\n");
        assertThat(c.hosts()).containsExactly(HOSTS.get(2), HOSTS.get(0), HOSTS.get(1));
        assertThat(c.peek().host()).isEqualTo(HOSTS.get(2));
        Request r = requests.get(0);
        assertThat(r.url().encodedPath()).endsWith("/cvmfs/r/api/v1.0/geo/squid.example.org/s1.example.org,s2.example.org,s3.example.org");
        assertThat(r.proxy()).hasToString("http://squid.example.org:3128");
        DownloadEvent.HostsOrdered e = (DownloadEvent.HostsOrdered) events.get(1);
        assertThat(e.from()).containsExactlyElementsOf(List.of(HOSTS.get(0), HOSTS.get(1), HOSTS.get(2)));
        assertThat(e.to()).containsExactly(HOSTS.get(2), HOSTS.get(0), HOSTS.get(1));
        assertThat(e.source()).isEqualTo(requests.get(1).url().uri());
        assertThat(e.path()).isEqualTo("api/v1.0/geo/squid.example.org/s1.example.org,s2.example.org,s3.example.org");
        assertThat(e.attempt()).isEqualTo(1);
    }

    @Test
    void theHostsAskedAreThreeDistinctRandomHostsAtMost() {
        List<URI> five = List.of(URI.create("http://a/r"), URI.create("http://b/r"), URI.create("http://c/r"), URI.create("http://d/r"),
                URI.create("http://e/r"));
        Set<String> seen = new HashSet<>();
        for (int seed = 0; seed < 20; seed++) {
            requests.clear();
            GeoSort.run(chain(five, "DIRECT", null), "", () -> UUID, new Random(seed), (url, proxy, max) -> {
                requests.add(new Request(url, proxy, max));
                throw new IOException("refused");
            }, events::add);
            assertThat(requests).hasSize(3);
            assertThat(requests.stream().map(r -> r.url().host()).distinct()).hasSize(3);
            requests.forEach(r -> seen.add(r.url().host()));
        }
        assertThat(seen).containsExactlyInAnyOrder("a", "b", "c", "d", "e"); // the choice is random, not the first three
    }

    @Test
    void badRepliesAreSkippedUntilAGoodOneAndAllBadKeepsTheOrderWithAWarningEvent() {
        FailoverChain c = chain(HOSTS, "DIRECT", null);
        Map<String, String> byHost = Map.of("s1.example.org", "1,1,2\n", "s2.example.org", "1, 2,3\n");
        run(c, "", url -> byHost.get(url.host()));
        assertThat(requests).hasSize(3);
        assertThat(c.hosts()).containsExactlyElementsOf(HOSTS);
        assertThat(c.peek().host()).isEqualTo(HOSTS.get(0));
        assertThat(events).hasSize(1);
        DownloadEvent.HostOrderKept kept = (DownloadEvent.HostOrderKept) events.get(0);
        assertThat(kept.hosts()).containsExactlyElementsOf(HOSTS);
        assertThat(kept.attempt()).isEqualTo(3);
        assertThat(kept.reason()).contains("repeats 1").contains("unexpected character").contains("HTTP 404");

        events.clear();
        requests.clear();
        Map<String, String> oneGood = Map.of("s1.example.org", "garbage", "s2.example.org", "1,2\n", "s3.example.org", "2,1,3\n");
        run(c, "", url -> oneGood.get(url.host()));
        assertThat(c.hosts()).containsExactly(HOSTS.get(2), HOSTS.get(1), HOSTS.get(0));
        assertThat(events).singleElement().isInstanceOf(DownloadEvent.HostsOrdered.class);
        assertThat(((DownloadEvent.HostsOrdered) events.get(0)).source().getHost()).isEqualTo("s3.example.org");
    }

    @Test
    void theProxyNameIsTheTemplateElseTheActiveProxysHostElseTheUuid() {
        run(chain(HOSTS, "http://squid.example.org:3128", null), "site-squid", url -> null);
        assertThat(requests.get(0).url().pathSegments()).contains("site-squid");
        requests.clear();
        run(chain(HOSTS, "DIRECT", null), "", url -> null);
        assertThat(requests.get(0).url().pathSegments()).contains(UUID);
        assertThat(requests.get(0).proxy().isDirect()).isTrue();
        requests.clear();
        run(chain(HOSTS, "http://[2001:db8::3]:3128", null), "", url -> null);
        assertThat(requests.get(0).url().pathSegments()).contains("[2001:db8::3]");
        requests.clear();
        run(chain(HOSTS, "", null), "", url -> null);
        assertThat(requests.get(0).url().pathSegments()).contains(UUID);
    }

    @Test
    void fromAFallbackGroupTheRequestGoesDirectUnlessATemplateIsSet() {
        FailoverChain c = chain(HOSTS, "http://p:1", "http://fb1:1;http://fb2:1");
        c.switchProxy(c.peek()); // the regular group is burned: a fallback group is active
        assertThat(c.peek().proxy()).hasToString("http://fb1:1");
        run(c, "", url -> null);
        assertThat(requests.get(0).proxy().isDirect()).isTrue();
        assertThat(requests.get(0).url().pathSegments()).contains(UUID);
        requests.clear();
        run(c, "tmpl", url -> null);
        assertThat(requests.get(0).proxy()).hasToString("http://fb1:1"); // as upstream: the template wins, the proxy stays
    }

    @Test
    void fallbackGroupsAreOrderedAndASeparatorIsSentWithoutRegularProxies() {
        FailoverChain c = chain(List.of(URI.create("http://b/r"), URI.create("http://a/r")), "DIRECT", "http://f1:1|http://f1b:1;http://f2:1");
        // DIRECT is stripped when a fallback is set: no regular proxies -> a, b, +PXYSEP+, f1, f2
        run(c, "", url -> url.pathSegments().get(url.pathSegments().size() - 1).equals("a,b,+PXYSEP+,f1,f2") ? "5,2,3,4,1\n" : null);
        assertThat(requests).isNotEmpty();
        assertThat(c.hosts()).containsExactly(URI.create("http://b/r"), URI.create("http://a/r"));
        assertThat(c.fallbackGroupsText()).containsExactly("http://f2:1", "http://f1:1|http://f1b:1");
        DownloadEvent.HostsOrdered e = (DownloadEvent.HostsOrdered) events.get(0);
        assertThat(e.fallbackProxies()).containsExactly("http://f2:1", "http://f1:1|http://f1b:1");
        assertThat(e.path()).endsWith("/a,b,+PXYSEP+,f1,f2");
        assertThat(e.path()).contains("/" + UUID + "/"); // through a fallback proxy: DIRECT, the UUID
    }

    @Test
    void nothingIsAskedWithOneHostAndAtMostOneFallbackGroup() {
        run(chain(List.of(HOSTS.get(0)), "http://p:1", "http://fb:1"), "", url -> "1,2\n");
        assertThat(requests).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void theReplySizeIsCappedByTheNumberOfNames() {
        run(chain(HOSTS, "DIRECT", null), "", url -> "1,2,3\n");
        assertThat(requests.get(0).maxBytes()).isBetween(100, 10_000);
    }

    @Test
    void reorderRefusesWhatIsNotAPermutation() {
        FailoverChain c = chain(HOSTS, "DIRECT", null);
        assertThatThrownBy(() -> c.reorder(new int[] {0, 0, 1}, new int[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.reorder(new int[] {0, 1}, new int[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.reorder(new int[] {0, 1, 2}, new int[] {0})).isInstanceOf(IllegalArgumentException.class);
        assertThat(c.hosts()).containsExactlyElementsOf(HOSTS);
    }

    @Test
    void reorderRestartsAtTheNewFirstHostAndTruncationKeepsTheFirst() {
        FailoverChain c = chain(HOSTS, "DIRECT", null);
        c.switchHost(c.peek());
        assertThat(c.peek().hostIndex()).isEqualTo(1);
        c.reorder(new int[] {2, 1, 0}, new int[0]);
        assertThat(c.peek().hostIndex()).isZero();
        assertThat(c.peek().host()).isEqualTo(HOSTS.get(2));
        c.truncateHosts(2);
        assertThat(c.hosts()).containsExactly(HOSTS.get(2), HOSTS.get(1));
        c.truncateHosts(0);
        assertThat(c.hosts()).hasSize(2);
    }
}
