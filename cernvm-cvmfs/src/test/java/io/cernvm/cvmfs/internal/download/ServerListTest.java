package io.cernvm.cvmfs.internal.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.cernvm.api.ConfigurationException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class ServerListTest {

    @Test
    void splitsAndSubstitutes() {
        assertThat(ServerList.parse("http://s1.cern.ch/cvmfs/@fqrn@; http://s2.fnal.gov:8000/opt/@org@/ ;", "atlas.cern.ch"))
                .containsExactly(URI.create("http://s1.cern.ch/cvmfs/atlas.cern.ch"), URI.create("http://s2.fnal.gov:8000/opt/atlas"));
    }

    @Test
    void unknownPlaceholdersStay() {
        assertThat(Substitution.apply("x/@foo@/@fqrn@", "a.b")).isEqualTo("x/@foo@/a.b");
        assertThat(Substitution.apply("@org@", "single")).isEqualTo("single");
    }

    @Test
    void refusesEmptyListsAndNonHttpUrls() {
        for (String bad : new String[] {"", " ; ", "file:///srv/cvmfs", "ftp://x", "http://", "http://h/p?q=1", "http://u@h/", "no scheme",
            "http://h:70000/"}) {
            assertThatThrownBy(() -> ServerList.parse(bad, "a.b")).as(bad).isInstanceOf(ConfigurationException.class)
                    .satisfies(e -> assertThat(((ConfigurationException) e).location().key()).isEqualTo("CVMFS_SERVER_URL"));
        }
        assertThatThrownBy(() -> ServerList.parse(null, "a.b")).isInstanceOf(ConfigurationException.class);
    }

    private static Gen<String> serverish() {
        Gen<String> token = Generate.pick(List.of("http://", "https://", "s1.cern.ch", ":", "8000", "/cvmfs/", "@fqrn@", "@org@", ";", " ",
                "?", "#", "%", "%zz", "[", "]", "@", "\u0000", "\u00e9", "..", "/"));
        return lists().of(token).ofSizeBetween(0, 10).map(l -> String.join("", l));
    }

    @Test
    void arbitraryInputGivesHttpUrlsOrAConfigurationException() {
        qt().withExamples(2000).forAll(serverish()).checkAssert(s -> {
            try {
                List<URI> hosts = ServerList.parse(s, "atlas.cern.ch");
                assertThat(hosts).isNotEmpty().allSatisfy(u -> {
                    assertThat(u.getScheme()).isIn("http", "https");
                    assertThat(u.getHost()).isNotNull();
                    assertThat(u.toString()).doesNotEndWith("/").doesNotContain("@fqrn@");
                });
            } catch (ConfigurationException expected) {
                assertThat(expected.location().key()).isEqualTo("CVMFS_SERVER_URL");
            }
        });
        qt().withExamples(500).forAll(strings().allPossible().ofLengthBetween(0, 60)).checkAssert(s -> {
            try {
                ServerList.parse(s, "a.b");
            } catch (ConfigurationException expected) {
                // typed refusal
            }
        });
    }
}
