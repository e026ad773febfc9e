package camelback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An argument the JVM decoded lossily is found again, by that decoding, among the command line's bytes. */
class RawArgumentsTest {
    private static final byte[] LATIN1 = {'d', '/', 'c', 'a', 'f', (byte) 0xe9, '.', 't', 'x', 't'};
    private static final String SEEN = new String(LATIN1, StandardCharsets.UTF_8);

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aSeparateArgumentIsFoundWhole() {
        assertThat(SEEN).contains("\uFFFD");
        assertThat(RawArguments.find(SEEN, List.of(ascii("java"), ascii("--file-to-restore"), LATIN1))).contains(LATIN1);
    }

    @Test
    void anOptionsValueIsFoundAfterItsEqualsSign() {
        byte[] option = new byte[LATIN1.length + 18];
        System.arraycopy(ascii("--file-to-restore="), 0, option, 0, 18);
        System.arraycopy(LATIN1, 0, option, 18, LATIN1.length);
        assertThat(RawArguments.find(SEEN, List.of(ascii("restore"), option))).contains(LATIN1);
    }

    @Test
    void anArgumentNotOnTheCommandLineIsNotFound() {
        assertThat(RawArguments.find(SEEN, List.of(ascii("restore"), ascii("d/cafe.txt")))).isEmpty();
    }

    @Test
    void aCleanArgumentIsItsUtf8() {
        assertThat(RawArguments.bytesOf("d/ünï.txt")).isEqualTo("d/ünï.txt".getBytes(StandardCharsets.UTF_8));
    }
}
