package io.cernvm.context.cloudconfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cernvm.context.Finding;
import io.cernvm.context.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Merges checked against cloud-init 22.4.2's own {@code CloudConfigPartHandler}: each
 * expected dict below is what the handler built from the same parts and headers (run once
 * with Debian 12's cloud-init; the tests never call Python).
 */
class CloudConfigMergerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CloudConfigMerger merger = new CloudConfigMerger();

    private record Raw(String payload, String header, String value) {
    }

    private static Raw part(String payload) {
        return new Raw(payload, null, null);
    }

    private static Raw part(String payload, String header, String value) {
        return new Raw(payload, header, value);
    }

    private static List<CloudConfigPart> parts(List<Raw> raws) {
        List<CloudConfigPart> parts = new ArrayList<>();
        for (int i = 0; i < raws.size(); i++) {
            Raw r = raws.get(i);
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            headers.add(Map.entry("Content-Type", CloudConfigPart.CLOUD_CONFIG));
            if (r.header() != null) {
                headers.add(Map.entry(r.header(), r.value()));
            }
            parts.add(new CloudConfigPart(i, CloudConfigPart.CLOUD_CONFIG, r.payload(), headers));
        }
        return parts;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("default_replace", "{\"a\":2,\"l\":[3],\"d\":{\"y\":2}}",
                        List.of(part("#cloud-config\na: 1\nl: [1, 2]\nd: {x: 1}\n"),
                                part("#cloud-config\na: 2\nl: [3]\nd: {y: 2}\n"))),
                Arguments.of("string_form", "{\"l\":[1,2,3],\"d\":{\"x\":1,\"l\":[1,2],\"y\":2}}",
                        List.of(part("#cloud-config\nl: [1, 2]\nd: {x: 1, l: [1]}\n"),
                                part("#cloud-config\nmerge_how: 'list(append)+dict(no_replace,recurse_list)+str()'\nl: [3]\nd: {x: 9, y: 2, l: [2]}\n"))),
                Arguments.of("dict_list_form", "{\"l\":[1,2,3],\"d\":{\"x\":1,\"l\":[1,2],\"y\":2}}",
                        List.of(part("#cloud-config\nl: [1, 2]\nd: {x: 1, l: [1]}\n"),
                                part("#cloud-config\nmerge_how:\n - name: list\n   settings: [append]\n - name: dict\n   settings: [no_replace, recurse_list]\nl: [3]\nd: {x: 9, y: 2, l: [2]}\n"))),
                Arguments.of("list_list_form", "{\"l\":[3,1,2],\"d\":{\"x\":1,\"l\":[2,1],\"y\":2}}",
                        List.of(part("#cloud-config\nl: [1, 2]\nd: {x: 1, l: [1]}\n"),
                                part("#cloud-config\nmerge_how: [[list, prepend], [dict, no_replace, recurse_list]]\nl: [3]\nd: {x: 9, y: 2, l: [2]}\n"))),
                Arguments.of("settings_string_substring", "{\"a\":2,\"d\":{\"x\":2}}",
                        List.of(part("#cloud-config\na: 1\nd: {x: 1}\n"),
                                part("#cloud-config\nmerge_how: [{name: dict, settings: no_replace}]\na: 2\nd: {x: 2}\n"))),
                Arguments.of("merge_how_null_uses_merge_type", "{\"a\":1,\"b\":3}",
                        List.of(part("#cloud-config\na: 1\n"),
                                part("#cloud-config\nmerge_how: ~\nmerge_type: 'dict(no_replace)'\na: 2\nb: 3\n"))),
                Arguments.of("merge_type_kept_when_merge_how", "{\"a\":2,\"merge_type\":\"dict(no_replace)\"}",
                        List.of(part("#cloud-config\na: 1\n"),
                                part("#cloud-config\nmerge_how: 'dict(replace)'\nmerge_type: 'dict(no_replace)'\na: 2\n"))),
                Arguments.of("header_exact_case", "{\"l\":[3]}",
                        List.of(part("#cloud-config\nl: [1]\n"),
                                part("#cloud-config\nl: [2]\n", "Merge-Type", "list(append)+dict(no_replace)"),
                                part("#cloud-config\nl: [3]\n", "merge-type", "list(append)+dict(no_replace)"))),
                Arguments.of("x_header", "{\"l\":[1]}",
                        List.of(part("#cloud-config\nl: [1]\n"),
                                part("#cloud-config\nl: [2]\n", "X-Merge-Type", "list(append)+dict(no_replace)"))),
                Arguments.of("payload_before_header", "{\"a\":1}",
                        List.of(part("#cloud-config\na: 1\n"),
                                part("#cloud-config\nmerge_how: 'dict(no_replace)'\na: 2\n", "Merge-Type", "dict(replace)"))),
                Arguments.of("no_dict_merger", "{\"a\":1}",
                        List.of(part("#cloud-config\na: 1\n"),
                                part("#cloud-config\nmerge_how: 'list(append)'\na: 2\nb: 3\n"))),
                Arguments.of("unknown_merger", "{\"a\":1,\"c\":3}",
                        List.of(part("#cloud-config\na: 1\n"),
                                part("#cloud-config\nmerge_how: 'dict(replace)+tuple()'\na: 2\n"),
                                part("#cloud-config\nc: 3\n"))),
                Arguments.of("bad_format", "{\"a\":1}",
                        List.of(part("#cloud-config\na: 1\n"),
                                part("#cloud-config\nmerge_how: 'dict[replace]'\na: 2\n"))),
                Arguments.of("str_append", "{\"a\":\"xy\"}",
                        List.of(part("#cloud-config\na: x\n"),
                                part("#cloud-config\nmerge_how: 'dict(no_replace,recurse_str)+str(append)'\na: y\n"))),
                Arguments.of("str_append_type_error", "{\"a\":\"x\",\"b\":1}",
                        List.of(part("#cloud-config\na: x\nb: 1\n"),
                                part("#cloud-config\nmerge_how: 'dict(no_replace,recurse_list)+str(append)+list()'\nb: 2\na: [y]\n"))),
                Arguments.of("allow_delete", "{\"b\":2,\"c\":null}",
                        List.of(part("#cloud-config\na: 1\nb: 2\n"),
                                part("#cloud-config\nmerge_how: 'dict(replace,allow_delete)'\na: ~\nc: ~\n"))),
                Arguments.of("list_no_replace", "{\"l\":[1,2]}",
                        List.of(part("#cloud-config\nl: [1, 2]\n"),
                                part("#cloud-config\nmerge_how: 'dict(no_replace,recurse_list)+list(no_replace)'\nl: [3, 4, 5]\n"))),
                Arguments.of("list_replace_recurse_dict", "{\"l\":[{\"a\":1,\"c\":3},\"x\"]}",
                        List.of(part("#cloud-config\nl: [{a: 1}, {b: 1}]\n"),
                                part("#cloud-config\nmerge_how: 'dict(no_replace,recurse_list)+list(recurse_dict)'\nl: [{a: 2, c: 3}, x, y]\n"))),
                Arguments.of("list_append_string", "{\"l\":[1,\"a\",\"b\"]}",
                        List.of(part("#cloud-config\nl: [1]\n"),
                                part("#cloud-config\nmerge_how: 'dict(no_replace,recurse_str)+list(append)'\nl: ab\n"))),
                Arguments.of("nested_merge_how_kept", "{\"a\":{\"merge_how\":\"x\"},\"b\":{\"merge_how\":\"dict(replace)\"}}",
                        List.of(part("#cloud-config\na: {merge_how: x}\n"),
                                part("#cloud-config\nb: {merge_how: 'dict(replace)'}\n"))),
                Arguments.of("skipped_parts", "{\"a\":1,\"b\":2}",
                        List.of(part("#cloud-config\na: 1\n"),
                                part("#cloud-config\n"),
                                part("#cloud-config\n- 1\n"),
                                part("#cloud-config\na: [\n"),
                                part("#cloud-config\nb: 2\n"))),
                Arguments.of("python_keys", "{\"1\":\"b\",\"1.5\":\"c\",\"null\":\"d\"}",
                        List.of(part("#cloud-config\n1: a\n"),
                                part("#cloud-config\ntrue: b\n1.5: c\n~: d\n"))),
                Arguments.of("dict_default_no_replace", "{\"a\":1,\"d\":{\"x\":1,\"y\":3},\"s\":\"one\"}",
                        List.of(part("#cloud-config\na: 1\nd: {x: 1}\ns: one\n"),
                                part("#cloud-config\nmerge_how: 'list(append)+dict()+str()'\na: 2\nd: {x: 2, y: 3}\ns: two\n"))),
                Arguments.of("dict_vs_list_old", "{\"l\":{\"a\":1},\"s\":{\"b\":2},\"n\":5}",
                        List.of(part("#cloud-config\nl: [1]\ns: x\nn: 5\n"),
                                part("#cloud-config\nmerge_how: 'dict()+list()+str()'\nl: {a: 1}\ns: {b: 2}\nn: {c: 3}\n"))),
                Arguments.of("list_no_replace_dict_keyerror", "{\"l\":[1]}",
                        List.of(part("#cloud-config\nl: [1]\n"),
                                part("#cloud-config\nmerge_how: 'dict()+list(no_replace)'\nl: {a: 1}\n"))),
                Arguments.of("mixed_case_names", "{\"a\":1}",
                        List.of(part("#cloud-config\na: 1\n"),
                                part("#cloud-config\nmerge_how: ' DICT(No-Replace) + List( Append ) '\na: 2\n"))),
                Arguments.of("list_form_string_item", "{\"a\":1}",
                        List.of(part("#cloud-config\na: 1\n"),
                                part("#cloud-config\nmerge_how: [dict]\na: 2\n"))),
                Arguments.of("list_form_m_prefix", "{\"a\":1,\"b\":1}",
                        List.of(part("#cloud-config\na: 1\n"),
                                part("#cloud-config\nmerge_how: [[m_dict, no_replace]]\na: 2\nb: 1\n"))),
                Arguments.of("merge_how_false", "{\"a\":1}",
                        List.of(part("#cloud-config\na: 1\n"),
                                part("#cloud-config\nmerge_how: false\na: 2\n"))),
                Arguments.of("empty_merge_how", "{\"a\":2}",
                        List.of(part("#cloud-config\na: 1\n"),
                                part("#cloud-config\nmerge_how: ''\na: 2\n"))),
                Arguments.of("tuple_pairs", "{\"p\":[[\"x\"]]}",
                        List.of(part("#cloud-config\np: !!pairs [a: 1]\n"),
                                part("#cloud-config\nmerge_how: 'dict(no_replace,recurse_list)+list(recurse_dict)'\np: [{x: 1}]\n"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mergesAsCloudInitsHandler(String name, String expectedJson, List<Raw> raws) throws IOException {
        CloudConfig merged = merger.merge(parts(raws));
        assertThat(JSON.writeValueAsString(merged.toJson()))
                .isEqualTo(JSON.writeValueAsString(JSON.readTree(expectedJson)));
    }

    @Test
    void skippedPartsAreNamedInFindings() {
        CloudConfig c = merger.merge(parts(List.of(part("#cloud-config\na: 1\n"), part("#cloud-config\n"),
                part("#cloud-config\n- 1\n"), part("#cloud-config\na: [\n"),
                part("#cloud-config\nmerge_how: 'dict(replace)+tuple()'\nb: 2\n"),
                part("#cloud-config\nmerge_how: 'list(append)'\nc: 3\n"))));
        assertThat(c.parts()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(c.mergedParts()).containsExactly(0, 5);
        assertThat(c.findings()).extracting(Finding::code).containsExactly(CloudConfigMerger.EMPTY,
                CloudConfigMerger.NOT_A_MAPPING, CloudConfigMerger.YAML_ERROR, CloudConfigMerger.MERGE_FAILED,
                CloudConfigMerger.NO_DICT_MERGER);
        Finding yaml = c.findings().get(2);
        assertThat(yaml.part()).isEqualTo(3);
        assertThat(yaml.severity()).isEqualTo(Severity.ERROR);
        assertThat(yaml.line()).isEqualTo(3);
        assertThat(yaml.column()).isEqualTo(1);
        assertThat(c.findings().get(3).message()).contains("ImportError").contains("m_tuple");
    }

    @Test
    void noPartsGiveNoConfig() {
        CloudConfig c = merger.merge(List.of());
        assertThat(c.present()).isFalse();
        assertThat(c.toJson().isNull()).isTrue();
    }

    @Test
    void allPartsSkippedGiveAnEmptyDict() {
        CloudConfig c = merger.merge(parts(List.of(part("#cloud-config\n"))));
        assertThat(c.present()).isTrue();
        assertThat(c.toJson().toString()).isEqualTo("{}");
    }

    @Test
    void mergeKeyIsRemovedFromTheResult() {
        CloudConfig c = merger.merge(parts(List.of(part("#cloud-config\nmerge_how: 'dict(replace)'\na: 1\n"))));
        assertThat(c.values()).containsOnlyKeys("a");
    }

    @Test
    void headerLookupIsCaseSensitiveForTheNameButNotForTheValueItTakes() {
        CloudConfigPart p = new CloudConfigPart(0, CloudConfigPart.CLOUD_CONFIG, "a: 1\n",
                List.of(Map.entry("merge-type", "first"), Map.entry("Merge-Type", "second")));
        assertThat(p.header("Merge-Type")).isEqualTo("first");
        assertThat(p.header("MERGE-TYPE")).isNull();
    }

    @Test
    void jsonPatchPartsArePreservedOnFailure() {
        CloudConfig c = merger.merge(List.of(CloudConfigPart.of(0, "a: 1\n"),
                new CloudConfigPart(1, CloudConfigPart.CLOUD_CONFIG_JSONP,
                        "#cloud-config-jsonp\n[{\"op\": \"add\", \"path\": \"/b\", \"value\": 2},"
                                + " {\"op\": \"remove\", \"path\": \"/nope\"}]", List.of())));
        assertThat(c.values()).containsOnlyKeys("a");
        assertThat(c.findings()).extracting(Finding::code).containsExactly(CloudConfigMerger.MERGE_FAILED);
    }
}
