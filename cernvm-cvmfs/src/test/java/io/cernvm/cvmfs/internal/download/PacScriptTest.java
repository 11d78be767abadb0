package io.cernvm.cvmfs.internal.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PacScriptTest {

    /** Resolves only what it is told; no DNS. */
    static PacHostResolver fakeResolver(Map<String, String> names, String me) {
        return new PacHostResolver() {
            @Override
            public Optional<String> resolve(String host) {
                return Optional.ofNullable(names.get(host));
            }

            @Override
            public String localAddress() {
                return me;
            }
        };
    }

    /** Wednesday 2026-11-25, 14:30:15 UTC. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T14:30:15Z"), ZoneOffset.UTC);
    private static final URI TARGET = URI.create("http://s1.cern.ch/cvmfs/test.cern.ch/.cvmfspublished");

    private final PacScript script = new PacScript(fakeResolver(Map.of("squid.site", "10.1.2.3", "s1.cern.ch", "188.184.9.1"), "192.168.7.9"),
            CLOCK, 1_000_000);

    private String eval(String body) throws PacScript.PacException {
        return script.evaluate("function FindProxyForURL(url, host) { " + body + " }", "test.pac", List.of(TARGET)).get(0);
    }

    private boolean test(String expression) throws PacScript.PacException {
        return eval("return String(" + expression + ");").equals("true");
    }

    @Test
    void passesUrlAndHostAndReturnsTheString() throws Exception {
        assertThat(eval("return url + ' ' + host;")).isEqualTo(TARGET + " s1.cern.ch");
        assertThat(eval("return 'PROXY a:1; DIRECT';")).isEqualTo("PROXY a:1; DIRECT");
    }

    @Test
    void hostNameHelpers() throws Exception {
        assertThat(test("isPlainHostName('www')")).isTrue();
        assertThat(test("isPlainHostName('www.cern.ch')")).isFalse();
        assertThat(test("dnsDomainIs(host, '.cern.ch')")).isTrue();
        assertThat(test("dnsDomainIs('www.fnal.gov', '.cern.ch')")).isFalse();
        assertThat(test("localHostOrDomainIs('www', 'www.cern.ch')")).isTrue();
        assertThat(test("localHostOrDomainIs('www.cern.ch', 'www.cern.ch')")).isTrue();
        assertThat(test("localHostOrDomainIs('www.fnal.gov', 'www.cern.ch')")).isFalse();
        assertThat(test("dnsDomainLevels('a.b.c')")).isFalse();
        assertThat(eval("return String(dnsDomainLevels('a.b.c'));")).isEqualTo("2");
        assertThat(test("shExpMatch(url, '*/cvmfs/*.cern.ch/*')")).isTrue();
        assertThat(test("shExpMatch('a.b', 'a?b')")).isTrue();
        assertThat(test("shExpMatch('axxb', 'a?b')")).isFalse();
        assertThat(test("shExpMatch('a+b(c)', 'a+b(c)')")).isTrue();
    }

    @Test
    void nameLookupsGoThroughTheInjectedResolver() throws Exception {
        assertThat(eval("return dnsResolve('squid.site');")).isEqualTo("10.1.2.3");
        assertThat(eval("return String(dnsResolve('nowhere.invalid'));")).isEqualTo("null");
        assertThat(test("isResolvable('squid.site')")).isTrue();
        assertThat(test("isResolvable('nowhere.invalid')")).isFalse();
        assertThat(eval("return myIpAddress();")).isEqualTo("192.168.7.9");
        assertThat(test("isInNet('squid.site', '10.0.0.0', '255.0.0.0')")).isTrue();
        assertThat(test("isInNet(host, '188.184.0.0', '255.255.0.0')")).isTrue();
        assertThat(test("isInNet(host, '10.0.0.0', '255.0.0.0')")).isFalse();
        assertThat(test("isInNet('192.168.7.200', '192.168.7.0', '255.255.255.0')")).isTrue();
        assertThat(test("isInNet('255.255.255.255', '255.255.255.0', '255.255.255.0')")).isTrue();
        assertThat(test("isInNet('nowhere.invalid', '0.0.0.0', '0.0.0.0')")).isFalse();
        assertThat(test("isInNet(myIpAddress(), '192.168.0.0', '255.255.0.0')")).isTrue();
    }

    @Test
    void timeHelpersUseTheInjectedClock() throws Exception {
        assertThat(test("weekdayRange('WED')")).isTrue();
        assertThat(test("weekdayRange('MON', 'FRI')")).isTrue();
        assertThat(test("weekdayRange('SAT', 'SUN')")).isFalse();
        assertThat(test("weekdayRange('FRI', 'THU')")).isTrue(); // wraps around
        assertThat(test("weekdayRange('THU', 'GMT')")).isFalse();
        assertThat(test("dateRange(25)")).isTrue();
        assertThat(test("dateRange('NOV')")).isTrue();
        assertThat(test("dateRange(2026)")).isTrue();
        assertThat(test("dateRange(1, 24)")).isFalse();
        assertThat(test("dateRange('OCT', 'DEC')")).isTrue();
        assertThat(test("dateRange('DEC', 'JAN')")).isFalse();
        assertThat(test("dateRange(20, 'NOV', 5, 'DEC')")).isTrue();
        assertThat(test("dateRange('NOV', 2026, 'JAN', 2027)")).isTrue();
        assertThat(test("dateRange(1, 'JAN', 2027, 31, 'DEC', 2027)")).isFalse();
        assertThat(test("dateRange(25, 'NOV', 2026, 25, 'NOV', 2026, 'GMT')")).isTrue();
        assertThat(test("timeRange(14)")).isTrue();
        assertThat(test("timeRange(9, 17)")).isTrue();
        assertThat(test("timeRange(15, 17)")).isFalse();
        assertThat(test("timeRange(22, 15)")).isTrue(); // wraps around midnight
        assertThat(test("timeRange(14, 31, 15, 0)")).isFalse();
        assertThat(test("timeRange(14, 30, 14, 30)")).isTrue();
        assertThat(test("timeRange(14, 30, 16, 14, 30, 20, 'GMT')")).isFalse();
        assertThat(test("timeRange(14, 30, 10, 14, 30, 15)")).isTrue();
    }

    @Test
    void polyfillsAndOwnHelpersAreAllowed() throws Exception {
        String pac = "String.prototype.endsWithDomain = function (d) { return dnsDomainIs(String(this), d); };"
                + "function isPlainHostName(h) { return 'own'; }"
                + "function FindProxyForURL(u, h) { return h.endsWithDomain('.cern.ch') + ' ' + isPlainHostName(h); }";
        assertThat(script.evaluate(pac, "poly.pac", List.of(TARGET))).containsExactly("true own");
    }

    @Test
    void microsoftsExtendedFunctionIsPreferred() throws Exception {
        String pac = "function FindProxyForURL(u, h) { return 'PROXY plain:1'; } function FindProxyForURLEx(u, h) { return 'PROXY ex:1'; }";
        assertThat(script.evaluate(pac, "ex.pac", List.of(TARGET))).containsExactly("PROXY ex:1");
    }

    @Test
    void evaluatesForEveryTarget() throws Exception {
        List<String> answers = script.evaluate("function FindProxyForURL(u, h) { return 'PROXY ' + h + ':1'; }", "t.pac",
                List.of(TARGET, URI.create("http://s2.fnal.gov:8000/cvmfs/test.cern.ch/.cvmfspublished")));
        assertThat(answers).containsExactly("PROXY s1.cern.ch:1", "PROXY s2.fnal.gov:1");
    }

    @Test
    void anEndlessLoopRunsOutOfInstructionsEvenInsideTryCatch() {
        assertThatThrownBy(() -> eval("while (true) {} "))
                .isInstanceOf(PacScript.PacException.class).hasMessageContaining("test.pac").hasMessageContaining("instructions");
        assertThatThrownBy(() -> eval("for (;;) { try { while (true) {} } catch (e) {} finally { continue; } }"))
                .isInstanceOf(PacScript.PacException.class).hasMessageContaining("instructions");
        assertThatThrownBy(() -> eval("return /^(a+)+$/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!');"))
                .isInstanceOf(PacScript.PacException.class).hasMessageContaining("instructions");
        assertThatThrownBy(() -> script.evaluate("while (true) {}", "top.pac", List.of(TARGET)))
                .isInstanceOf(PacScript.PacException.class).hasMessageContaining("top.pac");
    }

    @Test
    void endlessRecursionIsAClearError() {
        assertThatThrownBy(() -> script.evaluate("function f() { return f(); } function FindProxyForURL(u, h) { return f(); }", "r.pac",
                List.of(TARGET))).isInstanceOf(PacScript.PacException.class).hasMessageContaining("r.pac");
    }

    @Test
    void syntaxAndRuntimeErrorsAreClear() {
        assertThatThrownBy(() -> script.evaluate("function FindProxyForURL(url, host) { return 'DIRECT' ", "bad.pac", List.of(TARGET)))
                .isInstanceOf(PacScript.PacException.class).hasMessageContaining("bad.pac").hasMessageContaining("line");
        assertThatThrownBy(() -> eval("return noSuchFunction(host);"))
                .isInstanceOf(PacScript.PacException.class).hasMessageContaining("noSuchFunction");
        assertThatThrownBy(() -> eval("throw 'nope';")).isInstanceOf(PacScript.PacException.class);
        assertThatThrownBy(() -> script.evaluate("var x = 1;", "none.pac", List.of(TARGET)))
                .isInstanceOf(PacScript.PacException.class).hasMessageContaining("FindProxyForURL");
    }

    @Test
    void javaIsOutOfReach() throws Exception {
        assertThat(eval("return typeof java + ' ' + typeof Packages + ' ' + typeof JavaAdapter + ' ' + typeof importPackage;"))
                .isEqualTo("undefined undefined undefined undefined");
        assertThatThrownBy(() -> eval("return java.lang.System.exit(1);")).isInstanceOf(PacScript.PacException.class);
        assertThat(eval("try { return String(__resolve.getClass()); } catch (e) { return 'refused'; }")).isEqualTo("refused");
    }

    @Test
    void overlongAnswersAreRefused() {
        assertThatThrownBy(() -> eval("var s = 'PROXY a:1;'; while (s.length < 100000) { s = s + s; } return s;"))
                .isInstanceOf(PacScript.PacException.class).hasMessageContaining("characters");
    }

    @Test
    void nonStringAnswersBecomeText() throws Exception {
        assertThat(eval("return undefined;")).isEqualTo("undefined");
        assertThat(eval("return 42;")).isEqualTo("42");
    }

    @Test
    void nameLookupsAreRememberedAndBounded() throws Exception {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        PacHostResolver counting = new PacHostResolver() {
            @Override
            public Optional<String> resolve(String host) {
                asked.incrementAndGet();
                return Optional.of("10.0.0.1");
            }

            @Override
            public String localAddress() {
                return "10.0.0.2";
            }
        };
        PacScript s = new PacScript(counting, CLOCK, 1_000_000);
        List<String> answer = s.evaluate("""
                function FindProxyForURL(url, host) {
                    for (var i = 0; i < 10; i++) { dnsResolve('same.site'); }
                    var unresolved = 0;
                    for (var j = 0; j < 1000; j++) { if (!isResolvable('n' + j + '.site')) { unresolved++; } }
                    return String(unresolved);
                }
                """, "lookups.pac", List.of(TARGET));
        assertThat(asked.get()).isEqualTo(PacScript.MAX_LOOKUPS);
        assertThat(answer).containsExactly(String.valueOf(1000 - (PacScript.MAX_LOOKUPS - 1)));
    }

    @Test
    void arbitraryScriptsGiveAnAnswerOrAPacExceptionNeverAnythingElse() {
        PacScript small = new PacScript(fakeResolver(Map.of(), "10.0.0.1"), CLOCK, 50_000);
        org.quicktheories.core.Gen<String> token = org.quicktheories.generators.Generate.pick(List.of("function FindProxyForURL(u, h) {",
                "}", "{", "return ", "'PROXY a:1'", "while (true)", "for (;;)", "f()", "function f() { return f(); }", ";", "(", ")",
                "h", "u", "+", "dnsResolve(h)", "isInNet(h, '10.0.0.0', '255.0.0.0')", "shExpMatch(u, '*a*')", "new Array(1e6)",
                "throw 1", "try {", "} catch (e) {", "java", "Packages", "this", "\u0000", "'", "/*", "x = x + x", "var x = 'ab';"));
        org.quicktheories.QuickTheory.qt().withExamples(300)
                .forAll(org.quicktheories.generators.SourceDSL.lists().of(token).ofSizeBetween(0, 25).map(l -> String.join(" ", l)))
                .checkAssert(source -> {
                    try {
                        List<String> answers = small.evaluate(source, "random.pac", List.of(TARGET));
                        assertThat(answers).hasSize(1);
                        assertThat(answers.get(0).length()).isLessThanOrEqualTo(PacResult.MAX_LENGTH);
                    } catch (PacScript.PacException expected) {
                        assertThat(expected.getMessage()).contains("random.pac");
                    }
                });
    }
}
