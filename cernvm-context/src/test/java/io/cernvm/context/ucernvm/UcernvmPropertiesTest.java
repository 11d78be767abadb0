package io.cernvm.context.ucernvm;

import io.cernvm.api.UserDataException;
import io.cernvm.context.amiconfig.AmiconfigDocument;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/** Properties with shrinking for the compat parser and the tolerant settings. */
class UcernvmPropertiesTest {

    /** Pieces that exercise every rule of the real parser when glued together. */
    private static final List<byte[]> TOKENS = List.of(b("[ucernvm-begin]"), b("[ucernvm-end]"), b("\n"), b("\n"),
            b("\n"), b("\r"), b(" "), b("="), b("key"), b("KeY"), b("cvmfs_tag"), b("yes"), b("No"), b("oFf"), b("TRUE"),
            b("on"), b("\""), b("'"), b("#"), b("ü"), b("$(x)"), new byte[] {(byte) 0xff}, new byte[] {0},
            new byte[] {(byte) 0xc3}, b("a=b"), b("x"), b("[ucernvm-begin]\n"), b("[ucernvm-end]\n"));

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Gen<byte[]> blockShaped() {
        return lists().of(Generate.pick(TOKENS)).ofSizeBetween(0, 60).map(parts -> {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            parts.forEach(o::writeBytes);
            return o.toByteArray();
        }).describedAs(x -> new String(x, StandardCharsets.ISO_8859_1).replace("\n", "\\n").replace("\r", "\\r"));
    }

    /** Random bytes up to 1 MiB: the size shrinks, the seed picks the content. */
    private static Gen<byte[]> arbitraryBytes() {
        return integers().between(0, 1 << 20).zip(longs().all(), (n, seed) -> {
            byte[] r = new byte[n];
            Random random = new Random(seed);
            random.nextBytes(r);
            // sprinkle structure so that markers and lines occur, not only noise
            for (int i = 0; i + 20 < n; i += 1 + random.nextInt(4096)) {
                byte[] t = TOKENS.get(random.nextInt(TOKENS.size()));
                System.arraycopy(t, 0, r, i, t.length);
            }
            return r;
        }).describedAs(x -> x.length + " bytes");
    }

    /**
     * An independent model of {@code parse_user_data.cc}, on ISO-8859-1 strings instead of bytes:
     * the part after the last newline is dropped, then lines are handled one by one.
     */
    static byte[] referenceModel(byte[] input) {
        String s = new String(input, StandardCharsets.ISO_8859_1);
        int last = s.lastIndexOf('\n');
        if (last < 0) {
            return new byte[0];
        }
        StringBuilder out = new StringBuilder();
        boolean in = false;
        for (String line : s.substring(0, last).split("\n", -1)) {
            if (line.equals("[ucernvm-begin]")) {
                in = true;
            } else if (line.equals("[ucernvm-end]")) {
                break;
            } else if (in && line.contains("=")) {
                String key = asciiUpper(line.substring(0, line.indexOf('=')));
                String value = line.substring(line.indexOf('=') + 1);
                String upper = asciiUpper(value);
                if (List.of("YES", "ON", "TRUE").contains(upper)) {
                    value = "1";
                } else if (List.of("NO", "OFF", "FALSE").contains(upper)) {
                    value = "0";
                }
                out.append("_UCONTEXT_").append(cutNul(key)).append('=').append(cutNul(value)).append('\n');
            }
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String asciiUpper(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append((char) (c >= 'a' && c <= 'z' ? c - 32 : c)));
        return b.toString();
    }

    private static String cutNul(String s) {
        int i = s.indexOf('\0');
        return i < 0 ? s : s.substring(0, i);
    }

    private static byte[] gzip(byte[] b) {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
            g.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bo.toByteArray();
    }

    @Test
    void compatAgreesWithTheReferenceModel() {
        qt().withExamples(2000).forAll(blockShaped())
                .check(in -> Arrays.equals(UcernvmBlock.parse(in).output(), referenceModel(in)));
    }

    @Test
    void gzipOfABlockReadsLikeTheBlock() {
        qt().withExamples(300).forAll(blockShaped()).check(in -> Arrays.equals(UcernvmBlock.parse(gzip(in)).output(),
                UcernvmBlock.parse(in).output()));
    }

    @Test
    void everyEntryMatchesItsExactOutputLine() {
        qt().withExamples(500).forAll(blockShaped()).checkAssert(in -> {
            UcernvmBlock block = UcernvmBlock.parse(in);
            for (int i = 0; i < block.entries().size(); i++) {
                assertThat(new String(block.exactKey(i), StandardCharsets.UTF_8)).isEqualTo(block.entries().get(i).key());
                assertThat(new String(block.exactValue(i), StandardCharsets.UTF_8))
                        .isEqualTo(block.entries().get(i).value());
            }
        });
    }

    @Test
    void arbitraryBytesNeverThrowAnythingButUserDataException() {
        qt().withExamples(40).forAll(arbitraryBytes()).checkAssert(in -> {
            try {
                UcernvmBlock.parse(in);
                UcernvmSettings.read(in);
                UcernvmFindings.check(in);
                AmiconfigDocument.parse(in);
            } catch (UserDataException expected) {
                // the one typed failure the api allows
            }
        });
    }

    @Test
    void blockShapedBytesNeverBreakTheTolerantSideEither() {
        qt().withExamples(1000).forAll(blockShaped()).checkAssert(in -> {
            assertThat(UcernvmSettings.read(in).findings()).isNotNull();
            assertThat(UcernvmFindings.check(in)).isNotNull();
            assertThat(AmiconfigDocument.parse(in).findings()).isNotNull();
        });
    }

    private record Rendered(Map<String, String> values, String text) {
    }

    private static final List<String> KEYS = List.of("cvmfs_tag", "cvmfs_branch", "cernvm_path", "my_key", "Other_Key",
            "cvm_cluster_pin", "x");
    private static final String VALUE_CHARS = "abcXYZ019:/.;|,_-";

    private static Gen<Rendered> renderedBlocks() {
        Gen<String> value = lists().of(Generate.pick(VALUE_CHARS.chars().mapToObj(c -> String.valueOf((char) c)).toList()))
                .ofSizeBetween(1, 12).map(l -> String.join("", l));
        Gen<List<String>> keys = lists().of(Generate.pick(KEYS)).ofSizeBetween(0, 10);
        Gen<List<String>> values = lists().of(value).ofSize(10);
        Gen<List<Integer>> styles = lists().of(integers().between(0, 15)).ofSize(10);
        return keys.zip(values, styles, (k, v, st) -> {
            Map<String, String> expected = new LinkedHashMap<>();
            StringBuilder text = new StringBuilder("#!/bin/sh\nexit\n[cernvm]\nshell=/bin/bash\n");
            boolean crlf = !st.isEmpty() && (st.get(0) & 1) == 1;
            String nl = crlf ? "\r\n" : "\n";
            text.append((st.get(1) & 1) == 1 ? "  [UCERNVM-begin] " : "[ucernvm-begin]").append(nl);
            for (int i = 0; i < k.size(); i++) {
                int s = st.get(i);
                String val = v.get(i);
                String written = switch (s % 3) {
                    case 0 -> val;
                    case 1 -> "\"" + val + "\"";
                    default -> "'" + val + "'";
                };
                if ((s & 4) != 0) {
                    text.append("# comment ").append(i).append(nl);
                }
                text.append((s & 8) != 0 ? " " : "").append(k.get(i)).append((s & 8) != 0 ? " = " : "=").append(written)
                        .append(nl);
                expected.put(k.get(i).toLowerCase(Locale.ROOT), val);
            }
            text.append("[ucernvm-end]").append(nl);
            return new Rendered(expected, text.toString());
        }).describedAs(r -> r.text().replace("\n", "\\n").replace("\r", "\\r"));
    }

    @Test
    void settingsOfARenderedBlockRoundTrip() {
        qt().withExamples(500).forAll(renderedBlocks()).checkAssert(r -> {
            UcernvmSettings s = UcernvmSettings.read(r.text());
            Map<String, String> read = new LinkedHashMap<>();
            s.entries().forEach(e -> read.put(e.key().toLowerCase(Locale.ROOT), e.value()));
            assertThat(read).isEqualTo(r.values());
            r.values().forEach((k, v) -> assertThat(s.value(k)).hasValue(v));
            if (r.values().containsKey("cvmfs_tag")) {
                assertThat(s.cvmfsTag()).isEqualTo(r.values().get("cvmfs_tag"));
            }
        });
    }

    @Test
    void typedSwitchesRoundTripInEverySpelling() {
        List<String> trueWords = List.of("yes", "on", "true", "1");
        List<String> falseWords = List.of("no", "off", "false", "0");
        qt().withExamples(300).forAll(Generate.booleans(), integers().between(0, 3), integers().between(0, 255))
                .checkAssert((value, word, caseBits) -> {
                    String w = (value ? trueWords : falseWords).get(word);
                    StringBuilder spelled = new StringBuilder();
                    for (int i = 0; i < w.length(); i++) {
                        char c = w.charAt(i);
                        spelled.append((caseBits >> i & 1) == 1 ? Character.toUpperCase(c) : c);
                    }
                    UcernvmSettings s = UcernvmSettings.read("[ucernvm-begin]\nresize_rootfs=" + spelled
                            + "\nuseglideinWMS=" + spelled + "\n");
                    assertThat(s.resizeRootfs()).isEqualTo(value);
                    assertThat(s.useglideinWMS()).isEqualTo(value);
                    // and the bootloader agrees on the switch
                    String compat = UcernvmBlock.parse(("[ucernvm-begin]\nresize_rootfs=" + spelled + "\n")
                            .getBytes(StandardCharsets.UTF_8)).lastWins().get("RESIZE_ROOTFS");
                    assertThat(compat).isEqualTo(value ? "1" : "0");
                });
    }

    @Test
    void referenceModelIsNotTrivial() {
        // the model must itself tell inputs apart, or agreeing with it proves nothing
        assertThat(referenceModel(b("[ucernvm-begin]\na=yes\n"))).isEqualTo(b("_UCONTEXT_A=1\n"));
        assertThat(referenceModel(b("[ucernvm-begin]\na=yes"))).isEmpty();
        List<byte[]> outputs = new ArrayList<>();
        outputs.add(referenceModel(b("[ucernvm-begin]\nk=v\n")));
        outputs.add(referenceModel(b("[ucernvm-begin]\r\nk=v\n")));
        assertThat(outputs.get(0)).isNotEqualTo(outputs.get(1));
    }
}
