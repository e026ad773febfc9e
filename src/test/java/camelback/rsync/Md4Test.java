package camelback.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import camelback.ffi.NativeLibraries;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.digests.MD4Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our Java MD4 and, where the system has it, OpenSSL's, which {@link BlockMd4#create} switches to. */
class Md4Test {

    @ParameterizedTest
    @CsvSource({
        "'', 31d6cfe0d16ae931b73c59d7e0c089c0",
        "a, bde52cb31de33e46245e05fbdbd6fb24",
        "abc, a448017aaf21d8525fc10ae87aa6729d",
        "message digest, d9130a8164549fe818874806e1c7014b",
        "abcdefghijklmnopqrstuvwxyz, d79e1c308aa5bbcdeea8ed63df412da9",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789, 043f8582f241db351ce627e153e7f0e4",
        "12345678901234567890123456789012345678901234567890123456789012345678901234567890, e33b4ddc9c38f2199c3e7b164fcc0536"
    })
    void matchesRfc1320TestSuite(String message, String expected) {
        byte[] in = message.getBytes(StandardCharsets.US_ASCII);
        assertThat(HexFormat.of().formatHex(md4(in, 0, in.length))).isEqualTo(expected);
    }

    @Test
    void agreesWithBouncyCastleAtEveryLengthAroundThePaddingBoundaries() {
        byte[] data = RollsumTest.randomBytes(300, 5);
        for (int len = 0; len <= 260; len++) {
            MD4Digest reference = new MD4Digest();
            reference.update(data, 3, len);
            byte[] expected = new byte[16];
            reference.doFinal(expected, 0);
            assertThat(md4(data, 3, len)).as("length %d", len).isEqualTo(expected);
        }
    }

    @Test
    void theSystemMd4IsOpenSslsWhenLibcryptoIsInstalled() {
        // .ci/run installs libssl3, and surefire opens the foreign-function module.
        assumeTrue(NativeLibraries.find(null, "libcrypto.so.3", "libcrypto.so").isPresent(), "no libcrypto");

        assertThat(BlockMd4.SystemLibrary.OPENSSL).get().isInstanceOf(OpenSslMd4.class);
    }

    @Test
    void systemMd4AgreesWithTheJavaOneOnBlocksOfEverySignatureSizeAtAnyOffset() {
        byte[] data = RollsumTest.randomBytes(70_000, 11);
        BlockMd4 system = BlockMd4.SystemLibrary.OPENSSL.orElseGet(Md4::new);
        Random picks = new Random(13);
        for (int i = 0; i < 2_000; i++) {
            int len = i < 4 ? new int[] {512, 2048, 4096, 65_536}[i] : picks.nextInt(5_000);
            int off = picks.nextInt(data.length - len + 1);
            byte[] expected = md4(data, off, len);
            byte[] actual = new byte[20];
            system.digest(data, off, len, actual, 3);

            assertThat(Arrays.copyOfRange(actual, 3, 19)).as("length %d at %d", len, off).isEqualTo(expected);
        }
    }

    private static byte[] md4(byte[] in, int off, int len) {
        byte[] out = new byte[16];
        new Md4().digest(in, off, len, out, 0);
        return out;
    }
}
