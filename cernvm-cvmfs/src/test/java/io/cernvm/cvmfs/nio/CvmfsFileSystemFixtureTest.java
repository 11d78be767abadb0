package io.cernvm.cvmfs.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cernvm.cvmfs.FixtureRepository;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 2.12.0 fixture through {@code java.nio.file}: listing, content, attributes, links, errors. */
class CvmfsFileSystemFixtureTest {

    @TempDir
    static Path tmp;
    static Path repo;
    static CvmfsFileSystemProvider provider;
    static CvmfsFileSystem fs;

    @BeforeAll
    static void open() throws IOException {
        repo = FixtureRepository.unpack(NioFixture.FIXTURE, tmp.resolve("repo"));
        provider = NioFixture.provider(tmp.resolve("no-config"));
        fs = provider.newFileSystem(NioFixture.REPOSITORY, NioFixture.env(repo, tmp.resolve("work"), Map.of()));
    }

    @AfterAll
    static void close() {
        fs.close();
    }

    @Test
    void walkReproducesTheLibcvmfsListingOfHead() throws Exception {
        NioFixture.assertWalkMatches(fs, NioFixture.listing("libcvmfs-listing-head.txt"));
    }

    @Test
    void aTagInTheEnvironmentOpensThatRevision() throws Exception {
        CvmfsFileSystemProvider p = NioFixture.provider(tmp.resolve("no-config"));
        try (CvmfsFileSystem v1 = p.newFileSystem(NioFixture.REPOSITORY,
                NioFixture.env(repo, tmp.resolve("work-v1"), Map.of("CVMFS_REPOSITORY_TAG", "v1.0")))) {
            assertThat(v1.repository().tag()).hasValueSatisfying(t -> assertThat(t.name()).isEqualTo("v1.0"));
            NioFixture.assertWalkMatches(v1, NioFixture.listing("libcvmfs-listing-v1.0.txt"));
            assertThat(Files.readAttributes(v1.getPath("/small/a.txt"), CvmfsFileAttributes.class).revision())
                    .isEqualTo(v1.repository().revision()).isNotEqualTo(fs.repository().revision());
        }
    }

    @Test
    void positionedReadsAcrossChunkBoundariesMatchTheWholeFile() throws Exception {
        for (String file : List.of("/large/random-20MiB.bin", "/small/c.bin")) {
            Path p = fs.getPath(file);
            byte[] whole = Files.readAllBytes(p);
            assertThat(Files.readAttributes(p, CvmfsFileAttributes.class).chunks()).as(file).isEqualTo(2);
            List<Long> positions = new ArrayList<>(List.of(0L, 4861048L - 50, 4861048L - 1, 4861048L, (long) whole.length - 3));
            Random random = new Random(42);
            for (int i = 0; i < 40; i++) {
                positions.add((long) random.nextInt(whole.length));
            }
            try (SeekableByteChannel ch = Files.newByteChannel(p)) {
                assertThat(ch.size()).isEqualTo(whole.length);
                for (long pos : positions) {
                    ByteBuffer b = ByteBuffer.allocate(8192);
                    ch.position(pos);
                    int n = 0;
                    while (b.hasRemaining()) {
                        int r = ch.read(b);
                        if (r < 0) {
                            break;
                        }
                        n += r;
                    }
                    int expected = (int) Math.min(8192, whole.length - pos);
                    assertThat(n).as(file + " at " + pos).isEqualTo(expected);
                    assertThat(Arrays.copyOf(b.array(), n)).as(file + " at " + pos)
                            .isEqualTo(Arrays.copyOfRange(whole, (int) pos, (int) pos + n));
                    assertThat(ch.position()).isEqualTo(pos + n);
                }
                ch.position(whole.length + 10L);
                assertThat(ch.read(ByteBuffer.allocate(4))).isEqualTo(-1);
            }
        }
    }

    @Test
    void uriRoundTrips() throws Exception {
        for (String s : List.of("/", "/small/a.txt", "/small/file with spaces.txt", "/small/ünïcödé.txt", "/nested/inner/leaf.txt")) {
            CvmfsPath p = fs.getPath(s);
            URI uri = p.toUri();
            assertThat(uri.getScheme()).isEqualTo("cvmfs");
            assertThat(uri.getAuthority()).isEqualTo("test.cern.ch");
            assertThat(provider.getPath(uri)).isEqualTo(p);
            assertThat(provider.getPath(URI.create(uri.toASCIIString()))).isEqualTo(p);
            assertThat(Files.exists(provider.getPath(uri))).as(s).isTrue();
        }
        assertThat(fs.getPath("/small/file with spaces.txt").toUri().toASCIIString())
                .isEqualTo("cvmfs://test.cern.ch/small/file%20with%20spaces.txt");
        assertThat(fs.getPath("small/a.txt").toUri()).isEqualTo(URI.create("cvmfs://test.cern.ch/small/a.txt"));
        assertThat(provider.getPath(URI.create("cvmfs://test.cern.ch"))).isEqualTo(fs.getPath("/"));
        assertThat(provider.getFileSystem(URI.create("cvmfs://test.cern.ch/anything"))).isSameAs(fs);
        assertThatThrownBy(() -> provider.newFileSystem(NioFixture.REPOSITORY, Map.of()))
                .isInstanceOf(FileSystemAlreadyExistsException.class);
        for (String bad : List.of("http://test.cern.ch/", "cvmfs:test.cern.ch", "cvmfs:///a", "cvmfs://test.cern.ch/a?x=1",
                "cvmfs://test.cern.ch/a#f", "cvmfs://user@test.cern.ch/")) {
            assertThatThrownBy(() -> provider.getPath(URI.create(bad))).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void attributeViewsByClassAndByName() throws Exception {
        Path run = fs.getPath("/small/run.sh");
        PosixFileAttributes posix = Files.readAttributes(run, PosixFileAttributes.class);
        assertThat(posix.permissions()).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(posix.owner().getName()).isEqualTo("0");
        assertThat(posix.group().getName()).isEqualTo("0");
        assertThat(Files.getOwner(run)).isEqualTo(fs.getUserPrincipalLookupService().lookupPrincipalByName("0"));

        CvmfsFileAttributes a = Files.readAttributes(fs.getPath("/small/a.txt"), CvmfsFileAttributes.class);
        assertThat(a.hash()).isEqualTo("f61117c94d02bf84be0dd605063349eab689a320");
        assertThat(a.chunks()).isEqualTo(1);
        assertThat(a.catalog()).isEqualTo("/");
        assertThat(a.revision()).isEqualTo(3);
        assertThat(a.mode()).isEqualTo(0100644);
        assertThat(a.nlink()).isEqualTo(1);
        assertThat(a.size()).isEqualTo(6);

        CvmfsFileAttributes leaf = fs.getPath("/nested/inner/leaf.txt").getFileSystem().provider()
                .getFileAttributeView(fs.getPath("/nested/inner/leaf.txt"), CvmfsFileAttributeView.class).readAttributes();
        assertThat(leaf.catalog()).isEqualTo("/nested/inner");

        CvmfsFileAttributes big = Files.readAttributes(fs.getPath("/large/random-20MiB.bin"), CvmfsFileAttributes.class);
        assertThat(big.chunks()).isEqualTo(2);
        assertThat(big.hash()).isNull();
        assertThat(big.checksum()).isEqualTo("ae8246f590cc02b3e103ba9e0f1450c1efbca15c");

        Map<String, Object> all = Files.readAttributes(fs.getPath("/links/variant-symlink"), "cvmfs:*", LinkOption.NOFOLLOW_LINKS);
        assertThat(all).containsKeys("size", "lastModifiedTime", "fileKey", "isSymbolicLink", "owner", "group", "permissions",
                "hash", "checksum", "chunks", "catalog", "revision", "rawTarget", "target", "nlink", "uid", "gid", "mode", "external", "externalUrl");
        assertThat(all).containsEntry("rawTarget", "$(TEST_VARIANT)/x").containsEntry("target", "/x")
                .containsEntry("isSymbolicLink", true).containsEntry("chunks", 0).containsEntry("revision", 3L)
                .containsEntry("mode", 0120777).containsEntry("external", false);
        assertThat(Files.readAttributes(run, "posix:permissions"))
                .containsExactly(Map.entry("permissions", PosixFilePermissions.fromString("rwxr-xr-x")));
        assertThat(Files.readAttributes(run, "size,isDirectory")).containsOnlyKeys("size", "isDirectory");
        assertThat(Files.getAttribute(run, "cvmfs:hash")).isEqualTo("35fcff8eb5cef6f1a8eee03c98875c496152727b");
        assertThatThrownBy(() -> Files.getAttribute(run, "unix:mode")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void attributeViewsHaveTheirNamesAndRefuseSetters() throws Exception {
        Path a = fs.getPath("/small/a.txt");
        assertThat(Files.getFileAttributeView(a, BasicFileAttributeView.class).name()).isEqualTo("basic");
        assertThat(Files.getFileAttributeView(a, FileOwnerAttributeView.class).name()).isEqualTo("owner");
        assertThat(Files.getFileAttributeView(a, PosixFileAttributeView.class).name()).isEqualTo("posix");
        assertThat(Files.getFileAttributeView(a, CvmfsFileAttributeView.class).name()).isEqualTo("cvmfs");
        assertThat(Files.getFileAttributeView(a, java.nio.file.attribute.DosFileAttributeView.class)).isNull();
        assertThat(fs.supportedFileAttributeViews()).containsExactlyInAnyOrder("basic", "owner", "posix", "cvmfs");
        assertThatThrownBy(() -> Files.readAttributes(a, "dos:*")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Files.readAttributes(a, "posix:nonsense")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Files.readAttributes(a, java.nio.file.attribute.DosFileAttributes.class))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Files.getFileAttributeView(fs.getPath("/nope"), BasicFileAttributeView.class).readAttributes())
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("/nope");
    }

    @Test
    void symlinksAreFollowedOrNotAsAsked() throws Exception {
        Path rel = fs.getPath("/links/rel-symlink");
        assertThat(Files.isSymbolicLink(rel)).isTrue();
        assertThat(Files.isRegularFile(rel)).isTrue();
        assertThat(Files.isRegularFile(rel, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.readSymbolicLink(rel)).hasToString("../README.txt");
        assertThat(rel.toRealPath()).isEqualTo(fs.getPath("/README.txt"));
        assertThat(rel.toRealPath(LinkOption.NOFOLLOW_LINKS)).isEqualTo(rel);
        assertThat(fs.getPath("links/../links/./abs-symlink").toRealPath()).isEqualTo(fs.getPath("/small/a.txt"));
        assertThat(Files.readAllBytes(fs.getPath("/links/abs-symlink"))).isEqualTo(Files.readAllBytes(fs.getPath("/small/a.txt")));
        assertThat(Files.size(rel)).isEqualTo(Files.size(fs.getPath("/README.txt")));
        assertThat(Files.size(rel)).isNotEqualTo(Files.readAttributes(rel, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size());

        Path dangling = fs.getPath("/links/dangling-symlink");
        assertThat(Files.exists(dangling)).isFalse();
        assertThat(Files.exists(dangling, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThatThrownBy(dangling::toRealPath).isInstanceOf(NoSuchFileException.class).hasMessageContaining("/links/dangling-symlink");
        assertThatThrownBy(() -> Files.newByteChannel(rel, LinkOption.NOFOLLOW_LINKS)).isInstanceOf(FileSystemException.class)
                .hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> Files.readSymbolicLink(fs.getPath("/small/a.txt"))).isInstanceOf(NotLinkException.class)
                .hasMessageContaining("/small/a.txt");
    }

    @Test
    void variantSymlinksExpandFromTheSuppliedEnvironment() throws Exception {
        CvmfsFileSystemProvider p = NioFixture.provider(tmp.resolve("no-config"));
        try (CvmfsFileSystem v = p.newFileSystem(NioFixture.REPOSITORY, NioFixture.env(repo, tmp.resolve("work-variant"),
                Map.of(CvmfsFileSystemProvider.SYMLINK_ENVIRONMENT, Map.of("TEST_VARIANT", "/cvmfs/test.cern.ch/small"))))) {
            Path link = v.getPath("/links/variant-symlink");
            assertThat(Files.readSymbolicLink(link)).hasToString("/cvmfs/test.cern.ch/small/x");
            assertThat(Files.getAttribute(link, "cvmfs:rawTarget", LinkOption.NOFOLLOW_LINKS)).isEqualTo("$(TEST_VARIANT)/x");
            assertThatThrownBy(link::toRealPath).isInstanceOf(NoSuchFileException.class).hasMessageContaining("/small/x");
        }
        assertThatThrownBy(() -> p.newFileSystem(NioFixture.REPOSITORY, NioFixture.env(repo, tmp.resolve("work-variant"),
                Map.of(CvmfsFileSystemProvider.SYMLINK_ENVIRONMENT, "TEST_VARIANT=x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(CvmfsFileSystemProvider.SYMLINK_ENVIRONMENT);
    }

    @Test
    void nioExceptionsNameThePath() {
        assertThatThrownBy(() -> Files.readAllBytes(fs.getPath("/small/missing.txt"))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("/small/missing.txt");
        assertThatThrownBy(() -> Files.newDirectoryStream(fs.getPath("/small/a.txt"))).isInstanceOf(NotDirectoryException.class)
                .hasMessageContaining("/small/a.txt");
        assertThatThrownBy(() -> Files.newDirectoryStream(fs.getPath("/nowhere"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> Files.readAllBytes(fs.getPath("/small"))).isInstanceOf(FileSystemException.class)
                .hasMessageContaining("/small");
        assertThatThrownBy(() -> Files.readAttributes(fs.getPath("/small/a.txt/x"), BasicFileAttributes.class))
                .isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> Files.readAttributes(fs.getPath("/.."), BasicFileAttributes.class))
                .isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> provider.readAttributes(Path.of("/tmp"), BasicFileAttributes.class))
                .isInstanceOf(java.nio.file.ProviderMismatchException.class);
    }

    @Test
    void directoryStreamsFilterAndMatchersMatch() throws Exception {
        List<String> txt = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(fs.getPath("/small"), "*.txt")) {
            ds.forEach(p -> txt.add(p.toString()));
        }
        assertThat(txt).containsExactlyInAnyOrder("/small/a.txt", "/small/d.txt", "/small/file with spaces.txt", "/small/ünïcödé.txt");
        List<Path> relative = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(fs.getPath("small"))) {
            ds.forEach(relative::add);
        }
        assertThat(relative).hasSize(6).allSatisfy(p -> assertThat(p.isAbsolute()).isFalse())
                .contains(fs.getPath("small/run.sh"));
        DirectoryStream<Path> once = Files.newDirectoryStream(fs.getPath("/"));
        once.iterator();
        assertThatThrownBy(once::iterator).isInstanceOf(IllegalStateException.class);
        once.close();
        DirectoryStream<Path> closed = Files.newDirectoryStream(fs.getPath("/"));
        closed.close();
        assertThatThrownBy(closed::iterator).isInstanceOf(IllegalStateException.class);
        assertThat(fs.getPathMatcher("glob:/small/*.{txt,sh}").matches(fs.getPath("/small/run.sh"))).isTrue();
        assertThat(fs.getPathMatcher("glob:/small/*.{txt,sh}").matches(fs.getPath("/small/c.bin"))).isFalse();
        assertThat(fs.getPathMatcher("glob:**/leaf.txt").matches(fs.getPath("/nested/inner/leaf.txt"))).isTrue();
        assertThat(fs.getPathMatcher("glob:/*/leaf.txt").matches(fs.getPath("/nested/inner/leaf.txt"))).isFalse();
        assertThat(fs.getPathMatcher("glob:/small/[a-c].???").matches(fs.getPath("/small/c.bin"))).isTrue();
        assertThat(fs.getPathMatcher("glob:/small/[!a-c].txt").matches(fs.getPath("/small/d.txt"))).isTrue();
        assertThat(fs.getPathMatcher("regex:/nested/.*\\.txt").matches(fs.getPath("/nested/sub/deep.txt"))).isTrue();
        assertThatThrownBy(() -> fs.getPathMatcher("other:x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fs.getPathMatcher("glob:{a,{b}}")).isInstanceOf(java.util.regex.PatternSyntaxException.class);
        assertThatThrownBy(() -> fs.getPathMatcher("nocolon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hardLinksAreTheSameFileAndTheStoreIsReadOnly() throws Exception {
        assertThat(Files.isSameFile(fs.getPath("/links/hardlink-1"), fs.getPath("/links/hardlink-3"))).isTrue();
        assertThat(Files.isSameFile(fs.getPath("/links/hardlink-1"), fs.getPath("/small/a.txt"))).isFalse();
        assertThat(Files.isSameFile(fs.getPath("/links/abs-symlink"), fs.getPath("small/a.txt"))).isTrue();
        assertThat(Files.isSameFile(fs.getPath("/small/a.txt"), Path.of("/small/a.txt"))).isFalse();
        assertThat(Files.isHidden(fs.getPath("/nested/.cvmfscatalog"))).isTrue();
        assertThat(Files.isHidden(fs.getPath("/nested"))).isFalse();
        FileStore store = Files.getFileStore(fs.getPath("/small/a.txt"));
        assertThat(store.isReadOnly()).isTrue();
        assertThat(store.name()).isEqualTo("test.cern.ch");
        assertThat(store.supportsFileAttributeView("cvmfs")).isTrue();
        assertThat(fs.getFileStores()).containsExactly(store);
        assertThat(fs.getRootDirectories()).containsExactly(fs.getPath("/"));
        assertThat(fs.getSeparator()).isEqualTo("/");
        assertThat(fs.isReadOnly()).isTrue();
        assertThat(Files.isReadable(fs.getPath("/small/a.txt"))).isTrue();
        assertThat(Files.isWritable(fs.getPath("/small/a.txt"))).isFalse();
        assertThat(Files.isExecutable(fs.getPath("/small/run.sh"))).isTrue();
        assertThat(Files.isExecutable(fs.getPath("/small/a.txt"))).isFalse();
        assertThatThrownBy(() -> provider.checkAccess(fs.getPath("/small/a.txt"), AccessMode.WRITE))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("read-only");
        assertThatThrownBy(() -> Files.getFileStore(fs.getPath("/missing"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void inputStreamsReadVerifiedContent() throws Exception {
        try (var in = Files.newInputStream(fs.getPath("/nested/inner/leaf.txt"), StandardOpenOption.READ)) {
            assertThat(NioFixture.sha1(in.readAllBytes())).isEqualTo("c6f44aaf11c8de38a5e69a65a4bbedef8fe2c244");
        }
        assertThat(Files.readString(fs.getPath("/small/file with spaces.txt"))).hasSize(7);
        try (var lines = Files.lines(fs.getPath("/README.txt"))) {
            assertThat(lines.count()).isPositive();
        }
    }
}
