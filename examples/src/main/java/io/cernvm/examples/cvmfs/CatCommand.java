package io.cernvm.examples.cvmfs;

import io.cernvm.cvmfs.Repository;
import io.cernvm.examples.CliErrors;
import io.cernvm.examples.CliFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cernvm cvmfs cat cvmfs://FQRN/PATH}: a file's content on standard output, streamed
 * chunk by chunk; each chunk is verified against its hash before any of its bytes is written.
 */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = "Write a file's content to standard output (symlinks followed); only verified bytes are written.")
public final class CatCommand implements Runnable {

    private static final int BUFFER = 1 << 16;

    @ParentCommand
    CvmfsCommand cvmfs;

    @Parameters(index = "0", paramLabel = "cvmfs://FQRN/PATH", description = "the file")
    String uri;

    @Override
    public void run() {
        CvmfsUri target = CvmfsUri.parse(uri);
        OutputStream stdout = cvmfs.stdout();
        PrintWriter text = cvmfs.out();
        try (Repository repo = cvmfs.open(target.fqrn()); SeekableByteChannel ch = repo.open(target.path())) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            text.flush();
            while (ch.read(buffer.clear()) >= 0) {
                buffer.flip();
                if (stdout != null) {
                    stdout.write(buffer.array(), 0, buffer.limit());
                } else {
                    for (int i = 0; i < buffer.limit(); i++) {
                        text.write(buffer.get(i) & 0xff); // a character writer only: one character per byte
                    }
                }
            }
            if (stdout != null) {
                stdout.flush();
            }
        } catch (IOException e) {
            throw new CliFailure("cannot write " + target.path() + ": " + CliErrors.describeIo(e), CliErrors.USAGE);
        }
        text.flush();
    }
}
