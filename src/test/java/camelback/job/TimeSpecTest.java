package camelback.job;

import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeSpecTest {
    private static final long NOW = 1_700_000_000L;

    private static long parse(String s) {
        return TimeSpec.parse(s, NOW, ZoneOffset.UTC);
    }

    @Test
    void acceptsEveryFormDuplicityAccepts() {
        assertThat(parse("now")).isEqualTo(NOW);
        assertThat(parse("1609502400")).isEqualTo(1609502400L);
        assertThat(parse("20210101T120000Z")).isEqualTo(1609502400L);
        assertThat(parse("2021-01-01T12:00:00Z")).isEqualTo(1609502400L);
        assertThat(parse("2021-01-01T13:00:00+01:00")).isEqualTo(1609502400L);
        assertThat(parse("2021-01-01T12:00:00")).isEqualTo(1609502400L);
        assertThat(parse("2021-01-01")).isEqualTo(1609459200L);
        assertThat(parse("2021/01/01")).isEqualTo(1609459200L);
        assertThat(parse("01/01/2021")).isEqualTo(1609459200L);
        assertThat(parse("3D")).isEqualTo(NOW - 3 * 86400);
        assertThat(parse("1h30m")).isEqualTo(NOW - 5400);
        assertThat(parse("2W")).isEqualTo(NOW - 14 * 86400);
        assertThat(parse("1M")).isEqualTo(NOW - 30 * 86400);
    }

    @Test
    void intervalsForFullIfOlderThan() {
        assertThat(TimeSpec.intervalSeconds("14D")).isEqualTo(14 * 86400);
        assertThat(TimeSpec.intervalSeconds("1Y")).isEqualTo(365 * 86400);
    }

    @Test
    void badStringsSayWhatIsAccepted() {
        assertThatThrownBy(() -> parse("yesterday")).hasMessageContaining("bad time string 'yesterday'")
                .hasMessageContaining("YYYY-MM-DD");
        assertThatThrownBy(() -> TimeSpec.intervalSeconds("14 days")).hasMessageContaining("bad interval");
    }
}
