package camelback.camel;

import static org.assertj.core.api.Assertions.assertThat;

import camelback.archive.ArchiveDir;
import camelback.archive.BackupOptions;
import camelback.archive.BackupSetWriter;
import camelback.archive.BackupStatistics;
import camelback.job.JobConfigs;
import camelback.job.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
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
        Path source = Files.createDirectories(tmp.resolve("src"));
        Path config = TestApp.config(tmp, """
                camelback.job.t.source=%s
                camelback.job.t.target=file://%s
                camelback.job.t.encryption=none
                camelback.job.t.archive-dir=%s
                """.formatted(source, tmp.resolve("target"), tmp.resolve("cache")));
        JobConfigs jobs = JobConfigs.load(JobConfigs.readProperties(config), tmp, Secrets.of(Map.of(), null));
        Path work = Files.createDirectories(tmp.resolve("cache/work/run"));
        BackupStatistics stats = new BackupStatistics();
        BackupSetWriter writer = BackupSetWriter.full(new BackupOptions(source, null, null, 1 << 20, work), 1_700_000_000L, stats);
        BackupRun run = new BackupRun(jobs.get("t"), writer, work, "file:" + tmp.resolve("target"), 0,
                new ArchiveDir(tmp.resolve("cache")));
        for (int i = 0; i < 1234; i++) {
            stats.addError("spool/f" + i, "Permission denied");
        }
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(BackupRun.PROPERTY, run);
        exchange.setProperty(RunReport.OUTCOME_PROPERTY, Outcome.PARTIAL);
        exchange.getMessage().setBody(stats.render());

        new RunReport(jobs, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream())).render(exchange);

        String text = exchange.getMessage().getBody(String.class);
        assertThat(text).contains(": PARTIAL", "Files that could not be backed up:", "  spool/f0: Permission denied",
                        "  spool/f99: Permission denied", "  ... and 1134 more (each is logged as a warning)", "Errors 1234")
                .doesNotContain("spool/f100:");
        assertThat(work).doesNotExist();
    }
}
