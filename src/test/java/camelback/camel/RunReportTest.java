package camelback.camel;

import static org.assertj.core.api.Assertions.assertThat;

import camelback.archive.BackupStatistics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a run: what it says about the files that could not be backed up. */
class RunReportTest {
    @TempDir
    Path tmp;

    @Test
    void listsTheFirstHundredFilesThatFailedAndCountsTheRest() throws Exception {
        RunFixture fixture = new RunFixture(tmp);
        BackupStatistics stats = fixture.stats;
        BackupRun run = fixture.run;
        for (int i = 0; i < 1234; i++) {
            stats.addError("spool/f" + i, "Permission denied");
        }
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(BackupRun.PROPERTY, run);
        exchange.setProperty(RunReport.OUTCOME_PROPERTY, Outcome.PARTIAL);
        exchange.getMessage().setBody(stats.render());

        new RunReport(fixture.jobs, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream())).render(exchange);

        String text = exchange.getMessage().getBody(String.class);
        assertThat(text).contains(": PARTIAL", "Files that could not be backed up:", "  spool/f0: Permission denied",
                        "  spool/f99: Permission denied", "  ... and 1134 more (each is logged as a warning)", "Errors 1234")
                .doesNotContain("spool/f100:");
        assertThat(run.workDir()).doesNotExist();
    }

    @Test
    void aFailedRunsStatisticsEndWhenItFailed() throws Exception {
        RunFixture fixture = new RunFixture(tmp);
        fixture.stats.setStartTime(1_700_000_000);
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(BackupRun.PROPERTY, fixture.run);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new java.io.IOException("disk gone"));
        Clock failedAt = Clock.fixed(java.time.Instant.ofEpochSecond(1_700_000_042), java.time.ZoneOffset.UTC);

        new RunReport(fixture.jobs, failedAt, new PrintStream(new ByteArrayOutputStream())).failed(exchange);

        // not EndTime 0 (1970) and an elapsed time of minus 54 years
        assertThat(exchange.getMessage().getBody(String.class)).contains("EndTime 1700000042.00", "ElapsedTime 42.00");
        fixture.run.close();
    }
}
