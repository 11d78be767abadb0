package io.cernvm.cvmfs.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cernvm.cvmfs.FixtureRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every operation that would write throws {@link ReadOnlyFileSystemException}, whether the path exists or not. */
class ReadOnlyTest {

    @TempDir
    static Path tmp;
    static CvmfsFileSystem fs;

    @BeforeAll
    static void open() throws IOException {
        Path repo = FixtureRepository.unpack(NioFixture.FIXTURE, tmp.resolve("repo"));
        fs = NioFixture.provider(tmp.resolve("no-config")).newFileSystem(NioFixture.REPOSITORY,
                NioFixture.env(repo, tmp.resolve("work"), Map.of()));
    }

    @AfterAll
    static void close() {
        fs.close();
    }

    @Test
    void everyMutatorIsRefused() throws IOException {
        Path file = fs.getPath("/small/a.txt");
        Path dir = fs.getPath("/small");
        Path missing = fs.getPath("/small/new.txt");
        Path local = Files.writeString(tmp.resolve("local.txt"), "x");
        Map<String, ThrowingCallable> writes = new LinkedHashMap<>();
        writes.put("write option", () -> Files.newByteChannel(file, StandardOpenOption.WRITE));
        writes.put("append option", () -> Files.newByteChannel(file, StandardOpenOption.APPEND));
        writes.put("create option", () -> Files.newByteChannel(missing, StandardOpenOption.CREATE, StandardOpenOption.WRITE));
        writes.put("create new", () -> Files.newByteChannel(missing, StandardOpenOption.CREATE_NEW));
        writes.put("delete on close", () -> Files.newByteChannel(file, StandardOpenOption.DELETE_ON_CLOSE));
        writes.put("output stream", () -> Files.newOutputStream(file));
        writes.put("write", () -> Files.write(file, new byte[1]));
        writes.put("writeString", () -> Files.writeString(missing, "x"));
        writes.put("file channel", () -> fs.provider().newFileChannel(file, java.util.Set.of(StandardOpenOption.WRITE)));
        writes.put("createFile", () -> Files.createFile(missing));
        writes.put("createDirectory", () -> Files.createDirectory(missing));
        writes.put("createDirectories", () -> Files.createDirectories(fs.getPath("/new/deeper")));
        writes.put("createSymbolicLink", () -> Files.createSymbolicLink(missing, file));
        writes.put("createLink", () -> Files.createLink(missing, file));
        writes.put("delete", () -> Files.delete(file));
        writes.put("delete missing", () -> Files.delete(missing));
        writes.put("deleteIfExists", () -> Files.deleteIfExists(dir));
        writes.put("copy inside", () -> Files.copy(file, missing));
        writes.put("copy in", () -> Files.copy(local, missing));
        writes.put("move", () -> Files.move(file, missing, StandardCopyOption.ATOMIC_MOVE));
        writes.put("setAttribute", () -> Files.setAttribute(file, "posix:permissions", PosixFilePermissions.fromString("rwx------")));
        writes.put("setLastModifiedTime", () -> Files.setLastModifiedTime(file, FileTime.fromMillis(0)));
        writes.put("setPosixFilePermissions", () -> Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------")));
        writes.put("setOwner", () -> Files.setOwner(file, fs.getUserPrincipalLookupService().lookupPrincipalByName("1")));
        writes.put("view setGroup", () -> Files.getFileAttributeView(file, PosixFileAttributeView.class)
                .setGroup(fs.getUserPrincipalLookupService().lookupPrincipalByGroupName("1")));
        writes.put("view setTimes", () -> Files.getFileAttributeView(file, CvmfsFileAttributeView.class).setTimes(null, null, null));
        writes.forEach((what, op) -> assertThatThrownBy(op).as(what).isInstanceOf(ReadOnlyFileSystemException.class));
        assertThat(Files.readString(file)).isEqualTo(Files.readString(fs.getPath("/small/a.txt")));
        assertThat(Files.notExists(missing)).isTrue();
    }

    @Test
    void copyingOutOfTheRepositoryWorks() throws IOException {
        Path out = tmp.resolve("copied.txt");
        Files.copy(fs.getPath("/nested/inner/leaf.txt"), out);
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(fs.getPath("/nested/inner/leaf.txt")));
    }
}
