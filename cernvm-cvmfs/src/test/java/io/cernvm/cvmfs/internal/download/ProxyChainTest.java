package io.cernvm.cvmfs.internal.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.cernvm.api.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class ProxyChainTest {

    @Test
    void groupsMembersSchemesAndDirect() {
        ProxyChain c = ProxyChain.parse("http://p1:3128|p2:3128;DIRECT", null);
        assertThat(c.groups()).containsExactly(
                List.of(ProxyEndpoint.of("p1", 3128), ProxyEndpoint.of("p2", 3128)),
                List.of(ProxyEndpoint.DIRECT));
        assertThat(c.firstFallbackGroup()).isEqualTo(2);
        assertThat(c.size()).isEqualTo(3);
        assertThat(c).hasToString("http://p1:3128|http://p2:3128;DIRECT");
    }

    @Test
    void fallbackProxiesComeLastAndRemoveDirect() {
        ProxyChain c = ProxyChain.parse("DIRECT;http://p1:3128|DIRECT", "http://f1:80;DIRECT");
        assertThat(c.groups()).containsExactly(List.of(ProxyEndpoint.of("p1", 3128)), List.of(ProxyEndpoint.of("f1", 80)));
        assertThat(c.firstFallbackGroup()).isEqualTo(1);
    }

    @Test
    void directStaysWithoutFallback() {
        assertThat(ProxyChain.parse("DIRECT", "").groups()).containsExactly(List.of(ProxyEndpoint.DIRECT));
        assertThat(ProxyChain.parse("", null)).isEqualTo(ProxyChain.NONE);
        assertThat(ProxyChain.parse(null, null).size()).isZero();
    }

    @Test
    void portDefaultsToCurls() {
        assertThat(ProxyChain.parse("squid.example.org", null).groups().get(0).get(0).port()).isEqualTo(1080);
        assertThat(ProxyChain.parse("http://[::1]:3128", null).groups().get(0).get(0)).hasToString("http://[::1]:3128");
    }

    @Test
    void refusesWhatItCannotUse() {
        for (String bad : new String[] {"auto", "https://p:3128", "socks5://p:1080", "http://user@p:3128", "http://p:0", "http://p:99999",
            "http://p:3128/?x", "http://", "http://a b:1"}) {
            assertThatThrownBy(() -> ProxyChain.parse(bad, null)).as(bad).isInstanceOf(ConfigurationException.class)
                    .satisfies(e -> assertThat(((ConfigurationException) e).location().key()).isEqualTo("CVMFS_HTTP_PROXY"));
        }
        assertThatThrownBy(() -> ProxyChain.parse("", "auto")).isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).location().key()).isEqualTo("CVMFS_FALLBACK_PROXY"));
    }

    private static Gen<String> proxyish() {
        Gen<String> token = Generate.pick(List.of("http://", "p1", "p2.example.org", ":", "3128", "0", "99999", ";", "|", "DIRECT", "auto",
                "[", "]", "::1", " ", "/", "?", "#", "%", "@", "\u0000", "\u00e9", "https://", "-"));
        return lists().of(token).ofSizeBetween(0, 12).map(l -> String.join("", l));
    }

    @Test
    void arbitraryInputGivesAChainOrAConfigurationException() {
        qt().withExamples(2000).forAll(proxyish(), proxyish()).checkAssert((p, f) -> {
            try {
                ProxyChain c = ProxyChain.parse(p, f);
                assertThat(c.groups()).allSatisfy(g -> assertThat(g).isNotEmpty());
                if (c.firstFallbackGroup() < c.groups().size()) {
                    assertThat(c.groups().stream().flatMap(List::stream)).noneMatch(ProxyEndpoint::isDirect);
                }
                // what it prints parses back to the same chain
                assertThat(ProxyChain.parse(c.groups().isEmpty() ? "" : c.toString(), null).groups()).isEqualTo(c.groups());
            } catch (ConfigurationException expected) {
                assertThat(expected.location().key()).isIn("CVMFS_HTTP_PROXY", "CVMFS_FALLBACK_PROXY");
            }
        });
        qt().withExamples(500).forAll(strings().allPossible().ofLengthBetween(0, 60)).checkAssert(s -> {
            try {
                ProxyChain.parse(s, s);
            } catch (ConfigurationException expected) {
                // typed refusal
            }
        });
    }

    @Test
    void autoIsAGroupReplacedAsText() {
        assertThat(ProxyChain.hasAutoGroup("auto;DIRECT")).isTrue();
        assertThat(ProxyChain.hasAutoGroup("http://p:1; auto ")).isTrue();
        assertThat(ProxyChain.hasAutoGroup("http://auto.site:1;DIRECT")).isFalse();
        assertThat(ProxyChain.hasAutoGroup(null)).isFalse();
        assertThat(ProxyChain.replaceAuto("auto;DIRECT", "a:1;b:2|c:3")).isEqualTo("a:1;b:2|c:3;DIRECT");
        assertThat(ProxyChain.replaceAuto("auto;DIRECT", "")).isEqualTo("DIRECT");
        assertThat(ProxyChain.replaceAuto("p:1;auto;auto", "")).isEqualTo("p:1");
        assertThat(ProxyChain.replaceAuto("auto", "")).isEmpty();
        ProxyChain.validate("auto", null);
        ProxyChain.validate("auto;DIRECT", "http://f:1");
        for (String bad : new String[] {"AUTO", "Auto;DIRECT", "auto|p:1", "p:1|auto"}) {
            assertThatThrownBy(() -> ProxyChain.validate(bad, null)).as(bad).isInstanceOf(ConfigurationException.class);
        }
        assertThatThrownBy(() -> ProxyChain.parse("auto;DIRECT", null)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("resolved before");
        assertThatThrownBy(() -> ProxyChain.validate("DIRECT", "auto")).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.getMessage()).contains("resolved only in CVMFS_HTTP_PROXY"));
    }

    private static Gen<String> group() {
        Gen<String> member = Generate.pick(List.of("http://p1:3128", "p2.example.org:8080", "DIRECT", "http://[::1]:3128", "auto.site:1"));
        return lists().of(member).ofSizeBetween(1, 3).map(l -> String.join("|", l));
    }

    @Test
    void autoGroupsAreReplacedWhereTheyStandAndNothingElseChanges() {
        Gen<String> groupOrAuto = Generate.frequency(org.quicktheories.api.Pair.of(3, group()),
                org.quicktheories.api.Pair.of(1, Generate.pick(List.of("auto", " auto", "auto\t"))));
        Gen<String> resolved = Generate.pick(List.of("", "squid:3128", "a:1;b:2", "http://c:3|http://d:4;DIRECT", " "));
        qt().withExamples(1000).forAll(lists().of(groupOrAuto).ofSizeBetween(0, 6), resolved).checkAssert((groups, r) -> {
            String text = String.join(";", groups);
            String replaced = ProxyChain.replaceAuto(text, r);
            List<String> expected = new java.util.ArrayList<>();
            for (String g : groups) {
                if (!g.trim().equals("auto")) {
                    expected.add(g);
                } else if (!r.isBlank()) {
                    expected.add(r.trim());
                }
            }
            assertThat(replaced).isEqualTo(String.join(";", expected));
            assertThat(ProxyChain.hasAutoGroup(text)).isEqualTo(groups.stream().anyMatch(g -> g.trim().equals("auto")));
            assertThat(ProxyChain.hasAutoGroup(replaced)).isFalse();
            // validation without network accepts what resolution then parses
            ProxyChain.validate(text, null);
            assertThat(ProxyChain.parse(replaced, null).groups()).hasSize(replaced.isEmpty() ? 0
                    : (int) java.util.Arrays.stream(replaced.split(";")).filter(g -> !g.isBlank()).count());
        });
    }
}
