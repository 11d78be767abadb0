package io.cernvm.cvmfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cernvm.api.ConfigurationException;
import io.cernvm.api.NotFoundException;
import io.cernvm.cvmfs.internal.transport.DirectoryTransport;
import io.cernvm.cvmfs.internal.transport.OverlayTransport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upstream's precedence: root hash over tag over date, the loser reported. */
class RevisionPinTest {

    private static final String FIXTURE = "server-2.12.0";
    private static final String V1 = "71dc4a483ba9239e0b0d96464a4cc9a38bc528e5";

    @TempDir
    static Path tmp;
    private static Path repo;

    @BeforeAll
    static void unpack() throws Exception {
        repo = FixtureRepository.unpack(FIXTURE, tmp.resolve("repo"));
    }

    private static CvmfsClient.Builder builder(OverlayTransport t, List<RepositoryWarning> seen) {
        return CvmfsClient.builder().transport(t).publicKeys(List.of(FixtureRepository.publicKey(FIXTURE)))
                .clock(Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC))
                .workDirectory(tmp.resolve("work"))
                .listener(new RepositoryListener() {
                    @Override
                    public void warning(RepositoryWarning warning) {
                        seen.add(warning);
                    }
                });
    }

    @Test
    void rootHashSkipsTheManifestAndWinsOverTagAndDate() {
        OverlayTransport t = new OverlayTransport(new DirectoryTransport(repo));
        t.replace(".cvmfspublished", "garbage".getBytes());
        List<RepositoryWarning> seen = new CopyOnWriteArrayList<>();
        CvmfsClient c = builder(t, seen).revision(new RevisionPin(V1 + "C", "v2.0", Instant.EPOCH)).build();
        try (Repository r = c.open("test.cern.ch")) {
            assertThat(r.revision()).isEqualTo(2);
            assertThat(r.manifest()).isEmpty();
            assertThat(t.fetchCount(".cvmfspublished")).isZero();
            assertThat(t.fetchCount(".cvmfswhitelist")).isZero();
            assertThat(r.warnings()).extracting(RepositoryWarning::key)
                    .containsExactly("CVMFS_REPOSITORY_TAG", "CVMFS_REPOSITORY_DATE");
            assertThat(seen).isEqualTo(r.warnings());
            assertThat(r.warnings().get(0).message()).contains("CVMFS_ROOT_HASH takes precedence");
        }
    }

    @Test
    void tagWinsOverDate() {
        List<RepositoryWarning> seen = new CopyOnWriteArrayList<>();
        OverlayTransport t = new OverlayTransport(new DirectoryTransport(repo));
        try (Repository r = builder(t, seen).build().open("test.cern.ch", new RevisionPin(null, "v1.0", Instant.now()))) {
            assertThat(r.revision()).isEqualTo(2);
            assertThat(r.tag()).hasValueSatisfying(tag -> assertThat(tag.name()).isEqualTo("v1.0"));
            assertThat(seen).singleElement().satisfies(w -> assertThat(w.key()).isEqualTo("CVMFS_REPOSITORY_DATE"));
        }
    }

    @Test
    void dateChoosesTheNewestTagAtOrBefore() {
        OverlayTransport t = new OverlayTransport(new DirectoryTransport(repo));
        CvmfsClient c = builder(t, new CopyOnWriteArrayList<>()).build();
        try (Repository r = c.open("test.cern.ch", RevisionPin.date(Instant.ofEpochSecond(1795737370)))) {
            assertThat(r.revision()).isEqualTo(2);
        }
        assertThatThrownBy(() -> c.open("test.cern.ch", RevisionPin.date(Instant.ofEpochSecond(1000))))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("CVMFS_REPOSITORY_DATE");
        assertThatThrownBy(() -> c.open("test.cern.ch", RevisionPin.tag("v9")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("no tag named 'v9'");
        assertThatThrownBy(() -> c.open("test.cern.ch", RevisionPin.rootHash("../../x")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("CVMFS_ROOT_HASH");
    }

    @Test
    void refusesAHistoryDatabaseThatIsNotOne() throws Exception {
        byte[] object = io.cernvm.cvmfs.internal.object.ZlibCodec.deflate("not sqlite at all".getBytes());
        var h = io.cernvm.cvmfs.internal.object.ContentHash.of(io.cernvm.cvmfs.internal.object.HashAlgorithm.SHA1,
                object, io.cernvm.cvmfs.internal.object.ObjectType.HISTORY);
        String letter = FixtureSigning.letterOf(java.nio.file.Files.readAllBytes(repo.resolve(".cvmfspublished")))
                .replaceFirst("\nH[0-9a-f]{40}\n", "\nH" + h + "\n");
        OverlayTransport t = new OverlayTransport(new DirectoryTransport(repo));
        t.replace(h.objectPath(), object);
        t.replace(".cvmfspublished", FixtureSigning.manifest(letter, FixtureSigning.sha1Hex(letter),
                FixtureSigning.privateKey(FixtureRepository.dir(FIXTURE).resolve("test.cern.ch.key"))));
        CvmfsClient c = builder(t, new CopyOnWriteArrayList<>()).build();
        try (Repository r = c.open("test.cern.ch")) {
            assertThat(r.manifest().orElseThrow().historyHash()).isEqualTo(h.toString());
            assertThatThrownBy(r::tags).isInstanceOf(io.cernvm.api.IntegrityException.class)
                    .hasMessageContaining("history");
        }
        assertThatThrownBy(() -> c.open("test.cern.ch", RevisionPin.tag("v1.0")))
                .isInstanceOf(io.cernvm.api.IntegrityException.class);
    }
}
