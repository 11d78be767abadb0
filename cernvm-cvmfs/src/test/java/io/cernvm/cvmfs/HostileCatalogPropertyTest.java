package io.cernvm.cvmfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.cernvm.api.CernVmException;
import io.cernvm.cvmfs.internal.object.ContentHash;
import io.cernvm.cvmfs.internal.object.HashAlgorithm;
import io.cernvm.cvmfs.internal.object.HostileInput;
import io.cernvm.cvmfs.internal.object.ObjectType;
import io.cernvm.cvmfs.internal.object.ZlibCodec;
import io.cernvm.cvmfs.internal.transport.DirectoryTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real catalog with bytes changed, cut or added still either reads or is refused with the
 * api's typed exceptions: never another exception, a hang, or a path outside the repository.
 */
class HostileCatalogPropertyTest {

    @TempDir
    Path tmp;

    @Test
    void propertyMutatedCatalogsReadOrAreRefused() throws Exception {
        Path repo = FixtureRepository.unpack("server-2.12.0", tmp.resolve("repo"));
        ContentHash root = ContentHash.parse("8d584048e8e011f3fbc6fb3f1c80ac6a383df230", ObjectType.CATALOG);
        byte[] plain = ZlibCodec.inflate(Files.readAllBytes(repo.resolve(root.objectPath())), 1 << 24,
                io.cernvm.api.FaultLocation.NOWHERE);
        CvmfsClient client = CvmfsClient.builder().localRepository(repo).workDirectory(tmp.resolve("work")).build();
        AtomicInteger refused = new AtomicInteger();
        qt().withExamples(40).withShrinkCycles(40).forAll(HostileInput.mutationsOf(plain)).checkAssert(mutated -> {
            ContentHash h = storeCatalog(repo, mutated);
            try (Repository r = client.open("test.cern.ch", RevisionPin.rootHash(h.toString()))) {
                List<String> dirs = new ArrayList<>(List.of("/"));
                int seen = 0;
                while (!dirs.isEmpty() && seen < 200) {
                    for (DirectoryEntry e : r.list(dirs.remove(0))) {
                        seen++;
                        assertThat(e.path()).startsWith("/").doesNotContain("/../").doesNotContain("//");
                        if (e.attributes().isDirectory()) {
                            dirs.add(e.path());
                        } else if (e.attributes().isRegularFile() && e.attributes().size() < 100_000) {
                            r.readAllBytes(e.path());
                        }
                    }
                }
            } catch (CernVmException expected) {
                refused.incrementAndGet();
            }
        });
        assertThat(refused.get()).as("some mutations must be refused").isPositive();
    }

    @Test
    void propertyArbitraryBytesAsACatalogAreRefused() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("empty"));
        CvmfsClient client = CvmfsClient.builder().transport(new DirectoryTransport(repo)).workDirectory(tmp.resolve("w2")).build();
        qt().withExamples(50).forAll(HostileInput.bytes(600)).checkAssert(bytes -> {
            ContentHash h = storeCatalog(repo, bytes);
            try (Repository r = client.open("x.example.org", RevisionPin.rootHash(h.toString()))) {
                r.list("/");
            } catch (CernVmException expected) {
                assertThat(expected.reason()).isNotBlank();
            }
        });
    }

    /** Stores plain bytes as a zlib catalog object in a repository directory; @return its hash. */
    private static ContentHash storeCatalog(Path repo, byte[] plain) {
        byte[] object = ZlibCodec.deflate(plain);
        ContentHash h = ContentHash.of(HashAlgorithm.SHA1, object, ObjectType.CATALOG);
        try {
            Path p = repo.resolve(h.objectPath());
            Files.createDirectories(p.getParent());
            Files.write(p, object);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return h;
    }
}
