package io.cernvm.context.cloudconfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code #cloud-config-jsonp} parts, each expected dict recorded from cloud-init 22.4.2's
 * handler with python-jsonpatch 1.32 (Debian 12) on the same parts.
 */
class JsonPatchMergeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("add", "{\"a\":1,\"l\":[0,1,2,3],\"b\":{\"x\":[1]}}",
                        List.of("#cloud-config\na: 1\nl: [1, 2]\n",
                                "#cloud-config-jsonp\n[{\"op\": \"add\", \"path\": \"/b\", \"value\": {\"x\": [1]}}, {\"op\": \"add\", \"path\": \"/l/-\", \"value\": 3}, {\"op\": \"add\", \"path\": \"/l/0\", \"value\": 0}]")),
                Arguments.of("add_outside", "{\"l\":[1]}",
                        List.of("#cloud-config\nl: [1]\n",
                                "#cloud-config-jsonp\n[{\"op\": \"add\", \"path\": \"/l/5\", \"value\": 3}]")),
                Arguments.of("index_01", "{\"l\":[1,9,3]}",
                        List.of("#cloud-config\nl: [1, 2, 3]\n",
                                "#cloud-config-jsonp\n[{\"op\": \"replace\", \"path\": \"/l/01\", \"value\": 9}]")),
                Arguments.of("remove_replace", "{\"b\":null,\"l\":[2]}",
                        List.of("#cloud-config\na: 1\nb: 2\nl: [1, 2]\n",
                                "#cloud-config-jsonp\n[{\"op\": \"remove\", \"path\": \"/a\"}, {\"op\": \"replace\", \"path\": \"/b\", \"value\": null}, {\"op\": \"remove\", \"path\": \"/l/0\"}]")),
                Arguments.of("replace_missing", "{\"a\":1}",
                        List.of("#cloud-config\na: 1\n",
                                "#cloud-config-jsonp\n[{\"op\": \"replace\", \"path\": \"/zz\", \"value\": 1}]")),
                Arguments.of("move_copy", "{\"a\":{},\"b\":[1],\"c\":1,\"d\":[1,2]}",
                        List.of("#cloud-config\na: {x: 1}\nb: [1]\n",
                                "#cloud-config-jsonp\n[{\"op\": \"move\", \"from\": \"/a/x\", \"path\": \"/c\"}, {\"op\": \"copy\", \"from\": \"/b\", \"path\": \"/d\"}, {\"op\": \"add\", \"path\": \"/d/-\", \"value\": 2}]")),
                Arguments.of("move_into_child", "{\"a\":{\"x\":1}}",
                        List.of("#cloud-config\na: {x: 1}\n",
                                "#cloud-config-jsonp\n[{\"op\": \"move\", \"from\": \"/a\", \"path\": \"/a/y\"}]")),
                Arguments.of("test_ok", "{\"a\":{\"x\":[1,2.0]},\"t\":true}",
                        List.of("#cloud-config\na: {x: [1, 2.0]}\n",
                                "#cloud-config-jsonp\n[{\"op\": \"test\", \"path\": \"/a\", \"value\": {\"x\": [1.0, 2]}}, {\"op\": \"add\", \"path\": \"/t\", \"value\": true}]")),
                Arguments.of("test_fail", "{\"a\":1}",
                        List.of("#cloud-config\na: 1\n",
                                "#cloud-config-jsonp\n[{\"op\": \"add\", \"path\": \"/t\", \"value\": true}, {\"op\": \"test\", \"path\": \"/a\", \"value\": 2}]")),
                Arguments.of("aliases_shared", "{\"a\":[1,2],\"b\":[1,2]}",
                        List.of("#cloud-config\na: &x [1]\nb: *x\n",
                                "#cloud-config-jsonp\n[{\"op\": \"add\", \"path\": \"/a/-\", \"value\": 2}]")),
                Arguments.of("root_replace", "{\"z\":1}",
                        List.of("#cloud-config\na: 1\n",
                                "#cloud-config-jsonp\n[{\"op\": \"replace\", \"path\": \"\", \"value\": {\"z\": 1}}]")),
                Arguments.of("escapes", "{\"a/b\":{\"c~d\":2}}",
                        List.of("#cloud-config\n'a/b': {'c~d': 1}\n",
                                "#cloud-config-jsonp\n[{\"op\": \"replace\", \"path\": \"/a~1b/c~0d\", \"value\": 2}]")),
                Arguments.of("duplicate_keys", "{\"m\":{\"k\":[1,2],\"j\":3}}",
                        List.of("#cloud-config-jsonp\n[{\"op\": \"add\", \"path\": \"/m\", \"value\": {\"k\": 1, \"k\": 2, \"j\": 3}}]")),
                Arguments.of("nan", "{\"n\":1.5}",
                        List.of("#cloud-config-jsonp\n[{\"op\": \"add\", \"path\": \"/n\", \"value\": 1.5}]")),
                Arguments.of("empty_dict_patch", "{\"a\":1}",
                        List.of("#cloud-config\na: 1\n",
                                "#cloud-config-jsonp\n{}")),
                Arguments.of("invalid_json", "{\"a\":1}",
                        List.of("#cloud-config\na: 1\n",
                                "#cloud-config-jsonp\n[{\"op\": \"add\", \"path\": \"/b\", \"value\": 1},]")),
                Arguments.of("not_list", "{\"a\":1}",
                        List.of("#cloud-config\na: 1\n",
                                "#cloud-config-jsonp\n{\"op\": \"add\", \"path\": \"/b\", \"value\": 1}")),
                Arguments.of("first_then_yaml", "{\"p\":[1,2]}",
                        List.of("#cloud-config-jsonp\n[{\"op\": \"add\", \"path\": \"/p\", \"value\": [1]}]",
                                "#cloud-config\nmerge_how: 'dict(no_replace,recurse_list)+list(append)'\np: [2]\n")),
                Arguments.of("leading_space_prefix", "{}",
                        List.of("   #cloud-config-jsonp\n[{\"op\": \"add\", \"path\": \"/q\", \"value\": \"x\"}]")),
                Arguments.of("unknown_op", "{\"a\":1}",
                        List.of("#cloud-config\na: 1\n",
                                "#cloud-config-jsonp\n[{\"op\": \"frob\", \"path\": \"/a\"}]")),
                Arguments.of("bad_pointer", "{\"a\":1}",
                        List.of("#cloud-config\na: 1\n",
                                "#cloud-config-jsonp\n[{\"op\": \"add\", \"path\": \"a\", \"value\": 1}]")),
                Arguments.of("string_walk", "{\"s\":\"abc\",\"ok\":1}",
                        List.of("#cloud-config\ns: abc\n",
                                "#cloud-config-jsonp\n[{\"op\": \"test\", \"path\": \"/s/1\", \"value\": \"b\"}, {\"op\": \"add\", \"path\": \"/ok\", \"value\": 1}]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void patchesAsCloudInitDoes(String name, String expectedJson, List<String> payloads) throws IOException {
        List<CloudConfigPart> parts = new ArrayList<>();
        for (String p : payloads) {
            String type = p.startsWith("#cloud-config-jsonp") ? CloudConfigPart.CLOUD_CONFIG_JSONP
                    : CloudConfigPart.CLOUD_CONFIG;
            parts.add(new CloudConfigPart(parts.size(), type, p, List.of()));
        }
        CloudConfig merged = new CloudConfigMerger().merge(parts);
        assertThat(JSON.writeValueAsString(merged.toJson()))
                .isEqualTo(JSON.writeValueAsString(JSON.readTree(expectedJson)));
    }
}
