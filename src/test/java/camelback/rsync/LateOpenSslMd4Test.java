package camelback.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Java's MD4 until the process has hashed enough, then OpenSSL's: the same digests either way. */
class LateOpenSslMd4Test {
    private static final int BLOCK = 2048;
    private final byte[] data = RollsumTest.randomBytes(40 * BLOCK, 17);

    @Test
    void switchesToOpenSslOnceTheProcessHashedTheSwitchBytesAndKeepsTheDigests() {
        assumeTrue(BlockMd4.SystemLibrary.OPENSSL.isPresent(), "no libcrypto");
        AtomicLong hashed = new AtomicLong();
        LateOpenSslMd4 first = new LateOpenSslMd4(hashed, 10L * BLOCK, () -> BlockMd4.SystemLibrary.OPENSSL);
        LateOpenSslMd4 second = new LateOpenSslMd4(hashed, 10L * BLOCK, () -> BlockMd4.SystemLibrary.OPENSSL);
        for (int i = 0; i < 9; i++) {
            assertDigest(i % 2 == 0 ? first : second, i);
        }
        assertThat(first.switched()).isFalse();
        assertThat(second.switched()).isFalse();
        assertDigest(first, 9);
        assertThat(first.switched()).as("its own digests reached the sum").isTrue();
        assertThat(second.switched()).as("switches at its next digest").isFalse();
        assertDigest(second, 10);
        assertThat(second.switched()).isTrue();
        for (int i = 11; i < 40; i++) {
            assertDigest(i % 2 == 0 ? first : second, i);
        }
        LateOpenSslMd4 later = new LateOpenSslMd4(hashed, 10L * BLOCK, () -> BlockMd4.SystemLibrary.OPENSSL);
        assertThat(later.switched()).as("made after the switch").isTrue();
    }

    @Test
    void staysWithJavaWhenTheSystemHasNoOpenSsl() {
        LateOpenSslMd4 md4 = new LateOpenSslMd4(new AtomicLong(), BLOCK, Optional::empty);
        for (int i = 0; i < 40; i++) {
            assertDigest(md4, i);
        }
        assertThat(md4.switched()).isFalse();
    }

    @Test
    void buildersHashThroughTheSwitchingMd4() {
        assertThat(BlockMd4.create()).isInstanceOf(LateOpenSslMd4.class);
    }

    private void assertDigest(BlockMd4 md4, int block) {
        byte[] expected = new byte[Md4.DIGEST_LENGTH];
        new Md4().digest(data, block * BLOCK, BLOCK, expected, 0);
        byte[] actual = new byte[Md4.DIGEST_LENGTH];
        md4.digest(data, block * BLOCK, BLOCK, actual, 0);
        assertThat(actual).as("block %d", block).isEqualTo(expected);
    }
}
