package io.cernvm.cvmfs.internal.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.cernvm.api.TrustException;
import io.cernvm.cvmfs.FixtureRepository;
import io.cernvm.cvmfs.internal.object.HostileInput;
import io.cernvm.cvmfs.internal.object.ObjectFetcher;
import io.cernvm.cvmfs.internal.transport.DirectoryTransport;
import io.cernvm.cvmfs.internal.transport.OverlayTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Any change to a real signed manifest or whitelist (a byte, a cut, an addition) is refused. */
class TamperedSignedFilesPropertyTest {

    private static final String FIXTURE = "server-2.12.0";

    @TempDir
    static Path tmp;
    private static Path repo;
    private static TrustChain chain;

    @BeforeAll
    static void unpack() throws Exception {
        repo = FixtureRepository.unpack(FIXTURE, tmp);
        chain = new TrustChain("test.cern.ch", MasterKeys.load(List.of(FixtureRepository.publicKey(FIXTURE))),
                Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC), new InMemoryBreadcrumbStore());
    }

    private static void check(String file) throws Exception {
        byte[] original = Files.readAllBytes(repo.resolve(file));
        qt().withExamples(60).forAll(HostileInput.mutationsOf(original)).checkAssert(mutated -> {
            OverlayTransport t = new OverlayTransport(new DirectoryTransport(repo)).replace(file, mutated);
            try {
                chain.verify(t, new ObjectFetcher(t));
                assertThat(mutated).as("only the unchanged file verifies").isEqualTo(original);
            } catch (TrustException refused) {
                assertThat(Arrays.equals(mutated, original)).isFalse();
                assertThat(refused.getMessage()).contains(file);
            }
        });
    }

    @Test
    void propertyEveryChangeToTheManifestIsRefused() throws Exception {
        check(ManifestFile.FILE);
    }

    @Test
    void propertyEveryChangeToTheWhitelistIsRefused() throws Exception {
        check(Whitelist.FILE);
    }
}
