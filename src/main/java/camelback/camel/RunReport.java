package camelback.camel;

import camelback.archive.BackupStatistics;
import camelback.job.JobConfig;
import camelback.job.JobConfigs;
import camelback.job.MailSettings;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/**
 * Stages "statistics" and "report": the Backup Statistics block (printed like duplicity's) and the
 * report mail of every run, good or bad. The report never contains a secret.
 */
public final class RunReport {
    public static final String OUTCOME_PROPERTY = "camelbackOutcome";
    public static final String FAILURE_PROPERTY = "camelbackFailure";
    public static final String MAIL_HEADER = "camelbackMail";
    private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);

    private final JobConfigs jobs;
    private final Clock clock;
    private final PrintStream out;

    public RunReport(JobConfigs jobs, Clock clock, PrintStream out) {
        this.jobs = jobs;
        this.clock = clock;
        this.out = out;
    }

    /** The set is complete: finish and print the statistics block. */
    public void statistics(Exchange exchange) {
        BackupRun run = exchange.getProperty(BackupRun.PROPERTY, BackupRun.class);
        String block = endedStatistics(run);
        out.print(block);
        out.flush();
        exchange.setProperty(OUTCOME_PROPERTY, run.outcome());
        exchange.getMessage().setBody(block);
    }

    /** The error handler's step: whatever failed, the run is FAILED and the report still goes out. */
    public void failed(Exchange exchange) {
        BackupRun run = exchange.getProperty(BackupRun.PROPERTY, BackupRun.class);
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (run != null) {
            error = UploadFailures.translate(error, run.job(), exchange);
        }
        String message = ErrorMessages.describe(error);
        if (run != null) {
            run.fail(message);
        }
        LOG.error("backup of job {} FAILED: {}", exchange.getProperty(BackupPlanner.JOB_HEADER,
                exchange.getMessage().getHeader(BackupPlanner.JOB_HEADER), String.class), message);
        exchange.setProperty(OUTCOME_PROPERTY, Outcome.FAILED);
        exchange.setProperty(FAILURE_PROPERTY, error);
        exchange.getMessage().setBody(run == null ? "" : endedStatistics(run));
    }

    /** The run's statistics block, ended now: a failed run's too, or its report said it ended in 1970. */
    private String endedStatistics(BackupRun run) {
        BackupStatistics stats = run.statistics();
        stats.setEndTime(clock.millis() / 1000.0);
        return stats.render();
    }

    /** Builds the mail (subject names host, job and outcome) and cleans up the run's work dir. */
    public void render(Exchange exchange) throws Exception {
        Message msg = exchange.getMessage();
        String jobName = exchange.getProperty(BackupPlanner.JOB_HEADER, msg.getHeader(BackupPlanner.JOB_HEADER), String.class);
        Outcome outcome = exchange.getProperty(OUTCOME_PROPERTY, Outcome.FAILED, Outcome.class);
        BackupRun run = exchange.getProperty(BackupRun.PROPERTY, BackupRun.class);
        String statistics = msg.getBody(String.class);
        StringBuilder text = new StringBuilder();
        text.append("camelback job ").append(jobName).append(" on ").append(Hostnames.local()).append(": ")
                .append(outcome).append('\n');
        String skipReason = exchange.getProperty(JobSteps.SKIP_REASON_PROPERTY, String.class);
        if (skipReason != null) {
            text.append("skipped: ").append(skipReason).append('\n');
            statistics = null;
        }
        if (run != null) {
            JobConfig job = run.job();
            text.append("source ").append(job.source()).append('\n').append("target ").append(job.target()).append('\n');
            text.append(String.format("duration %.1f s%n", (clock.millis() - run.startedMillis()) / 1000.0));
            if (run.failure() != null) {
                text.append("\nERROR: ").append(run.failure()).append('\n');
            }
            run.notes().forEach(note -> text.append(note).append('\n'));
            List<String> errors = run.statistics().errorList();
            if (!errors.isEmpty()) {
                text.append("\nFiles that could not be backed up:\n");
                errors.forEach(e -> text.append("  ").append(e).append('\n'));
                long unlisted = run.statistics().errors() - errors.size();
                if (unlisted > 0) {
                    text.append("  ... and ").append(unlisted).append(" more (each is logged as a warning)\n");
                }
            }
            run.close();
        } else if (exchange.getProperty(FAILURE_PROPERTY) != null) {
            text.append("\nERROR: ").append(ErrorMessages.describe(exchange.getProperty(FAILURE_PROPERTY, Throwable.class))).append('\n');
        }
        if (statistics != null && !statistics.isBlank()) {
            text.append('\n').append(statistics);
        }
        msg.removeHeaders("*");
        msg.setBody(text.toString());
        String subject = "camelback " + Hostnames.local() + " " + jobName + ": " + outcome;
        msg.setHeader("Subject", subject);
        MailSettings mail = jobName != null && jobs.all().containsKey(jobName) ? jobs.get(jobName).mail() : jobs.mail();
        if (mail.configured()) {
            msg.setHeader("To", String.join(",", mail.to()));
            msg.setHeader("From", mail.from());
            msg.setHeader(MAIL_HEADER, true);
        }
        LOG.info("{}", subject);
    }
}
