package camelback.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bulk AES-CFB streams against the JDK's own CFB, written and read in pieces that cross block boundaries. */
class BulkCfbStreamsTest {
    private static final byte[] KEY = random(32, 256);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 17, 65_536, 65_537, 300_001})
    void encryptsAsTheJdksCfbWithAZeroIvWhateverThePieces(int size) throws Exception {
        byte[] plain = random(size, size);

        byte[] bulk = encrypt(plain, new Random(size));

        assertThat(bulk).isEqualTo(jdkCfb(Cipher.ENCRYPT_MODE, plain));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 16, 70_000, 300_001})
    void decryptsWhatItEncrypts(int size) throws Exception {
        byte[] plain = random(size, 7 * size);
        byte[] encrypted = encrypt(plain, new Random(3));

        ByteArrayOutputStream back = new ByteArrayOutputStream();
        try (InputStream in = new BulkCfbDecryptingStream(new ByteArrayInputStream(encrypted), KEY)) {
            in.transferTo(back);
        }

        assertThat(back.toByteArray()).isEqualTo(plain);
        assertThat(jdkCfb(Cipher.DECRYPT_MODE, encrypted)).isEqualTo(plain);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5})
    void closingClosesTheSinkAfterWritingEveryByte(int size) throws Exception {
        boolean[] closed = {false};
        ByteArrayOutputStream sink = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        try (OutputStream out = new BulkCfbEncryptingStream(sink, KEY)) {
            out.write(random(size, 1));
        }

        assertThat(closed[0]).isTrue();
        assertThat(sink.size()).isEqualTo(size);
    }

    /** Writes in pieces of 1 byte to 100 KB, and single bytes through write(int). */
    private static byte[] encrypt(byte[] plain, Random pieces) throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = new BulkCfbEncryptingStream(sink, KEY)) {
            int off = 0;
            while (off < plain.length) {
                int kind = pieces.nextInt(4);
                int n = Math.min(plain.length - off, kind == 0 ? 1 : kind == 1 ? 1 + pieces.nextInt(40)
                        : 1 + pieces.nextInt(100_000));
                if (n == 1 && kind == 0) {
                    out.write(plain[off]);
                } else {
                    out.write(plain, off, n);
                }
                off += n;
            }
        }
        return sink.toByteArray();
    }

    private static byte[] jdkCfb(int mode, byte[] input) throws Exception {
        Cipher cfb = Cipher.getInstance("AES/CFB/NoPadding");
        cfb.init(mode, new SecretKeySpec(KEY, "AES"), new IvParameterSpec(new byte[16]));
        return cfb.doFinal(input);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
