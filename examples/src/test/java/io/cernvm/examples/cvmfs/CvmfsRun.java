package io.cernvm.examples.cvmfs;

import io.cernvm.examples.CernvmCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One in-process run of {@code cernvm} with a byte stream as standard output, so that
 * {@code cvmfs cat} output is compared byte for byte.
 *
 * @param exitCode the exit code
 * @param stdout   standard output as written
 * @param err      standard error
 */
record CvmfsRun(int exitCode, byte[] stdout, String err) {

    /**
     * @param args the arguments after {@code cernvm}
     * @return the run
     */
    static CvmfsRun of(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code = CernvmCommand.run(args.toArray(String[]::new), out, new PrintWriter(err));
        return new CvmfsRun(code, out.toByteArray(), err.toString());
    }

    /**
     * @param head  the leading arguments
     * @param more  the rest
     * @return the run
     */
    static CvmfsRun of(List<String> head, String... more) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(more));
        return of(all);
    }

    /** @return standard output as UTF-8 text */
    String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** @return the lines of standard error */
    List<String> errLines() {
        return err.lines().toList();
    }
}
