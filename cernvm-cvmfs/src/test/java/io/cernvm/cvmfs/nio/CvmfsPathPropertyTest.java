package io.cernvm.cvmfs.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.cernvm.cvmfs.Repository;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The path parser and path algebra: laws that hold for every path, and hostile strings. */
class CvmfsPathPropertyTest {

    /** A file system whose repository is never touched: path operations are pure. */
    private static final CvmfsFileSystem FS = new CvmfsFileSystem(new CvmfsFileSystemProvider(Path.of("/nonexistent"), Map.of()),
            (Repository) Proxy.newProxyInstance(Repository.class.getClassLoader(), new Class<?>[] {Repository.class}, (proxy, m, args) -> {
                if (m.getName().equals("name")) {
                    return "test.cern.ch";
                }
                throw new AssertionError("a path operation touched the repository: " + m.getName());
            }));

    private static final Gen<String> NAME = arbitrary().pick(List.of("a", "b", "c", ".", "..", "ü", "x y", "%", "?#", ".hidden", "a:b"));
    private static final Gen<String> PLAIN_NAME = arbitrary().pick(List.of("a", "b", "c", "ü", "x y", "%", "?#", ".hidden"));

    private static Gen<CvmfsPath> paths(Gen<String> names) {
        return booleans().all().zip(lists().of(names).ofSizeBetween(0, 6), (abs, n) -> new CvmfsPath(FS, abs, n));
    }

    private static final Gen<CvmfsPath> ANY = paths(NAME);
    private static final Gen<CvmfsPath> PLAIN = paths(PLAIN_NAME);

    private static CvmfsPath p(String s) {
        return FS.getPath(s);
    }

    @Test
    void parsingTheStringFormGivesThePathBack() {
        qt().forAll(ANY).checkAssert(p -> {
            assertThat(FS.getPath(p.toString())).isEqualTo(p);
            assertThat(FS.getPath(p.toString() + "/")).isEqualTo(p.toString().isEmpty() ? p(("/")) : p);
            assertThat(p.toAbsolutePath().isAbsolute()).isTrue();
        });
    }

    @Test
    void normalizeIsIdempotentAndLeavesNoDotsInside() {
        qt().forAll(ANY).checkAssert(p -> {
            CvmfsPath n = p.normalize();
            assertThat(n.normalize()).isEqualTo(n);
            assertThat(n.isAbsolute()).isEqualTo(p.isAbsolute());
            assertThat(n.names()).doesNotContain(".");
            int firstNonParent = 0;
            while (firstNonParent < n.names().size() && n.names().get(firstNonParent).equals("..")) {
                firstNonParent++;
            }
            assertThat(n.names().subList(firstNonParent, n.names().size())).doesNotContain("..");
            if (p.isAbsolute()) {
                assertThat(firstNonParent).isZero();
            }
        });
    }

    @Test
    void resolveAndRelativizeAreInverse() {
        qt().forAll(PLAIN, lists().of(PLAIN_NAME).ofSizeBetween(0, 6)).checkAssert((a, names) -> {
            CvmfsPath b = new CvmfsPath(FS, a.isAbsolute(), names);
            CvmfsPath r = a.relativize(b);
            assertThat(r.isAbsolute()).isFalse();
            assertThat(a.resolve(r).normalize()).isEqualTo(b);
        });
        qt().forAll(PLAIN, lists().of(PLAIN_NAME).ofSizeBetween(0, 5)).checkAssert((a, names) -> {
            CvmfsPath rel = new CvmfsPath(FS, false, names);
            assertThat(a.relativize(a.resolve(rel))).isEqualTo(rel);
            // as UnixPath, the empty path is a prefix of nothing but itself
            assertThat(a.resolve(rel).startsWith(a)).isEqualTo(!a.toString().isEmpty() || names.isEmpty());
            if (!names.isEmpty()) {
                assertThat(a.resolve(rel).endsWith(rel)).isTrue();
            }
        });
    }

    @Test
    void resolveHonoursAbsoluteAndEmptyPaths() {
        qt().forAll(ANY, ANY).checkAssert((a, b) -> {
            CvmfsPath r = a.resolve(b);
            if (b.isAbsolute()) {
                assertThat(r).isSameAs(b);
            } else {
                assertThat(r.isAbsolute()).isEqualTo(a.isAbsolute());
                assertThat(r.toString()).isEqualTo(b.toString().isEmpty() ? a.toString()
                        : a.toString().isEmpty() ? b.toString() : a.toString().endsWith("/") ? a + b.toString() : a + "/" + b);
            }
            assertThat(a.resolve(p(""))).isEqualTo(a);
        });
    }

    @Test
    void partsAgreeWithTheWhole() {
        qt().forAll(ANY).checkAssert(p -> {
            List<Path> names = new ArrayList<>();
            p.forEach(names::add);
            if (!p.toString().isEmpty() && !p.toString().equals("/")) {
                assertThat(names).hasSize(p.getNameCount());
                assertThat(p.getFileName()).isEqualTo(p.getName(p.getNameCount() - 1));
                assertThat(p.endsWith(p.getFileName())).isTrue();
                assertThat(p.subpath(0, p.getNameCount())).isEqualTo(new CvmfsPath(FS, false, p.names()));
                CvmfsPath parent = p.getParent();
                if (parent != null) {
                    assertThat(p.startsWith(parent)).isTrue();
                    assertThat(parent.resolve(p.getFileName())).isEqualTo(p);
                }
            }
            assertThat(p.startsWith(p)).isTrue();
            assertThat(p.endsWith(p)).isTrue();
            assertThat(p.compareTo(p)).isZero();
            assertThat(p.equals(p(p.toString()))).isTrue();
            assertThat(p.hashCode()).isEqualTo(p(p.toString()).hashCode());
        });
    }

    @Test
    void urisRoundTrip() {
        qt().forAll(ANY).checkAssert(p -> {
            URI uri = p.toUri();
            URI reparsed = URI.create(uri.toASCIIString());
            assertThat(CvmfsFileSystemProvider.repositoryOf(reparsed)).isEqualTo("test.cern.ch");
            assertThat(FS.getPath(reparsed.getPath())).isEqualTo(p.toAbsolutePath());
        });
    }

    @Test
    void hostileStringsParseOrFailOnlyWithInvalidPathException() {
        qt().withExamples(2000).forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(s -> {
            CvmfsPath p;
            try {
                p = FS.getPath(s);
            } catch (InvalidPathException e) {
                assertThat(s.contains("\0") || !StandardCharsets.UTF_8.newEncoder().canEncode(s)).isTrue();
                assertThat(e.getIndex()).isBetween(0, s.length() - 1);
                return;
            }
            assertThat(s).doesNotContain("\0");
            assertThat(p.normalize().toString()).doesNotContain("//");
            assertThat(FS.getPath(p.toString())).isEqualTo(p);
            URI reparsed = URI.create(p.toUri().toASCIIString());
            assertThat(FS.getPath(reparsed.getPath())).isEqualTo(p.toAbsolutePath());
        });
        qt().forAll(lists().of(arbitrary().pick(List.of("/", ".", "..", "a", "\0", "", "é", "//", "\\"))).ofSizeBetween(0, 12))
                .checkAssert(parts -> {
                    String s = String.join("", parts);
                    try {
                        FS.getPath(s).normalize().toAbsolutePath().toUri();
                    } catch (InvalidPathException e) {
                        assertThat(s).contains("\0");
                    }
                });
    }

    @Test
    void examples() {
        assertThat(p("/a//b/").toString()).isEqualTo("/a/b");
        assertThat(FS.getPath("a", "", "b", "c/d")).isEqualTo(p("a/b/c/d"));
        assertThat(p("/a/./b/../../..").normalize()).isEqualTo(p("/"));
        assertThat(p("a/../../b").normalize()).isEqualTo(p("../b"));
        assertThat(p("/a/b").relativize(p("/a/c/d"))).isEqualTo(p("../c/d"));
        assertThat(p("/a/b").relativize(p("/a/b"))).isEqualTo(p(""));
        assertThat(p("").getFileName()).isEqualTo(p(""));
        assertThat(p("").getNameCount()).isEqualTo(1);
        assertThat(p("/").getFileName()).isNull();
        assertThat(p("/").getParent()).isNull();
        assertThat(p("/a").getParent()).isEqualTo(p("/"));
        assertThat(p("a").getParent()).isNull();
        assertThat(p("/a/b").getRoot()).isEqualTo(p("/"));
        assertThat(p("a/b").getRoot()).isNull();
        assertThat(p("/a/b").startsWith(p("/a"))).isTrue();
        assertThat(p("/a/b").startsWith(p("a"))).isFalse();
        assertThat(p("/a/b").endsWith(p("/a/b"))).isTrue();
        assertThat(p("/a/b").endsWith(p("a/b"))).isTrue();
        assertThat(p("/ab").startsWith(p("/a"))).isFalse();
        assertThat(p("a").startsWith(p(""))).isFalse();
        assertThatThrownBy(() -> p("/a").relativize(p("a"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p("/a").getName(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p("/a/b").subpath(1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p("/a").resolve(Path.of("b"))).isInstanceOf(java.nio.file.ProviderMismatchException.class);
        assertThatThrownBy(() -> p("a\0b")).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> p("a\uD800b")).isInstanceOf(InvalidPathException.class);
        assertThat(p("/e\u0301").toUri().getPath()).isEqualTo("/e\u0301");
        assertThat(p("/\uD83D\uDE00").toUri().toASCIIString()).isEqualTo("cvmfs://test.cern.ch/%F0%9F%98%80");
        assertThatThrownBy(() -> p("/a").toFile()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(p("/a b/ü").toUri().toASCIIString()).isEqualTo("cvmfs://test.cern.ch/a%20b/%C3%BC");
    }
}
