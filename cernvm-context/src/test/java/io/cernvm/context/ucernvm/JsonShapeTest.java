package io.cernvm.context.ucernvm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cernvm.context.amiconfig.AmiconfigDocument;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The public values serialise by their component names and nothing else. */
class JsonShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> fields(Object value) {
        JsonNode node = JSON.valueToTree(value);
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> components(Class<?> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    @Test
    void recordsSerialiseByComponentNames() {
        byte[] in = ("#!/bin/sh\nexit\n[amiconfig]\nplugins=cernvm condor puppet workqueue squid ganglia\n"
                + "[cernvm]\nusers=a:b:c\n[condor]\n[puppet]\n[workqueue]\n[squid]\n[ganglia]\n"
                + "[ucernvm-begin]\ncvmfs_http_proxy=DIRECT\nx=1\n[ucernvm-end]\n").getBytes(StandardCharsets.UTF_8);
        UcernvmBlock block = UcernvmBlock.parse(in);
        UcernvmSettings settings = UcernvmSettings.read(in);
        AmiconfigDocument doc = AmiconfigDocument.parse(in);
        assertThat(fields(block)).containsExactlyInAnyOrderElementsOf(components(UcernvmBlock.class));
        assertThat(fields(block.entries().get(0))).containsExactlyInAnyOrderElementsOf(components(UcernvmEntry.class));
        assertThat(fields(settings)).containsExactlyInAnyOrderElementsOf(components(UcernvmSettings.class));
        assertThat(fields(settings.entries().get(0))).containsExactlyInAnyOrderElementsOf(components(UcernvmSetting.class));
        assertThat(fields(settings.cvmfsHttpProxy())).containsExactlyInAnyOrderElementsOf(components(UcernvmProxy.class));
        assertThat(fields(doc)).containsExactlyInAnyOrderElementsOf(components(AmiconfigDocument.class));
        for (Object view : List.of(doc.cernvm(), doc.condor(), doc.puppet(), doc.workqueue(), doc.squid(), doc.ganglia(),
                doc.script(), doc.sections().get(0), doc.cernvm().users().get(0))) {
            assertThat(fields(view)).as(view.getClass().getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(components(view.getClass()));
        }
        assertThat(JSON.valueToTree(block).get("output").asText()).isEqualTo(
                java.util.Base64.getEncoder().encodeToString(block.output()));
    }
}
