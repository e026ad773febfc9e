package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PathQuotingTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void quotesWhitespaceBackslashAndQuotesOnly() {
        assertThat(PathQuoting.quote(utf8("file with space.txt"))).isEqualTo(utf8("\"file\\x20with\\x20space.txt\""));
        assertThat(PathQuoting.quote(utf8("new\nline"))).isEqualTo(utf8("\"new\\x0aline\""));
        assertThat(PathQuoting.quote(utf8("q'uote\"back\\slash"))).isEqualTo(utf8("\"q\\x27uote\\x22back\\x5cslash\""));
        assertThat(PathQuoting.quote(utf8("ünïcödé-名前.txt"))).isEqualTo(utf8("ünïcödé-名前.txt"));
        byte[] bad = {'b', 'a', 'd', (byte) 0xff, (byte) 0xfe, 'n'};
        assertThat(PathQuoting.quote(bad)).isEqualTo(bad);
    }

    @Test
    void unquoteReversesQuote() {
        for (String s : new String[] {"file with space.txt", "new\nline", "q'uote\"back\\slash", "ünïcödé-名前.txt", "tab\there", "."}) {
            assertThat(PathQuoting.unquote(PathQuoting.quote(utf8(s)))).isEqualTo(utf8(s));
        }
        byte[] raw = {'x', ' ', (byte) 0xff};
        assertThat(PathQuoting.unquote(PathQuoting.quote(raw))).isEqualTo(raw);
    }
}
