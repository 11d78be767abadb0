package io.cernvm.cvmfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cernvm.api.TrustException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 2016 repository written by CernVM-FS 2.2.0 (schema 2.5 revision 3), at all its tags. */
class OldFixtureTest {

    private static final String FIXTURE = "server-2.2.0";
    private static final Clock JAN_2016 = Clock.fixed(Instant.parse("2016-01-20T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path tmp;
    private static Path repo;

    @BeforeAll
    static void unpack() throws Exception {
        repo = FixtureRepository.unpack(FIXTURE, tmp.resolve("repo"));
    }

    private static CvmfsClient client(Clock clock) {
        return CvmfsClient.builder().localRepository(repo).publicKeys(List.of(FixtureRepository.publicKey(FIXTURE)))
                .clock(clock).workDirectory(tmp.resolve("work")).build();
    }

    @Test
    void headHasWhatTheReadmeDescribes() throws Exception {
        try (Repository r = client(JAN_2016).open("test.cern.ch")) {
            assertThat(r.revision()).isEqualTo(3);
            assertThat(r.rootHash()).isEqualTo("36f949c653fc2441ce46b7c123751c813a04f65c");
            Map<String, FileAttributes> all = FixtureListingTest.walk(r);
            assertThat(all).hasSize(24);
            assertThat(new String(r.readAllBytes("/.cvmfsdirtab"), StandardCharsets.UTF_8)).isEqualTo("/bar/*\n");
            assertThat(new String(r.readAllBytes("/bar/author"), StandardCharsets.UTF_8)).isEqualTo("René Meusel\n");
            assertThat(new String(r.readAllBytes("/bar/hello_world"), StandardCharsets.UTF_8)).isEqualTo("hello world\n");
            assertThat(new String(r.readAllBytes("/bar/3/2/bar"), StandardCharsets.UTF_8)).isEqualTo("bar\n");
            assertThat(new String(r.readAllBytes("/bar/4/foo"), StandardCharsets.UTF_8)).isEqualTo("foo\n");
            FileAttributes big = r.stat("/bar/big");
            assertThat(big.size()).isEqualTo(20_971_520L);
            assertThat(big.chunks()).isEqualTo(2);
            assertThat(big.hash()).as("legacy bulk hash").isEqualTo("276004bcece8a26526208c54a7f48bc2837ac37b");
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(r.readAllBytes("/bar/big"))))
                    .isEqualTo("cd52d81e25f372e6fa4db2c0dfceb59862c1969cab17096da352b34950c973cc");
            assertThat(all.values().stream().filter(FileAttributes::nestedCatalogMountpoint).map(FileAttributes::path))
                    .containsExactlyInAnyOrder("/foo", "/bar/1", "/bar/2", "/bar/3", "/bar/4");
            assertThat(r.stat("/bar/3/1/bar").catalog()).isEqualTo("/bar/3");
        }
    }

    @Test
    void opensEveryTag() {
        try (Repository head = client(JAN_2016).open("test.cern.ch")) {
            assertThat(head.tags()).extracting(Tag::name).containsExactlyInAnyOrder("generic-2016-01-13T16:04:14Z",
                    "generic-2016-01-13T16:04:16Z", "generic-2016-01-13T16:04:18Z", "trunk", "trunk-previous");
            for (Tag t : head.tags()) {
                try (Repository r = head.atTag(t.name())) {
                    assertThat(r.revision()).as(t.name()).isEqualTo(t.revision());
                    assertThat(r.rootHash()).isEqualTo(t.rootHash());
                    Map<String, FileAttributes> all = FixtureListingTest.walk(r);
                    switch ((int) t.revision()) {
                        case 1 -> {
                            assertThat(all.keySet()).containsExactly("/new_repository");
                            assertThat(r.readAllBytes("/new_repository")).hasSize(42);
                        }
                        case 2 -> {
                            assertThat(all).doesNotContainKey("/.cvmfsdirtab");
                            assertThat(all.values()).noneMatch(a -> a.path().startsWith("/bar/") && a.nestedCatalogMountpoint());
                        }
                        default -> assertThat(all).hasSize(24);
                    }
                    for (FileAttributes a : all.values()) {
                        if (a.isRegularFile()) {
                            assertThat(r.readAllBytes(a.path())).as(a.path()).hasSize((int) a.size());
                        }
                    }
                }
            }
        }
    }

    @Test
    void opensByDateAsTheNewestTagAtOrBefore() {
        try (Repository head = client(JAN_2016).open("test.cern.ch");
             Repository r = head.at(Instant.parse("2016-01-13T16:04:17Z"));
             Repository exact = head.at(Instant.parse("2016-01-13T16:04:14Z"))) {
            assertThat(r.revision()).isEqualTo(2);
            assertThat(exact.revision()).isEqualTo(1);
        }
    }

    @Test
    void refusesTheExpiredWhitelistWithTheRealClock() {
        assertThatThrownBy(() -> client(Clock.systemUTC()).open("test.cern.ch"))
                .isInstanceOf(TrustException.class).hasMessageContaining("whitelist expired");
    }
}
