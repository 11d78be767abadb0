package io.cernvm.context.cloudconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON form, with Python's printing checked against Python 3.11 (Debian 12). */
class CloudConfigJsonTest {
    private final CloudConfigYaml yaml = CloudConfigYaml.withDefaults();

    private JsonNode json(String doc) {
        return CloudConfigJson.toJson(yaml.load(doc, null));
    }

    @Test
    void nonStringKeysArePrintedAsCloudInitsJsonOutputDoes() {
        JsonNode n = json("1.5: a\n0.00001: y\n? !!float 1e+16\n: z\ntrue: b\n~: c\n? !!binary aGk=\n: d\n"
                + "2001-12-14: e\n2001-12-14 21:59:43.10 -5: f\n7: g\n");
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("1.5", "1e-05", "1e+16", "true", "null", "b'hi'", "2001-12-14",
                "2001-12-14T21:59:43.100000-05:00", "7");
    }

    @Test
    void timestampsAreIsoformat() {
        JsonNode n = json("t1: 2001-12-14t21:59:43.10-05:00\nt2: 2001-12-14 21:59:43\nt3: 2001-12-14T21:59:43Z\n"
                + "t4: 2001-12-14 21:59:43.1234567\nd: 2002-12-14\n");
        assertThat(n.get("t1").asText()).isEqualTo("2001-12-14T21:59:43.100000-05:00");
        assertThat(n.get("t2").asText()).isEqualTo("2001-12-14T21:59:43");
        assertThat(n.get("t3").asText()).isEqualTo("2001-12-14T21:59:43+00:00");
        assertThat(n.get("t4").asText()).isEqualTo("2001-12-14T21:59:43.123456");
        assertThat(n.get("d").asText()).isEqualTo("2002-12-14");
    }

    @Test
    void binaryFloatsAndSets() {
        JsonNode n = json("b: !!binary aGVsbG8=\nf: [1.0e+16, 0.0001, -0.0, .nan, -.inf, 2]\n"
                + "s: !!set {b, a, \"it's\", '1'}\n");
        assertThat(n.get("b").toString()).isEqualTo("{\"__bytes_base64__\":\"aGVsbG8=\"}");
        assertThat(n.get("f").toString()).isEqualTo("[1.0E16,1.0E-4,-0.0,\".nan\",\"-.inf\",2]");
        // sorted by Python repr: "it's" is printed in double quotes, which sort first
        assertThat(n.get("s").toString()).isEqualTo("[\"it's\",\"1\",\"a\",\"b\"]");
    }

    @Test
    void orderIsKept() {
        assertThat(json("z: 1\na: 2\nm: {y: 1, b: 2}\n").toString()).isEqualTo("{\"z\":1,\"a\":2,\"m\":{\"y\":1,\"b\":2}}");
    }

    @Test
    void otherJavaTypesAreRefused() {
        assertThatThrownBy(() -> CloudConfigJson.toJson(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void floatReprMatchesPython() {
        assertThat(List.of(1e16, 1e15, 0.0001, 0.00001, -0.0, 1.5e-7, 123456789.123, 0.1, 1e22, 5e-324)
                .stream().map(CloudConfigJson::keyString).toList())
                .containsExactly("1e+16", "1000000000000000.0", "0.0001", "1e-05", "-0.0", "1.5e-07",
                        "123456789.123", "0.1", "1e+22", "5e-324");
    }
}
