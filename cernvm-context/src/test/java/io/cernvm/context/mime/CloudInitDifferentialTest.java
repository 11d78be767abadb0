package io.cernvm.context.mime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * A thousand generated inputs (broken MIME trees, odd transfer encodings and parameters,
 * mutated fixtures, gzip) decode to exactly the parts cloud-init 22.4.2 produced for them
 * ({@code tools/record-cloud-init.py --differential}).
 */
class CloudInitDifferentialTest {

    @Test
    void everyGeneratedInputMatchesCloudInit() throws IOException {
        ObjectMapper json = new ObjectMapper();
        UserDataDecoder decoder = UserDataDecoder.builder().includeFetcher(CloudInitFixtures.includeMap()).build();
        List<String> mismatches = new ArrayList<>();
        int cases = 0;
        try (InputStream in = getClass().getResourceAsStream(CloudInitFixtures.RESOURCES + "differential.jsonl.gz")) {
            assertThat(in).as("differential.jsonl.gz").isNotNull();
            BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
            assertThat(json.readTree(lines.readLine()).get("cloudInitVersion").asText()).isEqualTo("22.4.2");
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode row = json.readTree(line);
                byte[] input = Base64.getDecoder().decode(row.get("input").asText());
                DecodedUserData d = decoder.decode(input);
                List<String> want = new ArrayList<>();
                row.get("parts").forEach(p -> want.add(p.asText()));
                List<String> got = d.parts().stream().map(p -> String.join("|", p.contentType(), p.filename(),
                        p.sha256(), String.valueOf(p.size()), p.handlerLabel() == null ? "None" : p.handlerLabel(),
                        p.origin().mergeType() == null ? "None" : p.origin().mergeType())).toList();
                if (!got.equals(want) || d.acceptedByCloudInit() == row.get("rejected").asBoolean()) {
                    mismatches.add(row.get("input").asText() + "\n  want " + want + "\n  got  " + got);
                }
                cases++;
            }
        }
        assertThat(cases).isEqualTo(1000);
        assertThat(mismatches).isEmpty();
    }
}
