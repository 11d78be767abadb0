package io.cernvm.context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A realistic CernVM context bundled with the library: a MIME multipart with an amiconfig part
 * (a leading script, {@code [amiconfig]}, {@code [cernvm]}, {@code [condor]} and a
 * {@code [ucernvm-begin]} block, all 7bit so the bootloader and amiconfig see them), a
 * cloud-config part and a shell script. What {@code cernvm userdata inspect} shows with no file.
 */
public final class ExampleUserData {

    /** The resource's name, for messages. */
    public static final String NAME = "bundled example (io/cernvm/context/example-user-data.txt)";

    private ExampleUserData() {
    }

    /** @return the example's bytes */
    public static byte[] bytes() {
        try (InputStream in = ExampleUserData.class.getResourceAsStream("example-user-data.txt")) {
            if (in == null) {
                throw new IllegalStateException("the bundled example user data is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
