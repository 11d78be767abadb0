package io.cernvm.cvmfs;

import io.cernvm.cvmfs.config.ClientConfiguration;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * A reading process for the cache-sharing tests: opens the fixture over HTTP with a disk cache
 * and reads every file given, printing {@code <sha1> <path>} per file; with {@code loop} it
 * reads them again and again until killed.
 *
 * <p>Arguments: server URL, public key, cache directory, quota in bytes (-1 unmanaged), work
 * directory, {@code once}, {@code loop} or {@code together:<file>} (once, but after opening the
 * repository print {@code ready} and wait until the file exists, so two readers start reading
 * at the same moment), then the paths.
 */
public final class CacheReaderMain {

    private CacheReaderMain() {
    }

    /**
     * @param args see the class comment
     * @throws Exception on any failure (the test sees a non-zero exit)
     */
    public static void main(String[] args) throws Exception {
        ClientConfiguration cfg = ClientConfiguration.builder().noRoot()
                .set("CVMFS_SERVER_URL", args[0]).set("CVMFS_HTTP_PROXY", "DIRECT").set("CVMFS_PUBLIC_KEY", args[1])
                .set("CVMFS_MAX_RETRIES", "0").load(FixtureRepository.FQRN);
        CvmfsClient client = CvmfsClient.builder().configuration(cfg).diskCache(Path.of(args[2]), Long.parseLong(args[3]))
                .workDirectory(Path.of(args[4])).clock(Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC)).build();
        boolean loop = args[5].equals("loop");
        try (Repository r = client.open(FixtureRepository.FQRN)) {
            if (args[5].startsWith("together:")) {
                Path go = Path.of(args[5].substring("together:".length()));
                System.out.println("ready");
                System.out.flush();
                while (!java.nio.file.Files.exists(go)) {
                    Thread.sleep(5);
                }
            }
            do {
                for (int i = 6; i < args.length; i++) {
                    byte[] content = r.readAllBytes(args[i]);
                    System.out.println(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content)) + " " + args[i]);
                }
            } while (loop);
        }
    }
}
