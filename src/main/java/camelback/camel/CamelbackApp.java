package camelback.camel;

import camelback.job.ConfigException;
import camelback.job.JobConfig;
import camelback.job.JobConfigs;
import camelback.job.Secrets;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.main.DefaultMainShutdownStrategy;
import org.apache.camel.main.Main;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.spi.ShutdownStrategy;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * camelback as a standalone Camel Main: loads routes/*.camel.yaml and the configuration from the
 * app home, binds the beans, and either runs one job once or schedules every job (daemon).
 */
public final class CamelbackApp implements AutoCloseable {
    public static final String BACKUP_ROUTE = "backup.camel.yaml";
    private static final String SCHEDULE_TEMPLATE = "scheduled-backup";
    private static final Logger LOG = LoggerFactory.getLogger(CamelbackApp.class);
    /** How long an interrupted run gets for its report, the removal of its set, its post-command and its unlock. */
    private static final Duration INTERRUPTED_RUN_GRACE = Duration.ofSeconds(60);
    private final Main main;
    private final JobConfigs jobs;
    private final ActiveRuns runs;
    private final Path routes;

    /** SIGTERM and Ctrl-C: {@link #close()}, which ends the runs going before Camel stops. */
    private final Thread shutdownHook = new Thread(this::close, "camelback-shutdown");
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private CamelbackApp(Main main, JobConfigs jobs, ActiveRuns runs, Path routes) {
        this.main = main;
        this.jobs = jobs;
        this.runs = runs;
        this.routes = routes;
    }

    public static CamelbackApp start(AppHome home, Path configFile, JobConfigs jobs, Secrets secrets,
                                     Clock clock, PrintStream out) {
        Path backupRoute = home.routes().resolve(BACKUP_ROUTE);
        if (!Files.isRegularFile(backupRoute)) {
            throw new ConfigException("backup route " + backupRoute + " not found; set camelback.home (or CAMELBACK_HOME) to the "
                    + "folder that holds routes/ and config/");
        }
        Main main = new Main();
        // Camel Main's own hook stops Camel under a running backup: after a minute it forced the routes down and the
        // JVM exited, leaving the pre-command (a mongodump) running and the run without a report or post-command.
        // camelback's hook below ends the runs first.
        if (main.getShutdownStrategy() instanceof DefaultMainShutdownStrategy strategy) {
            strategy.disableHangupSupport();
        }
        main.configure().withRoutesIncludePattern("file:" + home.routes() + "/*.camel.yaml");
        main.setPropertyPlaceholderLocations("file:" + configFile.toAbsolutePath());
        main.addOverrideProperty("camelback.mail.uri", CamelbackBeans.mailUri(jobs.mail()));
        ActiveRuns runs = new ActiveRuns();
        main.configure().addConfiguration(new CamelbackBeans(jobs, secrets, clock, out, runs));
        try {
            main.start();
        } catch (RuntimeException e) {
            throw new ConfigException("cannot start the Camel routes from " + home.routes() + ": "
                    + ErrorMessages.describe(e), e);
        }
        if (main.getCamelContext().getRoute("backup") == null) {
            throw new ConfigException(backupRoute + " defines no route with id 'backup'");
        }
        CamelbackApp app = new CamelbackApp(main, jobs, runs, home.routes());
        Runtime.getRuntime().addShutdownHook(app.shutdownHook);
        return app;
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
        if (((ModelCamelContext) context()).getRouteTemplateDefinition(SCHEDULE_TEMPLATE) == null) {
            // Camel's own error is an IllegalArgumentException, which reads as a bad command line (exit 2)
            throw new ConfigException("the routes in " + routes + " define no route template '" + SCHEDULE_TEMPLATE
                    + "': the daemon schedules every job with a cron through it (see " + BACKUP_ROUTE + " as shipped)");
        }
        int count = 0;
        for (JobConfig job : jobs.enabled()) {
            if (job.cron() == null) {
                continue;
            }
            TemplatedRouteBuilder.builder(context(), SCHEDULE_TEMPLATE)
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

    /** Ends the runs going (see {@link #endRuns()}), then stops Camel; a second call waits for the first. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is stopping: this is the hook
        }
        try {
            endRuns();
        } finally {
            main.stop();
            closed.countDown();
        }
    }

    /** Blocks until {@link #close()} has ended (the daemon's main thread). */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /**
     * Before Camel stops: no further run starts, the runs going get Camel's graceful shutdown period
     * ({@code camel.main.shutdownTimeout}, 45 s) to end, and are then ended, so they fail like any other run
     * (reported, their incomplete set removed, post-command run, unlocked) while the routes still run. Left to Camel,
     * the routes were forced down under a run still in its pre-command, and Quartz then waited for that run however
     * long it took, to end it without a report, a post-command or an unlock.
     */
    private void endRuns() {
        standByScheduler();
        ShutdownStrategy strategy = context().getShutdownStrategy();
        Duration grace = Duration.ofMillis(strategy.getTimeUnit().toMillis(strategy.getTimeout()));
        try {
            if (runs.awaitNone(grace)) {
                return;
            }
            LOG.warn("stopping: the run(s) of job(s) {} still going after {} s; ending them: each fails before its next "
                    + "volume or has its pre-command killed with its children, is reported, removes what it stored of "
                    + "its set and runs its post-command", runs.stop(), grace.toSeconds());
            if (!runs.awaitNone(INTERRUPTED_RUN_GRACE)) {
                LOG.warn("stopping: interrupted run(s) still going after {} s; stopping anyway", INTERRUPTED_RUN_GRACE.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** No schedule fires while the runs going end. */
    private void standByScheduler() {
        QuartzComponent quartz = context().hasComponent("quartz") instanceof QuartzComponent q ? q : null;
        if (quartz == null || quartz.getScheduler() == null) {
            return;
        }
        try {
            quartz.getScheduler().standby();
        } catch (SchedulerException e) {
            LOG.warn("stopping: could not pause the schedules: {}", e.getMessage());
        }
    }
}
