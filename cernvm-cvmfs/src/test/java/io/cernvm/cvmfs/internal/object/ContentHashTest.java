package io.cernvm.cvmfs.internal.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import io.cernvm.api.IntegrityException;
import org.junit.jupiter.api.Test;

class ContentHashTest {

    @Test
    void parsesEachAlgorithmByLength() {
        ContentHash sha1 = ContentHash.parse("36f949c653fc2441ce46b7c123751c813a04f65c", ObjectType.CATALOG);
        assertThat(sha1.algorithm()).isEqualTo(HashAlgorithm.SHA1);
        assertThat(sha1.objectPath()).isEqualTo("data/36/f949c653fc2441ce46b7c123751c813a04f65cC");
        assertThat(sha1.toString()).isEqualTo("36f949c653fc2441ce46b7c123751c813a04f65c");

        ContentHash rmd = ContentHash.parse("9c1185a5c5e9fc54612808977ee8f548b2258d31-rmd160", ObjectType.PARTIAL);
        assertThat(rmd.algorithm()).isEqualTo(HashAlgorithm.RIPEMD160);
        assertThat(rmd.objectPath()).isEqualTo("data/9c/1185a5c5e9fc54612808977ee8f548b2258d31-rmd160P");

        ContentHash shake = ContentHash.parse("7f9c2ba4e88f827d616045507605853ed73b8093-shake128", ObjectType.FILE);
        assertThat(shake.algorithm()).isEqualTo(HashAlgorithm.SHAKE128);
        assertThat(shake.toSuffixedString()).isEqualTo("7f9c2ba4e88f827d616045507605853ed73b8093-shake128");
    }

    @Test
    void parsesNamesWithSuffix() {
        ContentHash h = ContentHash.parseWithSuffix("36f949c653fc2441ce46b7c123751c813a04f65cC");
        assertThat(h.type()).isEqualTo(ObjectType.CATALOG);
        assertThat(ContentHash.parseWithSuffix("36f949c653fc2441ce46b7c123751c813a04f65c").type())
                .isEqualTo(ObjectType.FILE);
        assertThat(ContentHash.parseWithSuffix("9c1185a5c5e9fc54612808977ee8f548b2258d31-rmd160X").type())
                .isEqualTo(ObjectType.CERTIFICATE);
    }

    @Test
    void refusesMalformedHashes() {
        assertThat(ContentHash.tryParse("36F949C653FC2441CE46B7C123751C813A04F65C", ObjectType.FILE)).isEmpty();
        assertThat(ContentHash.tryParse("36f949c653fc2441ce46b7c123751c813a04f65", ObjectType.FILE)).isEmpty();
        assertThat(ContentHash.tryParse("9c1185a5c5e9fc54612808977ee8f548b2258d31-shake1", ObjectType.FILE)).isEmpty();
        assertThat(ContentHash.tryParse("", ObjectType.FILE)).isEmpty();
        assertThatThrownBy(() -> ContentHash.parseWithSuffix("../../etc/passwd")).isInstanceOf(IntegrityException.class);
    }

    @Test
    void theEmptyObjectHasItsKnownName() {
        byte[] empty = ZlibCodec.deflate(new byte[0]);
        assertThat(ContentHash.of(HashAlgorithm.SHA1, HexOf.bytes("789c030000000001"), ObjectType.FILE).toString())
                .isEqualTo("e8ec3d88b62ebf526e4e5a4ff6162a3aa48a6b78");
        assertThat(ZlibCodec.inflate(empty, 0, io.cernvm.api.FaultLocation.NOWHERE)).isEmpty();
    }

    @Test
    void propertyArbitraryTextParsesOrIsRefusedWithTypedErrors() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 60)).checkAssert(s -> {
            try {
                ContentHash h = ContentHash.parseWithSuffix(s);
                assertThat(h.toSuffixedString()).isEqualTo(s);
            } catch (IntegrityException expected) {
                assertThat(expected.getMessage()).contains("not an object name");
            }
        });
    }

    @Test
    void propertyNearHashesRoundTripOrAreRefused() {
        qt().forAll(HostileInput.stringsOver("0123456789abcdefABX-rmdshake168C", 52)).checkAssert(s -> {
            ContentHash.tryParse(s, ObjectType.FILE).ifPresent(h -> {
                assertThat(h.toString()).isEqualTo(s);
                assertThat(ContentHash.parse(h.toString(), ObjectType.FILE)).isEqualTo(h);
            });
        });
    }

    @Test
    void propertyEveryDigestRoundTripsThroughItsHexForm() {
        qt().forAll(HostileInput.bytes(100), integers().between(1, 3)).checkAssert((data, code) -> {
            HashAlgorithm a = HashAlgorithm.values()[code];
            ContentHash h = ContentHash.of(a, data, ObjectType.PARTIAL);
            assertThat(ContentHash.parseWithSuffix(h.toSuffixedString())).isEqualTo(h);
            assertThat(h.matches(data)).isTrue();
            assertThat(h.objectPath()).matches("data/[0-9a-f]{2}/[0-9a-f]{38}(-rmd160|-shake128)?P");
        });
    }

    @Test
    void propertyTheObjectPathIsTheHexSplitAfterTwoDigitsWithIdAndSuffix() {
        qt().forAll(HostileInput.bytes(100), integers().between(1, 3), integers().between(0, ObjectType.values().length - 1))
                .checkAssert((data, code, type) -> {
                    HashAlgorithm a = HashAlgorithm.values()[code];
                    ObjectType t = ObjectType.values()[type];
                    ContentHash h = ContentHash.of(a, data, t);
                    String hex = h.hex();
                    assertThat(h.objectPath()).isEqualTo("data/" + hex.substring(0, 2) + "/" + hex.substring(2) + a.id() + t.suffix());
                    ContentHash same = ContentHash.parse(h.toString(), t);
                    assertThat(same).isEqualTo(h).hasSameHashCodeAs(h);
                    assertThat(h.withType(t == ObjectType.FILE ? ObjectType.CATALOG : ObjectType.FILE)).isNotEqualTo(h);
                });
    }
}
