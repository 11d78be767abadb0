package io.cernvm.context.ucernvm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The 400 recorded runs of the real {@code parse_user_data}: compat must print the same bytes. */
class BootloaderParserFixtureTest {

    private record Case(int number, byte[] input, byte[] output) {
    }

    private static List<Case> cases() throws IOException {
        String shared = System.getProperty("cernvm.shared");
        assertThat(shared).as("system property cernvm.shared").isNotNull();
        Path file = Path.of(shared, "fixtures", "userdata", "ucernvm-parser", "cases.jsonl");
        ObjectMapper json = new ObjectMapper();
        List<Case> cases = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = json.readTree(line);
            n++;
            cases.add(new Case(n, Base64.getDecoder().decode(node.get("input_base64").asText()),
                    Base64.getDecoder().decode(node.get("output_base64").asText())));
        }
        return cases;
    }

    @Test
    void reproducesEveryRecordedOutputByteForByte() throws IOException {
        List<Case> cases = cases();
        assertThat(cases).hasSize(400);
        List<Integer> wrong = new ArrayList<>();
        for (Case c : cases) {
            if (!java.util.Arrays.equals(UcernvmBlock.parse(c.input()).output(), c.output())) {
                wrong.add(c.number());
            }
        }
        assertThat(wrong).as("cases whose output differs").isEmpty();
    }

    @Test
    void entriesAgreeWithTheOutputLines() throws IOException {
        for (Case c : cases()) {
            UcernvmBlock block = UcernvmBlock.parse(c.input());
            assertThat(block.outputLines()).hasSize(block.entries().size());
            for (int i = 0; i < block.entries().size(); i++) {
                UcernvmEntry e = block.entries().get(i);
                assertThat(block.outputLines().get(i)).isEqualTo("_UCONTEXT_" + e.key() + "=" + e.value());
            }
        }
    }

    @Test
    void fixtureCoversTheHardRules() throws IOException {
        // guards against a fixture that no longer stresses what the test claims to prove
        List<Case> cases = cases();
        assertThat(cases).anyMatch(c -> new String(c.input(), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("[ucernvm-begin]\r\n"));
        assertThat(cases).anyMatch(c -> c.input().length > 0 && c.input()[c.input().length - 1] != '\n');
        assertThat(cases).anyMatch(c -> c.output().length > 0);
    }
}
