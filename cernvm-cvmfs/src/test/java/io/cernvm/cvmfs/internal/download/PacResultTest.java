package io.cernvm.cvmfs.internal.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class PacResultTest {

    @Test
    void eachEntryIsAGroupOfItsOwnInOrder() {
        PacResult r = PacResult.parse("PROXY squid1.example.org:3128; PROXY  squid2:3128 ;DIRECT");
        assertThat(r.proxies()).isEqualTo("squid1.example.org:3128;squid2:3128;DIRECT");
        assertThat(r.skipped()).isEmpty();
        assertThat(ProxyChain.parse(r.proxies(), null).groups()).hasSize(3);
    }

    @Test
    void emptyMeansDirect() {
        assertThat(PacResult.parse("").proxies()).isEqualTo("DIRECT");
    }

    @Test
    void socksHttpAndLowerCaseEntriesAreSkippedAsUpstreamDoes() {
        PacResult r = PacResult.parse("SOCKS s:1080; SOCKS5 s:1080; HTTP h:80; HTTPS h:443; proxy p:3128; direct; PROXY ok:3128");
        assertThat(r.proxies()).isEqualTo("ok:3128");
        assertThat(r.skipped()).containsExactly("SOCKSs:1080", "SOCKS5s:1080", "HTTPh:80", "HTTPSh:443", "proxyp:3128", "direct");
    }

    @Test
    void nothingUsableIsEmpty() {
        assertThat(PacResult.parse("undefined").isEmpty()).isTrue();
        assertThat(PacResult.parse(" \t ; ;").isEmpty()).isTrue();
        assertThat(PacResult.parse("PROXY").isEmpty()).isTrue();
    }

    @Test
    void overlongResultsAreRefused() {
        assertThatThrownBy(() -> PacResult.parse("PROXY a:1;".repeat(PacResult.MAX_LENGTH)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
    }

    /** One entry of a generated result: its text and what it must become ({@code null}: skipped). */
    private record Entry(String text, String expected) {
    }

    private static Gen<String> spaces() {
        return Generate.pick(List.of("", " ", "  ", "\t", " \t "));
    }

    private static Gen<Entry> entries() {
        Gen<String> host = Generate.pick(List.of("squid", "p1.example.org", "10.0.0.1", "[::1]", "http://cache.site"));
        Gen<Entry> proxy = host.zip(integers().between(1, 65535), spaces(), spaces(),
                (h, p, a, b) -> new Entry(a + "PROXY " + b + h + ":" + p + a, h + ":" + p));
        Gen<Entry> direct = spaces().zip(spaces(), (a, b) -> new Entry(a + "DIRECT" + b, "DIRECT"));
        Gen<Entry> skippedEntry = Generate.pick(List.of("SOCKS s:1080", "SOCKS5 s:1080", "HTTP h:80", "HTTPS h:443", "direct", "proxy p:1",
                "garbage", "PROXI x:1")).zip(spaces(), (t, a) -> new Entry(a + t, null));
        return Generate.frequency(org.quicktheories.api.Pair.of(3, proxy), org.quicktheories.api.Pair.of(1, direct),
                org.quicktheories.api.Pair.of(2, skippedEntry));
    }

    @Test
    void generatedResultsRoundTrip() {
        qt().withExamples(1000).forAll(lists().of(entries()).ofSizeBetween(1, 8)).checkAssert(list -> {
            String text = String.join(";", list.stream().map(Entry::text).toList());
            PacResult r = PacResult.parse(text);
            List<String> kept = new ArrayList<>();
            for (Entry e : list) {
                if (e.expected() != null) {
                    kept.add(e.expected());
                }
            }
            assertThat(r.proxies()).isEqualTo(String.join(";", kept));
            assertThat(r.skipped()).hasSize(list.size() - kept.size());
            if (!r.isEmpty()) {
                // what the parser keeps is a proxy string the chain accepts, one group per entry
                assertThat(ProxyChain.parse(r.proxies(), null).groups()).hasSize(kept.size());
            }
        });
    }

    @Test
    void hostileResultsGiveAResultOrARefusalNeverAnotherException() {
        Gen<String> token = Generate.pick(List.of("PROXY", "DIRECT", "SOCKS", " ", "\t", ";", "|", ":", "a", "3128", "\u0000", "\n", "\u00e9",
                "http://", "[", "]", "%", "@"));
        qt().withExamples(2000).forAll(lists().of(token).ofSizeBetween(0, 20).map(l -> String.join("", l))).checkAssert(s -> {
            PacResult r = PacResult.parse(s);
            assertThat(r.proxies()).doesNotContain(" ", "\t");
            assertThat(r.skipped()).allSatisfy(e -> assertThat(e).isNotEmpty().doesNotContain(";"));
        });
        qt().withExamples(500).forAll(strings().allPossible().ofLengthBetween(0, 200)).checkAssert(s -> {
            PacResult r = PacResult.parse(s);
            assertThat(r.proxies()).doesNotContain(" ", "\t");
            assertThat(r.proxies().split(";", -1)).noneMatch(e -> e.startsWith("PROXY"));
        });
    }
}
