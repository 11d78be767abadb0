package io.cernvm.cvmfs.internal.object;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HashAlgorithmTest {

    private static String hex(HashAlgorithm a, String input) {
        return ContentHash.of(a, input.getBytes(StandardCharsets.UTF_8), ObjectType.FILE).toString();
    }

    @Test
    void reproducesUpstreamTestVectors() {
        // test/unittests/t_shash.cc, via cvmfs-format.md §2
        assertThat(hex(HashAlgorithm.RIPEMD160, "")).isEqualTo("9c1185a5c5e9fc54612808977ee8f548b2258d31-rmd160");
        assertThat(hex(HashAlgorithm.SHAKE128, "")).isEqualTo("7f9c2ba4e88f827d616045507605853ed73b8093-shake128");
        assertThat(hex(HashAlgorithm.SHAKE128, "abc")).isEqualTo("5881092dd818bf5cf8a3ddb793fbcba74097d5c5-shake128");
        assertThat(hex(HashAlgorithm.SHA1, "")).isEqualTo("da39a3ee5e6b4b0d3255bfef95601890afd80709");
    }

    @Test
    void agreesWithTheJdkForSha1AndMd5() throws Exception {
        byte[] data = "hello world\n".getBytes(StandardCharsets.UTF_8);
        assertThat(HashAlgorithm.SHA1.digest(data)).isEqualTo(MessageDigest.getInstance("SHA-1").digest(data));
        assertThat(HashAlgorithm.MD5.digest(data)).isEqualTo(MessageDigest.getInstance("MD5").digest(data));
    }

    @Test
    void incrementalHashingEqualsOneShot() {
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        for (HashAlgorithm a : HashAlgorithm.values()) {
            byte[] one = a.digest(data);
            byte[] two = a.newHasher().update(data, 0, 300).update(data, 300, 700).finish();
            assertThat(two).as(a.name()).isEqualTo(one);
        }
    }

    @Test
    void decodesTheAlgorithmFromCatalogFlags() {
        assertThat(HashAlgorithm.fromCatalogFlags(4)).contains(HashAlgorithm.SHA1);
        assertThat(HashAlgorithm.fromCatalogFlags(4 | (1 << 8))).contains(HashAlgorithm.RIPEMD160);
        assertThat(HashAlgorithm.fromCatalogFlags(68 | (2 << 8) | (1 << 11))).contains(HashAlgorithm.SHAKE128);
        assertThat(HashAlgorithm.fromCatalogFlags(5 << 8)).isEmpty();
        assertThat(HexFormat.of().formatHex(HashAlgorithm.MD5.digest(new byte[0])))
                .isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }
}
