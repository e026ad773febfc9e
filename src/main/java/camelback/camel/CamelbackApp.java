package camelback.camel;

import camelback.job.ConfigException;
import camelback.job.JobConfig;
import camelback.job.JobConfigs;
import camelback.job.Secrets;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.main.Main;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * camelback as a standalone Camel Main: loads routes/*.camel.yaml and the configuration from the
 * app home, binds the beans, and either runs one job once or schedules every job (daemon).
 */
public final class CamelbackApp implements AutoCloseable {
    public static final String BACKUP_ROUTE = "backup.camel.yaml";
    private final Main main;
    private final JobConfigs jobs;

    private CamelbackApp(Main main, JobConfigs jobs) {
        this.main = main;
        this.jobs = jobs;
    }

    public static CamelbackApp start(AppHome home, Path configFile, JobConfigs jobs, Secrets secrets,
                                     Clock clock, PrintStream out) {
        Path backupRoute = home.routes().resolve(BACKUP_ROUTE);
        if (!Files.isRegularFile(backupRoute)) {
            throw new ConfigException("backup route " + backupRoute + " not found; set camelback.home (or CAMELBACK_HOME) to the "
                    + "folder that holds routes/ and config/");
        }
        Main main = new Main();
        main.configure().withRoutesIncludePattern("file:" + home.routes() + "/*.camel.yaml");
        main.setPropertyPlaceholderLocations("file:" + configFile.toAbsolutePath());
        main.addOverrideProperty("camelback.mail.uri", CamelbackBeans.mailUri(jobs.mail()));
        main.configure().addConfiguration(new CamelbackBeans(jobs, secrets, clock, out));
        try {
            main.start();
        } catch (RuntimeException e) {
            throw new ConfigException("cannot start the Camel routes from " + home.routes() + ": "
                    + ErrorMessages.describe(e), e);
        }
        if (main.getCamelContext().getRoute("backup") == null) {
            throw new ConfigException(backupRoute + " defines no route with id 'backup'");
        }
        return new CamelbackApp(main, jobs);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** Runs one job's pipeline now; the exchange carries the outcome and any failure. */
    public Exchange backup(String job, boolean forceFull) {
        jobs.get(job);
        return context().createProducerTemplate().request("direct:backup", exchange -> {
            exchange.getMessage().setHeader(BackupPlanner.JOB_HEADER, job);
            exchange.getMessage().setHeader(BackupPlanner.FULL_HEADER, forceFull);
        });
    }

    /** Adds a Quartz route for every enabled job with a cron expression; returns how many. */
    public int scheduleJobs() throws Exception {
        int count = 0;
        for (JobConfig job : jobs.enabled()) {
            if (job.cron() == null) {
                continue;
            }
            TemplatedRouteBuilder.builder(context(), "scheduled-backup")
                    .routeId("schedule-" + job.name())
                    .parameter("job", job.name())
                    .parameter("cron", job.cron().trim().replace(' ', '+'))
                    .add();
            count++;
        }
        return count;
    }

    public static Outcome outcome(Exchange exchange) {
        return exchange.getProperty(RunReport.OUTCOME_PROPERTY, Outcome.FAILED, Outcome.class);
    }

    public static Throwable failure(Exchange exchange) {
        Throwable t = exchange.getProperty(RunReport.FAILURE_PROPERTY, Throwable.class);
        return t != null ? t : exchange.getException();
    }

    @Override
    public void close() {
        main.stop();
    }
}
