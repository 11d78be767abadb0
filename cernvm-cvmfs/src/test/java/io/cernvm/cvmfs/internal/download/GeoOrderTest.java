package io.cernvm.cvmfs.internal.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The Geo API question and upstream's {@code ValidateGeoReply} rules for the answer. */
class GeoOrderTest {

    /** A permutation of 0..n-1 from a list of keys (their stable sort order): shrinks with the list. */
    private static Gen<int[]> permutations(int minSize, int maxSize) {
        return lists().of(integers().between(0, 50)).ofSizeBetween(minSize, maxSize).map(keys -> {
            Integer[] idx = IntStream.range(0, keys.size()).boxed().toArray(Integer[]::new);
            Arrays.sort(idx, Comparator.comparing(keys::get));
            return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
        });
    }

    private static String reply(int[] zeroBased) {
        return Arrays.stream(zeroBased).mapToObj(i -> String.valueOf(i + 1)).collect(Collectors.joining(",")) + "\n";
    }

    private static List<String> entries(int[] zeroBased) {
        return Arrays.stream(zeroBased).mapToObj(i -> String.valueOf(i + 1)).collect(Collectors.toCollection(ArrayList::new));
    }

    @Test
    void everyPermutationIsAcceptedAsItsZeroBasedOrder() {
        qt().withExamples(400).forAll(permutations(1, 40)).checkAssert(p -> {
            GeoOrder.Validation v = GeoOrder.validate(reply(p), p.length);
            assertThat(v.valid()).as(reply(p)).isTrue();
            assertThat(v.order()).containsExactly(p);
        });
    }

    @Test
    void newlinesAnywhereAreDroppedAsUpstreamFiltersThem() {
        qt().withExamples(300).forAll(permutations(1, 20), integers().between(0, 1000)).checkAssert((p, at) -> {
            String plain = reply(p).strip();
            int pos = at % (plain.length() + 1);
            String withNewline = plain.substring(0, pos) + "\n" + plain.substring(pos);
            assertThat(GeoOrder.validate(withNewline, p.length).order()).as(withNewline).containsExactly(p);
            assertThat(GeoOrder.validate(plain, p.length).order()).containsExactly(p); // no trailing newline: fine upstream too
        });
    }

    @Test
    void aDuplicateIsRefused() {
        qt().withExamples(300).forAll(permutations(2, 30), integers().between(0, 1000), integers().between(0, 1000))
                .assuming((p, i, j) -> i % p.length != j % p.length)
                .checkAssert((p, i, j) -> {
                    List<String> e = entries(p);
                    e.set(i % p.length, e.get(j % p.length));
                    assertRefused(String.join(",", e) + "\n", p.length);
                });
    }

    @Test
    void anEntryOutOfRangeIsRefused() {
        qt().withExamples(300).forAll(permutations(1, 30), integers().between(0, 1000), integers().between(-1, 100_000))
                .checkAssert((p, i, over) -> {
                    List<String> e = entries(p);
                    e.set(i % p.length, over < 0 ? "0" : String.valueOf(p.length + 1 + over));
                    assertRefused(String.join(",", e) + "\n", p.length);
                });
    }

    @Test
    void aMissingEntryIsRefused() {
        qt().withExamples(300).forAll(permutations(1, 30), integers().between(0, 1000)).checkAssert((p, i) -> {
            List<String> e = entries(p);
            e.remove(i % p.length);
            assertRefused(String.join(",", e) + "\n", p.length);
        });
    }

    @Test
    void anExtraEntryIsRefused() {
        qt().withExamples(300).forAll(permutations(1, 30), integers().between(0, 1000), integers().between(0, 1000))
                .checkAssert((p, i, value) -> {
                    List<String> e = entries(p);
                    e.add(i % (p.length + 1), String.valueOf(value));
                    assertRefused(String.join(",", e) + "\n", p.length);
                });
    }

    @Test
    void anyCharacterOtherThanDigitCommaOrNewlineIsRefused() {
        // upstream's sanitizer admits 0-9, ',' and '\n' only: spaces, tabs, CR, signs and dots are refused
        String foreign = " \t\r\u000b\f-+.;:xX\u0000\u00a0\u00e9\u2028";
        qt().withExamples(400).forAll(permutations(1, 20), integers().between(0, 1000), integers().between(0, foreign.length() - 1))
                .checkAssert((p, at, c) -> {
                    String r = reply(p);
                    int pos = at % (r.length() + 1);
                    String mutated = r.substring(0, pos) + foreign.charAt(c) + r.substring(pos);
                    assertRefused(mutated, p.length);
                });
    }

    @Test
    void anEmptyEntryIsRefused() {
        qt().withExamples(200).forAll(permutations(1, 20), integers().between(0, 1000)).checkAssert((p, at) -> {
            List<String> e = entries(p);
            e.add(at % (p.length + 1), "");
            assertRefused(String.join(",", e) + "\n", p.length);
            assertRefused(String.join(",", entries(p)) + ",\n", p.length);
        });
    }

    @Test
    void fixedRefusals() {
        assertRefused("", 1);
        assertRefused("\n", 1);
        assertRefused(",", 1);
        assertRefused("1,2\r\n", 2);
        assertRefused(" 1,2\n", 2);
        assertRefused("1, 2\n", 2);
        assertRefused("1,2 \n", 2);
        assertRefused("-1,2\n", 2);
        assertRefused("+1,2\n", 2);
        assertRefused("18446744073709551617,1\n", 2); // above 2^64: still out of range, no overflow
        assertRefused("2,3\n", 2);
        assertRefused("0,1\n", 2);
        assertThat(GeoOrder.validate("01,002\n", 2).order()).containsExactly(0, 1); // leading zeros: as sscanf reads them
        assertThat(GeoOrder.validate("\n\n2,1", 2).order()).containsExactly(1, 0);
    }

    @Test
    void arbitraryTextNeverThrowsAndIsOnlyAcceptedAsAPermutation() {
        qt().withExamples(1000).forAll(strings().allPossible().ofLengthBetween(0, 40), integers().between(0, 12)).checkAssert((text, n) -> {
            GeoOrder.Validation v = GeoOrder.validate(text, n);
            if (v.valid()) {
                assertThat(text).matches("[0-9,\n]+");
                assertThat(Arrays.stream(v.order()).sorted().toArray()).containsExactly(IntStream.range(0, n).toArray());
            } else {
                assertThat(v.problem()).isNotBlank();
            }
        });
    }

    @Test
    void randomBytesAndDigitSoupAreRefusedUnlessAPermutation() {
        qt().withExamples(1000).forAll(lists().of(integers().between(0, 255)).ofSizeBetween(0, 60), integers().between(1, 9))
                .checkAssert((bytes, n) -> {
                    byte[] raw = new byte[bytes.size()];
                    for (int i = 0; i < raw.length; i++) {
                        raw[i] = (byte) (int) bytes.get(i);
                    }
                    String text = new String(raw, StandardCharsets.ISO_8859_1);
                    GeoOrder.Validation v = GeoOrder.validate(text, n);
                    if (v.valid()) {
                        assertThat(Arrays.stream(v.order()).sorted().toArray()).containsExactly(IntStream.range(0, n).toArray());
                    }
                });
        qt().withExamples(1000).forAll(strings().betweenCodePoints(',', '9').ofLengthBetween(0, 30), integers().between(1, 6))
                .checkAssert((text, n) -> {
                    GeoOrder.Validation v = GeoOrder.validate(text, n);
                    boolean permutation = !text.isEmpty() && text.matches("[0-9,]*")
                            && Arrays.stream(text.split(",", -1)).allMatch(s -> !s.isEmpty())
                            && Arrays.stream(text.split(",", -1)).map(s -> s.replaceFirst("^0+(?=.)", "")).sorted().toList()
                                    .equals(IntStream.rangeClosed(1, n).mapToObj(String::valueOf).sorted().toList());
                    assertThat(v.valid()).as("%s for %d", text, n).isEqualTo(permutation);
                });
    }

    private static void assertRefused(String reply, int n) {
        GeoOrder.Validation v = GeoOrder.validate(reply, n);
        assertThat(v.valid()).as("[%s] for %d names", reply.replace("\n", "\\n"), n).isFalse();
        assertThat(v.problem()).isNotBlank();
    }

    // --- the question ---

    private static List<URI> uris(String... urls) {
        return Arrays.stream(urls).map(URI::create).toList();
    }

    @Test
    void namesAreTheSortedBareHostNamesThenTheFallbackProxies() {
        GeoOrder q = GeoOrder.of(uris("http://s1.example.org/cvmfs/r", "http://b.example.org:8000/cvmfs/r", "https://[2001:db8::1]/cvmfs/r"),
                List.of("fb1.example.org", "fb2.example.org"), true);
        assertThat(q.names()).containsExactly("[2001:db8::1]", "b.example.org", "s1.example.org", "fb1.example.org", "fb2.example.org");
        assertThat(q.path("squid.example.org"))
                .isEqualTo("api/v1.0/geo/squid.example.org/[2001:db8::1],b.example.org,s1.example.org,fb1.example.org,fb2.example.org");
        assertThat(q.worthAsking()).isTrue();
    }

    @Test
    void withoutRegularProxiesASeparatorStandsBeforeTheFallbackProxies() {
        GeoOrder q = GeoOrder.of(uris("http://b/x", "http://a/x"), List.of("fb"), false);
        assertThat(q.names()).containsExactly("a", "b", GeoOrder.SEPARATOR, "fb");
        // "fb" first, then the separator (ignored), then b, a
        GeoOrder.Reading r = q.read("4,3,2,1\n");
        assertThat(r.valid()).isTrue();
        assertThat(r.hostOrder()).containsExactly(0, 1); // b (chain index 0), then a (chain index 1)
        assertThat(r.fallbackOrder()).containsExactly(0);
        // one host: no separator, as upstream (it needs more than one host)
        assertThat(GeoOrder.of(uris("http://a/x"), List.of("fb1", "fb2"), false).names()).containsExactly("a", "fb1", "fb2");
    }

    @Test
    void theReplyOrdersTheChainThroughTheSortedNames() {
        // chain c, a, b -> names a, b, c; reply "3,1,2" = c, a, b -> chain indices 0, 1, 2
        GeoOrder q = GeoOrder.of(uris("http://c/x", "http://a/x", "http://b/x"), List.of("p2", "p1"), true);
        GeoOrder.Reading r = q.read("3,1,2,5,4\n");
        assertThat(r.hostOrder()).containsExactly(0, 1, 2);
        assertThat(r.fallbackOrder()).containsExactly(1, 0);
        assertThat(q.read("1,2,3,4\n").valid()).isFalse();
        assertThat(q.read("1,2,3,4\n").problem()).contains("4 entries for 5 names");
    }

    @Test
    void equalNamesKeepTheirChainOrder() {
        GeoOrder q = GeoOrder.of(uris("http://h:1/x", "http://h:2/x", "http://a/x"), List.of(), true);
        assertThat(q.names()).containsExactly("a", "h", "h");
        assertThat(q.read("3,2,1").hostOrder()).containsExactly(1, 0, 2);
    }

    @Test
    void oneHostAndAtMostOneFallbackGroupIsNotWorthAsking() {
        assertThat(GeoOrder.of(uris("http://a/x"), List.of("fb"), true).worthAsking()).isFalse();
        assertThat(GeoOrder.of(uris("http://a/x"), List.of("fb", "fc"), true).worthAsking()).isTrue();
        assertThat(GeoOrder.of(uris("http://a/x", "http://b/x"), List.of(), true).worthAsking()).isTrue();
    }

    @Test
    void readingsOfValidRepliesArePermutationsOfChainAndFallbackGroups() {
        qt().withExamples(300).forAll(integers().between(1, 6), integers().between(0, 4), integers().between(0, 1))
                .checkAssert((hosts, fallback, regular) -> {
                    List<URI> chain = IntStream.range(0, hosts).mapToObj(i -> URI.create("http://h" + (hosts - i) + "/x")).toList();
                    List<String> fb = IntStream.range(0, fallback).mapToObj(i -> "fb" + i).toList();
                    GeoOrder q = GeoOrder.of(chain, fb, regular == 1);
                    int n = q.names().size();
                    int[] reversed = IntStream.range(0, n).map(i -> n - 1 - i).toArray();
                    GeoOrder.Reading r = q.read(reply(reversed));
                    assertThat(r.valid()).isTrue();
                    assertThat(Arrays.stream(r.hostOrder()).sorted().toArray()).containsExactly(IntStream.range(0, hosts).toArray());
                    assertThat(Arrays.stream(r.fallbackOrder()).sorted().toArray()).containsExactly(IntStream.range(0, fallback).toArray());
                });
    }
}
