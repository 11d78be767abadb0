package io.cernvm.cvmfs.nio;

import static org.assertj.core.api.Assertions.assertThat;

import io.cernvm.cvmfs.FixtureRepository;
import io.cernvm.cvmfs.LibcvmfsListing;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The 2.12.0 fixture behind the provider, and the comparison of a walk with libcvmfs's listing. */
final class NioFixture {

    static final String FIXTURE = "server-2.12.0";
    static final URI REPOSITORY = URI.create("cvmfs://test.cern.ch/");
    /** The fixture's whitelist is valid at this time. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    private NioFixture() {
    }

    /** A provider whose default configuration root is empty and whose clock is {@link #CLOCK}. */
    static CvmfsFileSystemProvider provider(Path emptyConfigRoot) {
        return new CvmfsFileSystemProvider(emptyConfigRoot, Map.of(CvmfsFileSystemProvider.CLOCK, CLOCK));
    }

    /** The env map that opens the unpacked fixture from its directory, plus {@code extra}. */
    static Map<String, Object> env(Path repository, Path work, Map<String, ?> extra) {
        Map<String, Object> env = new HashMap<>();
        env.put(CvmfsFileSystemProvider.LOCAL_REPOSITORY, repository);
        env.put(CvmfsFileSystemProvider.WORK_DIRECTORY, work);
        env.put(CvmfsFileSystemProvider.CLOCK, CLOCK);
        env.put("CVMFS_PUBLIC_KEY", FixtureRepository.publicKey(FIXTURE).toString());
        env.putAll(extra);
        return env;
    }

    static LibcvmfsListing listing(String name) throws IOException {
        return LibcvmfsListing.read(FixtureRepository.dir(FIXTURE).resolve(name));
    }

    static String sha1(byte[] bytes) throws NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }

    /** {@code Files.walk} over the whole file system reproduces libcvmfs's listing, content included. */
    static void assertWalkMatches(CvmfsFileSystem fs, LibcvmfsListing expected) throws Exception {
        assertThat(fs.repository().revision()).isEqualTo(expected.revision());
        Path root = fs.getPath("/");
        List<Path> walked;
        try (Stream<Path> s = Files.walk(root)) {
            walked = s.toList();
        }
        assertThat(walked.get(0)).isEqualTo(root);
        assertThat(walked.subList(1, walked.size())).extracting(Path::toString)
                .containsExactlyInAnyOrderElementsOf(expected.entries().keySet());
        for (Path p : walked.subList(1, walked.size())) {
            LibcvmfsListing.Line want = expected.entries().get(p.toString());
            String at = p.toString();
            CvmfsFileAttributes got = Files.readAttributes(p, CvmfsFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            char type = got.isRegularFile() ? 'f' : got.isDirectory() ? 'd' : got.isSymbolicLink() ? 'l' : '?';
            assertThat(type).as(at + " type").isEqualTo(want.type());
            assertThat(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)).as(at + " permissions")
                    .isEqualTo(PosixFilePermissions.fromString(rwx(want.permissions())));
            assertThat(got.mode() & 07777).as(at + " mode").isEqualTo(want.permissions());
            assertThat(got.nlink()).as(at + " nlink").isEqualTo(want.nlink());
            assertThat(got.owner().getName()).as(at + " owner").isEqualTo(Long.toString(want.uid()));
            assertThat(got.group().getName()).as(at + " group").isEqualTo(Long.toString(want.gid()));
            assertThat(got.size()).as(at + " size").isEqualTo(want.size());
            assertThat(got.lastModifiedTime().toInstant().getEpochSecond()).as(at + " mtime").isEqualTo(want.mtime());
            assertThat(got.chunks()).as(at + " chunks").isEqualTo(want.chunks());
            if (got.isRegularFile()) {
                assertThat(got.checksum()).as(at + " cvmfs_hash").isEqualTo(want.cvmfsHash());
                byte[] content = Files.readAllBytes(p);
                assertThat(content).as(at + " length").hasSize((int) want.size());
                assertThat(sha1(content)).as(at + " content").isEqualTo(want.sha1());
            }
            if (got.isSymbolicLink()) {
                assertThat(Files.readSymbolicLink(p)).as(at + " target").hasToString(want.target());
                assertThat(got.target()).isEqualTo(want.target());
            } else {
                assertThat(want.target()).isEmpty();
            }
        }
    }

    private static String rwx(int permissions) {
        String letters = "rwxrwxrwx";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            sb.append((permissions & (0400 >> i)) != 0 ? letters.charAt(i) : '-');
        }
        return sb.toString();
    }
}
