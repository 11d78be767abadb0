package io.cernvm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.generators.Generate;

class HostileRequestTest {

    @TempDir
    Path dir;

    @Test
    void rangeHeadersGiveAValidRangeTheWholeFileOr416() {
        var token = Generate.pick(List.of("bytes=", "-", "0", "1", "99", "-5", ",", " ", "x", "9999999999999999999999", "items="));
        qt().withExamples(2000)
                .forAll(lists().of(token).ofSizeBetween(0, 6).map(l -> String.join("", l)), longs().between(0, 1000))
                .checkAssert((header, size) -> {
                    ByteRange r = ByteRange.parse(header, size);
                    if (r != ByteRange.WHOLE && r != ByteRange.UNSATISFIABLE) {
                        assertThat(r.first()).isBetween(0L, size - 1);
                        assertThat(r.last()).isBetween(r.first(), size - 1);
                    }
                });
    }

    @Test
    void requestHeadsFromArbitraryBytesParseOrFailWithIoException() {
        qt().withExamples(2000).forAll(strings().allPossible().ofLengthBetween(0, 300)).checkAssert(text -> {
            try {
                RequestHead head = RequestHead.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
                if (head != null) {
                    assertThat(head.version()).startsWith("HTTP/1.");
                }
            } catch (IOException expected) {
                // malformed: the server answers 400 and closes
            }
        });
    }

    @Test
    void garbageOnTheWireLeavesTheServerServing() throws IOException {
        Files.writeString(dir.resolve(".cvmfspublished"), "C1\n--\n");
        try (RepositoryServer server = RepositoryServer.builder().root(dir).build()) {
            qt().withExamples(40).forAll(strings().allPossible().ofLengthBetween(0, 2000), integers().between(0, 1)).checkAssert((junk, close) -> {
                try (Socket s = new Socket()) {
                    s.connect(server.address(), 5_000);
                    s.setSoTimeout(5_000);
                    s.getOutputStream().write(junk.getBytes(StandardCharsets.UTF_8));
                    if (close == 1) {
                        s.shutdownOutput();
                    }
                } catch (IOException ignored) {
                    // the server may reset a connection it could not parse
                }
            });
            try (Socket s = new Socket()) {
                s.connect(server.address(), 5_000);
                s.setSoTimeout(5_000);
                s.getOutputStream().write("GET /.cvmfspublished HTTP/1.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200").endsWith("C1\n--\n");
            }
        }
    }
}
