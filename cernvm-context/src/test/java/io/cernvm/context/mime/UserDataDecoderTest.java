package io.cernvm.context.mime;

import static org.assertj.core.api.Assertions.assertThat;

import io.cernvm.api.UserData;
import io.cernvm.context.Severity;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The public decoder API: parts, provenance, findings. */
class UserDataDecoderTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPlainCloudConfigIsOnePart() {
        DecodedUserData d = UserDataDecoder.builder().build().decode(UserData.of("#cloud-config\na: 1\n", "test"));
        assertThat(d.acceptedByCloudInit()).isTrue();
        assertThat(d.findings()).isEmpty();
        DecodedPart p = d.parts().get(0);
        assertThat(p.contentType()).isEqualTo("text/cloud-config");
        assertThat(p.filename()).isEqualTo("part-001");
        assertThat(p.handler()).isEqualTo(PartHandler.CLOUD_CONFIG);
        assertThat(p.origin().declaredType()).isNull();
        assertThat(p.origin().firstLineType()).isEqualTo("text/cloud-config");
        assertThat(d.userDataParts()).singleElement().satisfies(u -> assertThat(u.text()).isEqualTo("#cloud-config\na: 1\n"));
    }

    @Test
    void mimePartsKeepTheirProvenance() {
        String mime = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"
                + "Content-Type: text/x-shellscript; charset=iso-8859-1\nContent-Transfer-Encoding: base64\n"
                + "Merge-Type: list(append)\n\n" + Base64.getEncoder().encodeToString(utf8("#cloud-config\nx: 1\n"))
                + "\n--b--\n";
        DecodedPart p = UserDataDecoder.builder().build().decode(utf8(mime)).parts().get(0);
        assertThat(p.contentType()).isEqualTo("text/cloud-config");
        assertThat(p.origin().declaredType()).isEqualTo("text/x-shellscript");
        assertThat(p.origin().firstLineType()).isEqualTo("text/cloud-config");
        assertThat(p.origin().transferEncoding()).isEqualTo("base64");
        assertThat(p.origin().charset()).isEqualTo("iso-8859-1");
        assertThat(p.origin().mergeType()).isEqualTo("list(append)");
        assertThat(p.origin().headers()).extracting(MimeHeader::name).contains("Content-Disposition");
        assertThat(new String(p.payload(), StandardCharsets.UTF_8)).isEqualTo("#cloud-config\nx: 1\n");
    }

    @Test
    void includesAreFetchedThroughTheFetcherAndFailuresAreErrors() {
        UserDataDecoder decoder = UserDataDecoder.builder().includeFetcher(url -> url.equals("http://a/")
                ? Optional.of(utf8("#!/bin/sh\necho a\n")) : Optional.empty()).build();
        DecodedUserData d = decoder.decode(utf8("#include\nhttp://a/\nhttp://b/\n"));
        assertThat(d.parts()).singleElement().satisfies(p -> {
            assertThat(p.handler()).isEqualTo(PartHandler.SHELLSCRIPT);
            assertThat(p.origin().includeUrl()).isEqualTo("http://a/");
        });
        assertThat(d.acceptedByCloudInit()).isFalse();
        assertThat(d.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.code()).isEqualTo("INCLUDE_UNAVAILABLE");
            assertThat(f.message()).contains("http://b/");
        });
    }

    @Test
    void archiveEntriesBecomeParts() {
        DecodedUserData d = UserDataDecoder.builder().build().decode(utf8(
                "#cloud-config-archive\n- type: text/x-shellscript\n  content: \"#!/bin/sh\"\n  filename: s.sh\n- \"#cloud-config\\na: 1\"\n"));
        assertThat(d.parts()).extracting(DecodedPart::filename).containsExactly("s.sh", "part-002");
        assertThat(d.parts()).allSatisfy(p -> assertThat(p.origin().fromArchive()).isTrue());
    }

    @Test
    void jinjaRendersFromInstanceDataOrFailsAsCloudInitDoes() {
        byte[] template = utf8("## template: jinja\n#cloud-config\nregion: {{ v1.region }}\nzone: {{ availability_zone }}\n");
        DecodedUserData without = UserDataDecoder.builder().build().decode(template);
        assertThat(without.parts().get(0).jinja().rendered()).isFalse();
        assertThat(without.findings()).extracting(f -> f.code()).containsExactly("JINJA_NOT_RENDERED");
        DecodedUserData with = UserDataDecoder.builder()
                .instanceData(Map.of("v1", Map.of("region", "cern", "availability-zone", "a"))).build().decode(template);
        JinjaRendering r = with.parts().get(0).jinja();
        assertThat(new String(r.payload(), StandardCharsets.UTF_8)).isEqualTo("#cloud-config\nregion: cern\nzone: a\n");
        assertThat(r.handler()).isEqualTo(PartHandler.CLOUD_CONFIG);
        assertThat(with.findings()).isEmpty();
    }

    @Test
    void cloudConfigSourcesListWhatTheCloudConfigHandlerMerges() {
        String mime = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n"
                + "--b\nContent-Type: text/cloud-config\nMerge-Type: list(append)\n\na: 1\n"
                + "--b\nContent-Type: text/x-shellscript\n\n#!/bin/sh\n"
                + "--b\nContent-Type: text/plain\n\n## template: jinja\n#cloud-config-jsonp\n[]\n"
                + "--b\nContent-Type: text/plain\n\n#cloud-config-jsonp\n[]\n--b--\n";
        DecodedUserData d = UserDataDecoder.builder().instanceData(Map.of()).build().decode(utf8(mime));
        assertThat(d.cloudConfigSources()).extracting(CloudConfigSource::partIndex, CloudConfigSource::contentType,
                        CloudConfigSource::mergeType, CloudConfigSource::jsonPatch)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "text/cloud-config", "list(append)", false),
                        org.assertj.core.groups.Tuple.tuple(2, "text/jinja2", null, false),
                        org.assertj.core.groups.Tuple.tuple(3, "text/cloud-config-jsonp", null, true));
    }

    @Test
    void undefinedTemplateVariablesPrintCloudInitsMarker() {
        DecodedUserData d = UserDataDecoder.builder().instanceData(Map.of("v1", Map.of())).build()
                .decode(utf8("## template: jinja\n#!/bin/sh\necho {{ v1.nope }} {{ nothing }}\n"));
        assertThat(new String(d.parts().get(0).jinja().payload(), StandardCharsets.UTF_8))
                .isEqualTo("#!/bin/sh\necho CI_MISSING_JINJA_VAR/nope CI_MISSING_JINJA_VAR/nothing\n");
    }

    @Test
    void gzipPartsAreDecompressedAndMarked() throws Exception {
        String z = Base64.getEncoder().encodeToString(UserDataDecoderHostileTest.PyGzipBytes.gzip("#!/bin/sh\n"));
        String mime = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: application/gzip\n"
                + "Content-Transfer-Encoding: base64\n\n" + z + "\n--b--\n";
        List<DecodedPart> parts = UserDataDecoder.builder().build().decode(utf8(mime)).parts();
        assertThat(parts).singleElement().satisfies(p -> {
            assertThat(p.origin().decompressed()).isTrue();
            assertThat(p.contentType()).isEqualTo("text/x-shellscript");
        });
    }
}
