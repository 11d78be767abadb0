package io.cernvm.context.cloudconfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every recorded cloud-init fixture whose cloud-config parts the test reader can extract,
 * the merged dict equals what cloud-init 22.4.2 itself merged ({@code expectations.json},
 * recorded by {@code tools/record-cloud-init.py}).
 */
class CloudInitGroundTruthTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode fixtures;

    /**
     * Fixtures whose parts come from decoding steps the test reader does not do (archives,
     * includes, an embedded part whose payload differs): the decoder's tests cover them.
     */
    private static final Set<String> NOT_READ_HERE = Set.of(
            "doc__examples__cloud-config-archive-launch-index.txt", "doc__examples__cloud-config-archive.txt",
            "doc__examples__include.txt", "tests__data__filter_cloud_multipart_2.email");

    /**
     * The recorder's own edge-case inputs live beside expectations.json in the decoder's test
     * resources ({@code cloudinit/extra/}), not in this module's; they are checked by the
     * decoder's tests once both are merged.
     */
    private static final String EXTRA = "extra/";

    @BeforeAll
    static void readExpectations() throws IOException {
        try (InputStream in = CloudInitGroundTruthTest.class.getResourceAsStream(
                "/io/cernvm/context/cloudinit/expectations.json")) {
            assertThat(in).as("expectations.json on the test class path").isNotNull();
            JsonNode doc = JSON.readTree(in);
            assertThat(doc.get("cloudInitVersion").asText()).isEqualTo("22.4.2");
            fixtures = doc.get("fixtures");
        }
    }

    static Stream<String> fixtureNames() throws IOException {
        readExpectations();
        List<String> names = new ArrayList<>();
        fixtures.fieldNames().forEachRemaining(names::add);
        return names.stream().filter(n -> !NOT_READ_HERE.contains(n) && !n.startsWith(EXTRA))
                .filter(n -> fixtures.get(n).get("parts").findValuesAsText("contentType").stream()
                        .anyMatch(t -> t.startsWith("text/cloud-config")));
    }

    private static Path fixtureFile(String name) {
        Path shared = Path.of(System.getProperty("cernvm.shared", "../../shared"));
        return shared.resolve("fixtures/userdata/cloud-init").resolve(name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureNames")
    void mergedCloudConfigEqualsCloudInits(String name) throws Exception {
        JsonNode expected = fixtures.get(name);
        Path file = fixtureFile(name);
        assertThat(file).as("fixture file").exists();
        List<FixtureParts.Leaf> leaves = FixtureParts.read(Files.readAllBytes(file));
        JsonNode recordedParts = expected.get("parts");
        assertThat(leaves).as("parts the test reader found").hasSize(recordedParts.size());

        List<CloudConfigPart> parts = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            JsonNode rec = recordedParts.get(i);
            FixtureParts.Leaf leaf = leaves.get(i);
            assertThat(sha256(leaf.payload())).as("payload of part %d", i).isEqualTo(rec.get("sha256").asText());
            String type = rec.get("contentType").asText();
            if (type.startsWith("text/cloud-config")) {
                parts.add(new CloudConfigPart(i, type, FixtureParts.surrogateEscape(leaf.payload()), leaf.headers()));
            }
        }
        CloudConfig merged = new CloudConfigMerger().merge(parts);
        assertThat(canonical(merged.toJson())).isEqualTo(canonical(expected.get("cloudConfig")));
    }

    @Test
    void allTwelveMergeSourceSetsAreChecked() throws IOException {
        assertThat(fixtureNames().filter(n -> n.startsWith("merge_sources__set"))).hasSize(12);
    }

    @Test
    void everyExcludedFixtureStillExists() {
        Set<String> recorded = new TreeSet<>();
        fixtures.fieldNames().forEachRemaining(recorded::add);
        assertThat(recorded).containsAll(NOT_READ_HERE);
    }

    /** JSON text with numbers normalised and key order kept (JsonNode equality ignores order). */
    static String canonical(JsonNode node) throws IOException {
        return JSON.writeValueAsString(JSON.readTree(JSON.writeValueAsString(node)));
    }

    private static String sha256(byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

}
