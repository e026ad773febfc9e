package camelback.camel;

import camelback.job.CommandStep;
import camelback.job.GuardDecision;
import camelback.job.JobConfig;
import camelback.job.JobConfigs;
import camelback.job.MongoSecondaryGuard;
import camelback.job.RunLock;
import camelback.job.StepFailedException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Stage "pre-step" and its counterpart after the report: the archive dir's lock, the guard
 * (e.g. only on a MongoDB secondary), the pre-command, and the post-command that runs after
 * success and failure alike with the outcome in its environment.
 */
public final class JobSteps {
    public static final String SKIP_REASON_PROPERTY = "camelbackSkipReason";
    private static final String LOCK_PROPERTY = "camelbackLock";
    private static final Logger LOG = LoggerFactory.getLogger(JobSteps.class);

    private final JobConfigs jobs;
    private final ActiveRuns runs;

    public JobSteps(JobConfigs jobs, ActiveRuns runs) {
        this.jobs = jobs;
        this.runs = runs;
    }

    public void before(Exchange exchange) throws Exception {
        JobConfig job = jobs.get(exchange.getMessage().getHeader(BackupPlanner.JOB_HEADER, String.class));
        exchange.setProperty(BackupPlanner.JOB_HEADER, job.name());
        exchange.setProperty(LOCK_PROPERTY, RunLock.acquire(job.archiveDir(), "backup " + job.name()));
        runs.started(exchange, job.name());
        JobConfig.Steps steps = job.steps();
        if (steps.guard() != null) {
            GuardDecision decision = new MongoSecondaryGuard(steps.guard().uri(), steps.guard().timeout()).check();
            if (!decision.proceed()) {
                LOG.info("job {}: skipped by guard {}: {}", job.name(), steps.guard().type(), decision.reason());
                exchange.setProperty(RunReport.OUTCOME_PROPERTY, Outcome.SKIPPED);
                exchange.setProperty(SKIP_REASON_PROPERTY, decision.reason());
                return;
            }
            LOG.info("job {}: guard {} says go: {}", job.name(), steps.guard().type(), decision.reason());
        }
        if (steps.pre() != null) {
            runs.interruptibly("the pre-command", () -> new CommandStep("pre-step").run(steps.pre(), Map.of("CAMELBACK_JOB", job.name())));
        }
    }

    /**
     * Never throws: a failing post-step is logged, the backup's outcome stands. A run refused by the lock never ran,
     * so it runs no post-step: the run holding the lock is still going, and the post-step (say, deleting the dump it
     * backs up) belongs to that run.
     */
    public void after(Exchange exchange) {
        String name = exchange.getProperty(BackupPlanner.JOB_HEADER, String.class);
        AutoCloseable lock = exchange.getProperty(LOCK_PROPERTY, AutoCloseable.class);
        try {
            JobConfig job = lock == null || name == null || !jobs.all().containsKey(name) ? null : jobs.get(name);
            if (job != null && job.steps().post() != null) {
                Outcome outcome = exchange.getProperty(RunReport.OUTCOME_PROPERTY, Outcome.FAILED, Outcome.class);
                new CommandStep("post-step").run(job.steps().post(),
                        Map.of("CAMELBACK_JOB", job.name(), "CAMELBACK_OUTCOME", outcome.name()));
            }
        } catch (StepFailedException e) {
            LOG.warn("job {}: {}", name, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (lock != null) {
                try {
                    lock.close();
                } catch (Exception e) {
                    LOG.warn("job {}: could not release the lock: {}", name, e.getMessage());
                }
                runs.ended(exchange);
            }
        }
    }
}
