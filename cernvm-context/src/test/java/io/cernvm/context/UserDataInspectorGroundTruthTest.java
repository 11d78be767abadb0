package io.cernvm.context;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cernvm.context.mime.CloudInitFixtures;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole inspection — decoding, the handler walk and the cloud-config merge wired together —
 * against what cloud-init 22.4.2 made of every recorded fixture.
 */
class UserDataInspectorGroundTruthTest {

    static List<String> fixtures() {
        List<String> names = new ArrayList<>();
        Iterator<String> it = CloudInitFixtures.expectations().get("fixtures").fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    /** Equal trees, numbers compared by value (an int and a long of the same value are equal). */
    static boolean sameJson(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> x.isNumber() && y.isNumber()
                ? x.decimalValue().compareTo(y.decimalValue()) : x.equals(y) ? 0 : 1, b)
                && a.toString().equals(b.toString());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void partsAndMergedCloudConfigMatchCloudInit(String name) {
        JsonNode expected = CloudInitFixtures.expectations().get("fixtures").get(name);
        Inspection inspection = UserDataInspector.builder().includeFetcher(CloudInitFixtures.includeMap()).build()
                .inspect(CloudInitFixtures.input(name));
        if (expected.get("error").isNull()) {
            List<String> actual = inspection.parts().stream()
                    .map(p -> p.contentType() + " " + p.filename() + " " + p.sha256() + " " + p.handler()).toList();
            List<String> wanted = new ArrayList<>();
            expected.get("parts").forEach(p -> wanted.add(p.get("contentType").asText() + " "
                    + p.get("filename").asText() + " " + p.get("sha256").asText() + " "
                    + (p.get("handler").isNull() ? "null" : p.get("handler").asText())));
            assertThat(actual).as(name).isEqualTo(wanted);
        }
        JsonNode cloudConfig = expected.get("cloudConfig");
        if (cloudConfig != null && !cloudConfig.isNull()) {
            assertThat(sameJson(inspection.cloudConfig().toJson(), cloudConfig)).as(name + ": " + inspection.cloudConfig().toJson()).isTrue();
        } else if (cloudConfig != null) {
            assertThat(inspection.cloudConfig().present()).as(name).isFalse();
        }
        JsonNode jinja = expected.get("jinja");
        if (jinja != null && jinja.has("cloudConfigWithInstanceData")
                && !jinja.get("cloudConfigWithInstanceData").isNull()) {
            Map<String, Object> data = CloudInitFixtures.instanceData();
            Inspection rendered = UserDataInspector.builder().includeFetcher(CloudInitFixtures.includeMap())
                    .instanceData(data).build().inspect(CloudInitFixtures.input(name));
            assertThat(sameJson(rendered.cloudConfig().toJson(), jinja.get("cloudConfigWithInstanceData")))
                    .as(name + " rendered: " + rendered.cloudConfig().toJson()).isTrue();
        }
    }
}
