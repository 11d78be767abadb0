package io.cernvm.context.mime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fixture decodes to exactly the parts Debian 12's cloud-init 22.4.2 produced (tools/record-cloud-init.py). */
class CloudInitExpectationsTest {
    private static final JsonNode EXPECTED = CloudInitFixtures.expectations();

    static Stream<String> fixtures() {
        List<String> names = new ArrayList<>();
        EXPECTED.get("fixtures").fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    @Test
    void recordedWithCloudInit2242AndCoversTheSharedCorpus() {
        assertThat(EXPECTED.get("cloudInitVersion").asText()).isEqualTo("22.4.2");
        List<String> shared;
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(CloudInitFixtures.sharedDir())) {
            shared = files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("SOURCES.md") && !n.equals("include-map.json")).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(shared).isNotEmpty();
        assertThat(fixtures().filter(n -> !n.startsWith("extra/")).sorted().toList()).isEqualTo(shared);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void partsMatchCloudInit(String name) {
        JsonNode expected = EXPECTED.get("fixtures").get(name);
        DecodedUserData decoded = UserDataDecoder.builder().includeFetcher(CloudInitFixtures.includeMap()).build()
                .decode(CloudInitFixtures.input(name));

        assertThat(describe(decoded.parts())).as(name).isEqualTo(describe(expected.get("parts")));
        assertThat(decoded.acceptedByCloudInit()).as("accepted: " + decoded.failure())
                .isEqualTo(expected.get("error").isNull());
        if (!expected.get("error").isNull()) {
            assertThat(decoded.hasErrors()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void cloudConfigSourcesExistExactlyWhenCloudInitMergedSomething(String name) {
        JsonNode expected = EXPECTED.get("fixtures").get(name);
        byte[] raw = CloudInitFixtures.input(name);
        DecodedUserData without = UserDataDecoder.builder().includeFetcher(CloudInitFixtures.includeMap()).build()
                .decode(raw);
        assertThat(without.cloudConfigSources().isEmpty()).isEqualTo(expected.get("cloudConfig").isNull());
        if (expected.has("jinja")) {
            DecodedUserData with = UserDataDecoder.builder().includeFetcher(CloudInitFixtures.includeMap())
                    .instanceData(CloudInitFixtures.instanceData()).build().decode(raw);
            assertThat(with.cloudConfigSources().isEmpty())
                    .isEqualTo(expected.get("jinja").get("cloudConfigWithInstanceData").isNull());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void jinjaRendersLikeCloudInit(String name) {
        JsonNode jinja = EXPECTED.get("fixtures").get(name).get("jinja");
        if (jinja == null) {
            return;
        }
        byte[] raw = CloudInitFixtures.input(name);
        DecodedUserData without = UserDataDecoder.builder().build().decode(raw);
        assertThat(renderings(without)).isEqualTo(describeRenderings(jinja.get("withoutInstanceData")));
        DecodedUserData with = UserDataDecoder.builder().instanceData(CloudInitFixtures.instanceData()).build()
                .decode(raw);
        assertThat(renderings(with)).isEqualTo(describeRenderings(jinja.get("withInstanceData")));
    }

    private static List<String> describe(List<DecodedPart> parts) {
        return parts.stream().map(p -> String.join(" | ", String.valueOf(p.index()), p.contentType(), p.filename(),
                p.sha256(), String.valueOf(p.size()), String.valueOf(p.handlerLabel()),
                String.valueOf(p.origin().mergeType()))).toList();
    }

    private static List<String> describe(JsonNode parts) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : parts) {
            out.add(String.join(" | ", p.get("index").asText(), p.get("contentType").asText(),
                    p.get("filename").asText(), p.get("sha256").asText(), p.get("size").asText(),
                    p.get("handler").isNull() ? "null" : p.get("handler").asText(),
                    p.get("mergeType").isNull() ? "null" : p.get("mergeType").asText()));
        }
        return out;
    }

    private static List<String> renderings(DecodedUserData d) {
        return d.parts().stream().filter(p -> p.jinja() != null).map(p -> {
            JinjaRendering r = p.jinja();
            return r.rendered() ? r.contentType() + " | " + (r.handler() == null ? "null" : r.handler().label())
                    + " | " + DecodedPart.sha256Hex(r.payload()) + " | " + r.payload().length : "error";
        }).toList();
    }

    private static List<String> describeRenderings(JsonNode list) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : list) {
            out.add(r.has("error") ? "error" : r.get("contentType").asText() + " | "
                    + (r.get("handler").isNull() ? "null" : r.get("handler").asText()) + " | "
                    + r.get("sha256").asText() + " | " + r.get("size").asText());
        }
        return out;
    }
}
