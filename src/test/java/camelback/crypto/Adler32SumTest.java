package camelback.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Adler32SumTest {
    private static final byte[] DATA = data();

    private static byte[] data() {
        byte[] b = new byte[300_000];
        new Random(7).nextBytes(b);
        // a run of 0xff pushes both sums past the modulus many times over
        java.util.Arrays.fill(b, 100_000, 200_000, (byte) 0xff);
        return b;
    }

    @Test
    void joinedPiecesGiveTheChecksumOfTheWhole() {
        int whole = Adler32Sum.zlib(DATA, 0, DATA.length);
        Random random = new Random(1);
        for (int round = 0; round < 50; round++) {
            int sum = Adler32Sum.EMPTY;
            int off = 0;
            while (off < DATA.length) {
                int len = Math.min(DATA.length - off, random.nextInt(70_000));
                sum = Adler32Sum.join(sum, Adler32Sum.zlib(DATA, off, len), len);
                off += len;
            }
            assertThat(sum).isEqualTo(whole);
        }
    }

    @Test
    void joiningNothingChangesNothing() {
        int head = Adler32Sum.zlib(DATA, 0, 1000);
        assertThat(Adler32Sum.join(head, Adler32Sum.EMPTY, 0)).isEqualTo(head);
        assertThat(Adler32Sum.join(Adler32Sum.EMPTY, head, 1000)).isEqualTo(head);
    }

    @Test
    void libdeflateChecksumsAsZlibDoes() {
        assumeTrue(NativeDeflate.system().isPresent(), "libdeflate is not installed");
        NativeDeflate libdeflate = NativeDeflate.system().orElseThrow();
        for (int len : new int[] {0, 1, 5552, 65_536, 200_001, DATA.length}) {
            assertThat(libdeflate.adler32(DATA, DATA.length - len, len)).isEqualTo(Adler32Sum.zlib(DATA, DATA.length - len, len));
        }
    }
}
