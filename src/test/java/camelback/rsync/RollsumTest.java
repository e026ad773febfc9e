package camelback.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RollsumTest {

    @Test
    void helloWorldMatchesTheSpecWorkedExample() {
        byte[] hello = "Hello, world!\n".getBytes(StandardCharsets.US_ASCII);
        Rollsum sum = new Rollsum();
        sum.update(hello, 0, hello.length);
        assertThat(sum.digest()).isEqualTo(0x319b0645);
        assertThat(sum.count()).isEqualTo(14);
    }

    @Test
    void updatingInPiecesEqualsUpdatingAtOnce() {
        byte[] data = randomBytes(5000, 1);
        Rollsum whole = new Rollsum();
        whole.update(data, 0, data.length);
        Rollsum pieces = new Rollsum();
        pieces.update(data, 0, 17);
        pieces.update(data, 17, 3000);
        pieces.update(data, 3017, data.length - 3017);
        assertThat(pieces.digest()).isEqualTo(whole.digest());
    }

    @Test
    void rotatingEqualsRecomputingTheShiftedWindow() {
        byte[] data = randomBytes(3000, 2);
        int n = 512;
        Rollsum rolling = new Rollsum();
        rolling.update(data, 0, n);
        for (int start = 1; start + n <= data.length; start++) {
            rolling.rotate(data[start - 1], data[start + n - 1]);
            assertThat(rolling.digest()).isEqualTo(Rollsum.of(data, start, n));
        }
    }

    @Test
    void rollingOutEqualsRecomputingTheShrunkWindow() {
        byte[] data = randomBytes(700, 3);
        Rollsum rolling = new Rollsum();
        rolling.update(data, 0, data.length);
        for (int start = 1; start < data.length; start++) {
            rolling.rollout(data[start - 1]);
            assertThat(rolling.count()).isEqualTo(data.length - start);
            assertThat(rolling.digest()).isEqualTo(Rollsum.of(data, start, data.length - start));
        }
    }

    @Test
    void resetForgetsEverything() {
        byte[] data = randomBytes(100, 4);
        Rollsum sum = new Rollsum();
        sum.update(data, 0, data.length);
        sum.reset();
        assertThat(sum.count()).isZero();
        assertThat(sum.digest()).isZero();
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
