package io.cernvm.context.amiconfig;

import io.cernvm.api.UserDataPart;
import io.cernvm.context.Finding;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** amiconfig's reading rules, each with an input that a wrong rule would read differently. */
class AmiconfigDocumentTest {

    private static final String ONLINE = """
            #!/bin/sh
            . /etc/cernvm/site.conf
            echo hello
            exit 0
            [amiconfig]
            plugins=cernvm condor
            [cernvm]
            organisations=alice,atlas
            repositories=alice,atlas,grid
            shell=/bin/bash
            users=alice:alice:secret,bob:users:
            environment=CMS_SITECONFIG=CERN,CMS_ROOT=/opt/cms
            extra_repositories=extra.cern.ch|s1.cern.ch|QUJD
            proxy=http://squid:3128;DIRECT
            screenRes=1024x768
            startXDM=off
            contextualization_key=0123:secret
            [condor]
            condor_master=master.example.org
            use_ips=true
            extra_vars=A = 1,B = 2
            [ucernvm-begin]
            cvmfs_branch=cernvm-prod.cern.ch
            [ucernvm-end]
            """;

    private static List<String> codes(AmiconfigDocument d) {
        return d.findings().stream().map(Finding::code).toList();
    }

    @Test
    void readsACernvmOnlineContext() {
        AmiconfigDocument d = AmiconfigDocument.parse(ONLINE);
        assertThat(d.findings()).isEmpty();
        assertThat(d.script()).isNotNull();
        assertThat(d.script().lines()).containsExactly("#!/bin/sh", ". /etc/cernvm/site.conf", "echo hello", "exit 0");
        assertThat(d.script().endsWithExit()).isTrue();
        assertThat(d.script().runsAfter()).isTrue();
        assertThat(d.script().runsBefore()).isFalse();
        assertThat(d.plugins()).containsExactly("cernvm", "condor");
        CernvmPluginConfig c = d.cernvm();
        assertThat(c.organisations()).containsExactly("alice", "atlas");
        assertThat(c.users()).containsExactly(new CernvmUser("alice", "alice", "secret"), new CernvmUser("bob", "users", ""));
        assertThat(c.users().get(1).randomPassword()).isTrue();
        assertThat(c.mainUser()).hasValueSatisfying(u -> assertThat(u.name()).isEqualTo("alice"));
        assertThat(c.environment()).containsExactly(new EnvironmentVariable("CMS_SITECONFIG", "CERN"),
                new EnvironmentVariable("CMS_ROOT", "/opt/cms"));
        assertThat(c.extraRepositories()).containsExactly(new ExtraRepository("extra.cern.ch", "s1.cern.ch", "QUJD"));
        assertThat(c.proxy()).isEqualTo("http://squid:3128;DIRECT");
        assertThat(c.screenRes()).isEqualTo("1024x768");
        assertThat(c.startXdm()).isEqualTo("off");
        assertThat(c.contextualizationKey()).isEqualTo("0123:secret");
        assertThat(d.condor().configuresWorker()).isTrue();
        assertThat(d.condor().useIps()).isTrue();
        assertThat(d.condor().extraVars()).containsExactly("A = 1", "B = 2");
        assertThat(d.section("ucernvm-begin")).hasValueSatisfying(
                s -> assertThat(s.asMap()).containsExactly(Map.entry("cvmfs_branch", "cernvm-prod.cern.ch")));
        assertThat(d.otherSections()).extracting(AmiconfigSection::name)
                .containsExactly("amiconfig", "ucernvm-begin", "ucernvm-end");
    }

    @Test
    void onlyFromTheFirstSectionOn() {
        AmiconfigDocument d = AmiconfigDocument.parse("proxy=lost\n[cernvm]\nproxy=kept\n");
        assertThat(d.cernvm().proxy()).isEqualTo("kept");
        assertThat(d.sections()).hasSize(1);
        assertThat(codes(d)).containsExactly(AmiconfigFindings.TEXT_BEFORE_SECTION,
                AmiconfigFindings.SECTION_NOT_ENABLED);
    }

    @Test
    void onlyColumnZeroLinesContinuationsLost() {
        AmiconfigDocument d = AmiconfigDocument.parse("[cernvm]\nusers=a:b:c,\n  d:e:f\n shell=/bin/zsh\n");
        assertThat(d.cernvm().shell()).isNull();
        assertThat(d.section("cernvm").orElseThrow().get("users")).hasValue("a:b:c,");
        assertThat(codes(d)).contains(AmiconfigFindings.INDENTED_LINE, AmiconfigFindings.BAD_USERS_ENTRY);
    }

    @Test
    void optionNamesLowerCasedValuesStrippedAndSplitAtFirstSeparator() {
        AmiconfigDocument d = AmiconfigDocument.parse("[ganglia]\nURL : http://x:80/a=b  \nName=\"\"\nPort=\n");
        AmiconfigSection s = d.section("ganglia").orElseThrow();
        assertThat(s.asMap()).containsExactly(Map.entry("url", "http://x:80/a=b"), Map.entry("name", ""),
                Map.entry("port", ""));
        assertThat(d.ganglia().url()).isEqualTo("http://x:80/a=b");
    }

    @Test
    void inlineCommentOnlyAfterABlankAndOnlyTheFirstSemicolon() {
        AmiconfigDocument d = AmiconfigDocument.parse("[cernvm]\nproxy=http://a:3128 ;DIRECT\nservices=a;b ;c\n"
                + "shell=;x \n");
        AmiconfigSection s = d.section("cernvm").orElseThrow();
        assertThat(s.get("proxy")).hasValue("http://a:3128");
        assertThat(s.get("services")).hasValue("a;b ;c");
        // Python's optval[pos-1] with pos 0 looks at the last character, here a blank
        assertThat(s.get("shell")).hasValue("");
        assertThat(codes(d)).contains(AmiconfigFindings.INLINE_COMMENT);
    }

    @Test
    void commentsAndRemLinesSkipped() {
        AmiconfigDocument d = AmiconfigDocument.parse("[cernvm]\n#shell=a\n;shell=b\nrem shell=c\nREM=d\n");
        assertThat(d.section("cernvm").orElseThrow().asMap()).containsExactly(Map.entry("rem", "d"));
        assertThat(codes(d)).contains(AmiconfigFindings.REM_LINE);
    }

    @Test
    void repeatedSectionsMergeAndLaterValuesWin() {
        AmiconfigDocument d = AmiconfigDocument.parse("[squid]\ncache_dir=/a\n[cernvm]\n[squid]\ncache_dir=/b\nbackends=s1, s2\n");
        assertThat(d.sections()).extracting(AmiconfigSection::name).containsExactly("squid", "cernvm");
        assertThat(d.squid().cacheDir()).isEqualTo("/b");
        assertThat(d.squid().backends()).containsExactly("s1", "s2");
        assertThat(d.section("squid").orElseThrow().find("cache_dir").orElseThrow().line()).isEqualTo(5);
    }

    @Test
    void defaultSectionIsNotASection() {
        AmiconfigDocument d = AmiconfigDocument.parse("[DEFAULT]\nshell=/bin/x\n[cernvm]\n");
        assertThat(d.defaults()).containsExactly(Map.entry("shell", "/bin/x"));
        assertThat(d.cernvm().shell()).isNull();
    }

    @Test
    void crlfIsHarmlessToConfigParser() {
        AmiconfigDocument d = AmiconfigDocument.parse("[cernvm]\r\nshell=/bin/bash\r\n");
        assertThat(d.cernvm().shell()).isEqualTo("/bin/bash");
    }

    @Test
    void getSectionMatchesIgnoringCaseThenFailsOnAMismatch() {
        AmiconfigDocument d = AmiconfigDocument.parse("[CernVM]\nshell=/bin/sh\n[Condor]\n[condor]\n");
        assertThat(d.lookupSection("cernvm").outcome()).isEqualTo(SectionLookup.Outcome.CASE_MISMATCH);
        assertThat(d.cernvm()).isNull();
        assertThat(d.lookupSection("condor").outcome()).isEqualTo(SectionLookup.Outcome.FOUND);
        assertThat(d.lookupSection("ganglia").outcome()).isEqualTo(SectionLookup.Outcome.ABSENT);
        assertThat(d.findings()).filteredOn(f -> f.code().equals(AmiconfigFindings.SECTION_CASE)).singleElement()
                .satisfies(f -> assertThat(f.line()).isEqualTo(1));
    }

    @Test
    void caseMismatchedAmiconfigSectionStopsEveryPlugin() {
        AmiconfigDocument d = AmiconfigDocument.parse("[AMICONFIG]\nplugins=cernvm\n[cernvm]\n");
        assertThat(d.plugins()).isEmpty();
        assertThat(AmiconfigPlugins.enabled(d, Set.of("rootsshkeys"), Set.of())).isEmpty();
        assertThat(codes(d)).contains(AmiconfigFindings.SECTION_CASE);
    }

    @Test
    void pluginListsSplitAtWhiteSpaceAndLowerCased() {
        AmiconfigDocument d = AmiconfigDocument.parse("[amiconfig]\nplugins=CernVM\tcondor  squid,ganglia nosuch\n"
                + "disabled_plugins=condor\n");
        assertThat(d.plugins()).containsExactly("cernvm", "condor", "squid,ganglia", "nosuch");
        assertThat(d.disabledPlugins()).containsExactly("condor");
        assertThat(codes(d)).containsExactly(AmiconfigFindings.PLUGINS_COMMA, AmiconfigFindings.UNKNOWN_PLUGIN);
        assertThat(AmiconfigPlugins.enabled(d, Set.of("rootsshkeys"), Set.of("cernvm")))
                .containsExactly("rootsshkeys");
        assertThat(AmiconfigPlugins.enabled(d, Set.of(), Set.of())).containsExactly("cernvm");
    }

    @Test
    void knownPluginNames() {
        assertThat(AmiconfigPlugins.KNOWN).contains("cernvm", "condor", "ganglia", "workqueue", "squid", "puppet",
                "rootsshkeys", "sfcb-client-setup", "hepix", "appliance-agent").doesNotContain("amiconfig", "sfcbclient");
        assertThat(AmiconfigPlugins.exists("CernVM")).isTrue();
    }

    @Test
    void unknownPluginHintSuggests() {
        AmiconfigDocument d = AmiconfigDocument.parse("[amiconfig]\nplugins=condr\n");
        assertThat(d.findings().get(0).hint()).contains("condor");
    }

    @Test
    void assignmentsInsideTheScriptAreNotTextBeforeSection() {
        AmiconfigDocument d = AmiconfigDocument.parse("#!/bin/sh\nFOO=bar\nexit 0\nlost=1\n[cernvm]\n");
        assertThat(d.findings()).filteredOn(f -> f.code().equals(AmiconfigFindings.TEXT_BEFORE_SECTION))
                .singleElement().satisfies(f -> assertThat(f.line()).isEqualTo(4));
    }

    @Test
    void scriptWithoutExitRunsTheIni() {
        AmiconfigDocument d = AmiconfigDocument.parse("#!/bin/sh\necho hi\n[cernvm]\nshell=/bin/sh\n");
        assertThat(d.script().endsWithExit()).isFalse();
        assertThat(d.script().lines()).hasSize(4);
        assertThat(codes(d)).contains(AmiconfigFindings.SCRIPT_WITHOUT_EXIT);
    }

    @Test
    void scriptThatNeverRuns() {
        assertThat(codes(AmiconfigDocument.parse("#!/usr/bin/python\nprint(1)\n[cernvm]\n")))
                .contains(AmiconfigFindings.SCRIPT_NOT_RUN);
        assertThat(codes(AmiconfigDocument.parse("#!/bin/sh\r\nexit 0\r\n[cernvm]\r\n")))
                .contains(AmiconfigFindings.SCRIPT_NOT_RUN);
        AmiconfigDocument before = AmiconfigDocument.parse("\n   \n#!/bin/sh.before\nexit\n[cernvm]\n");
        assertThat(before.script().runsBefore()).isTrue();
        assertThat(before.script().runsAfter()).isFalse();
        assertThat(before.script().line()).isEqualTo(3);
    }

    @Test
    void noScriptUnlessTheFirstNonBlankLineIsAShebang() {
        assertThat(AmiconfigDocument.parse("[cernvm]\n#!/bin/sh\n").script()).isNull();
        assertThat(AmiconfigDocument.parse("\t\n#!/bin/sh\nexit\n").script()).isNull();
    }

    @Test
    void scriptLinesReadAsSections() {
        AmiconfigDocument d = AmiconfigDocument.parse("#!/bin/sh\n[ -f /etc/x ] && FOO=bar\nexit 0\n[cernvm]\n");
        assertThat(d.sections()).extracting(AmiconfigSection::name).containsExactly(" -f /etc/x ", "cernvm");
        assertThat(codes(d)).contains(AmiconfigFindings.SCRIPT_SECTION);
    }

    @Test
    void sectionWithBlanksIsNotFound() {
        AmiconfigDocument d = AmiconfigDocument.parse("[ cernvm ]\nshell=/bin/sh\n");
        assertThat(d.cernvm()).isNull();
        assertThat(codes(d)).containsExactly(AmiconfigFindings.SECTION_SPACES);
    }

    @Test
    void malformedCernvmListsAreFindings() {
        AmiconfigDocument d = AmiconfigDocument.parse("[amiconfig]\nplugins=cernvm\n[cernvm]\nusers=a:b\n"
                + "environment=A=1=2,B\nextra_repositories=x|y,n|s|!!notb64=\n");
        assertThat(d.cernvm().users()).isEmpty();
        assertThat(d.cernvm().environment()).isEmpty();
        assertThat(d.cernvm().extraRepositories()).isEmpty();
        assertThat(codes(d)).containsExactlyInAnyOrder(AmiconfigFindings.BAD_USERS_ENTRY,
                AmiconfigFindings.BAD_ENVIRONMENT_ENTRY, AmiconfigFindings.BAD_EXTRA_REPOSITORY);
        assertThat(d.findings()).filteredOn(f -> f.code().equals(AmiconfigFindings.BAD_ENVIRONMENT_ENTRY))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("(and 1 more)"));
    }

    @Test
    void typedViewsOfTheOtherPlugins() {
        AmiconfigDocument d = AmiconfigDocument.parse("""
                [workqueue]
                workqueue_project=p
                [puppet]
                puppet_server=pm.example.org
                puppet_port=8140
                [squid]
                backends=a.cern.ch,b.fnal.gov
                """);
        assertThat(d.workqueue().startsCatalogServer()).isTrue();
        assertThat(d.workqueue().workqueueProject()).isEqualTo("p");
        assertThat(d.puppet().configuresMaster()).isFalse();
        assertThat(d.puppet().puppetPort()).isEqualTo("8140");
        assertThat(d.squid().backends()).containsExactly("a.cern.ch", "b.fnal.gov");
        assertThat(d.ganglia()).isNull();
    }

    @Test
    void readsPartsAndGzippedBytes() throws Exception {
        byte[] ini = "[cernvm]\nshell=/bin/zsh\n".getBytes(StandardCharsets.UTF_8);
        var bo = new java.io.ByteArrayOutputStream();
        try (var g = new java.util.zip.GZIPOutputStream(bo)) {
            g.write(ini);
        }
        assertThat(AmiconfigDocument.parse(bo.toByteArray()).cernvm().shell()).isEqualTo("/bin/zsh");
        AmiconfigDocument p = AmiconfigDocument.parse(new UserDataPart(3, "text/amiconfig", "part-004",
                "[amiconfig]\nplugins=nope\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(p.findings()).allMatch(f -> f.part() == 3);
    }

    @Test
    void extraUserDataIsAppendedWithoutANewline() {
        byte[] extra = "[cernvm]\nshell=/bin/zsh\n".getBytes(StandardCharsets.UTF_8);
        AmiconfigDocument joined = AmiconfigDocument.parse("[amiconfig]\nplugins=cernvm".getBytes(StandardCharsets.UTF_8),
                extra);
        // "plugins=cernvm[cernvm]" is one option line: the [cernvm] header is lost
        assertThat(joined.plugins()).containsExactly("cernvm[cernvm]");
        assertThat(joined.section("amiconfig").orElseThrow().get("shell")).hasValue("/bin/zsh");
        assertThat(codes(joined)).contains(AmiconfigFindings.EXTRA_JOINS_LINE);
        AmiconfigDocument clean = AmiconfigDocument.parse("[amiconfig]\nplugins=cernvm\n".getBytes(StandardCharsets.UTF_8),
                extra);
        assertThat(clean.cernvm().shell()).isEqualTo("/bin/zsh");
        assertThat(codes(clean)).doesNotContain(AmiconfigFindings.EXTRA_JOINS_LINE);
        assertThat(AmiconfigDocument.parse(null, extra).cernvm().shell()).isEqualTo("/bin/zsh");
    }

    @Test
    void manyBadLinesAreSummarised() {
        StringBuilder b = new StringBuilder("[cernvm]\n");
        for (int i = 0; i < 50; i++) {
            b.append("  indented=").append(i).append('\n');
        }
        List<Finding> f = AmiconfigDocument.parse(b.toString()).findings();
        assertThat(f).filteredOn(x -> x.code().equals(AmiconfigFindings.INDENTED_LINE)).hasSize(11);
        assertThat(f.get(f.size() - 1).message()).startsWith("40 more");
    }

    @Test
    void everyCodeIsDistinctAndPrefixed() {
        assertThat(AmiconfigFindings.CODES).doesNotHaveDuplicates().allMatch(c -> c.startsWith("AMICONFIG_"));
    }
}
