package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BackupStatisticsTest {

    @Test
    void rendersVectorAFullBlockExactly() throws IOException {
        String stdout = Files.readString(VectorFiles.ROOT.resolve("a-noenc/full.stdout.txt"), StandardCharsets.UTF_8);
        String expected = stdout.substring(stdout.indexOf("--------------[ Backup Statistics ]"));
        BackupStatistics stats = new BackupStatistics();
        stats.setStartTime(1795688150.77);
        stats.setEndTime(1795688150.83);
        for (int i = 0; i < 13; i++) {
            stats.addNewFile(0, 0);
        }
        stats.addNewFile(1186608, 1186608);
        stats.addRawDelta(1170215);
        stats.addDestinationSize(1107408);
        String rendered = stats.render(ZoneOffset.UTC);
        assertThat(rendered.replaceAll("(?m)^(Start|End|Elapsed)Time .*$", "$1Time"))
                .isEqualTo(expected.replaceAll("(?m)^(Start|End|Elapsed)Time .*$", "$1Time"));
        assertThat(rendered).contains("StartTime 1795688150.77 (Thu Nov 26 10:15:50 2026)\n")
                .contains("ElapsedTime 0.06 (0.06 seconds)\n").endsWith("-------------------------------------------------\n\n");
    }

    @Test
    void humanSizesMatchDuplicity() {
        assertThat(BackupStatistics.humanSize(0)).isEqualTo("0 bytes");
        assertThat(BackupStatistics.humanSize(1)).isEqualTo("1 byte");
        assertThat(BackupStatistics.humanSize(568)).isEqualTo("568 bytes");
        assertThat(BackupStatistics.humanSize(1024)).isEqualTo("1.00 KB");
        assertThat(BackupStatistics.humanSize(10239)).isEqualTo("10.00 KB");
        assertThat(BackupStatistics.humanSize(10240)).isEqualTo("10.0 KB");
        assertThat(BackupStatistics.humanSize(102400)).isEqualTo("100 KB");
        assertThat(BackupStatistics.humanSize(1048575)).isEqualTo("1024 KB");
        assertThat(BackupStatistics.humanSize(1048576)).isEqualTo("1.00 MB");
        assertThat(BackupStatistics.humanSize(-2048)).isEqualTo("-2.00 KB");
        assertThat(BackupStatistics.humanSize(86627)).isEqualTo("84.6 KB");
        assertThat(BackupStatistics.humanSize(1186608)).isEqualTo("1.13 MB");
    }

    @Test
    void elapsedTimeWordingMatchesDuplicity() {
        assertThat(BackupStatistics.prettyElapsed(0.06)).isEqualTo("0.06 seconds");
        assertThat(BackupStatistics.prettyElapsed(75.3)).isEqualTo("1 minute 15.30 seconds");
        assertThat(BackupStatistics.prettyElapsed(60.5)).isEqualTo("1 minute");
        assertThat(BackupStatistics.prettyElapsed(3600.5)).isEqualTo("1 hour");
        assertThat(BackupStatistics.prettyElapsed(7322.25)).isEqualTo("2 hours 2 minutes 2.25 seconds");
        assertThat(BackupStatistics.prettyElapsed(1.0)).isEqualTo("1 second");
    }

    @Test
    void keepsOnlyTheFirstHundredErrors() {
        BackupStatistics stats = new BackupStatistics();
        for (int i = 0; i < 150; i++) {
            stats.addError("f" + i, "boom");
        }
        assertThat(stats.errors()).isEqualTo(150);
        assertThat(stats.errorList()).hasSize(100).first().isEqualTo("f0: boom");
    }
}
