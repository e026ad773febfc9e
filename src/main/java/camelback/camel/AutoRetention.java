package camelback.camel;

import camelback.archive.Collection;
import camelback.job.JobConfig;
import camelback.job.RetentionPlan;
import camelback.job.Secrets;
import camelback.job.Targets;
import camelback.store.Store;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage "retention": after a successful set, the job's {@code keep-full} / {@code keep-inc-of-full}
 * (the seed's "keep 4 fulls"). A failure here is logged; the backup itself has succeeded.
 */
public final class AutoRetention {
    private static final Logger LOG = LoggerFactory.getLogger(AutoRetention.class);
    private final Secrets secrets;

    public AutoRetention(Secrets secrets) {
        this.secrets = secrets;
    }

    public void apply(Exchange exchange) {
        BackupRun run = exchange.getProperty(BackupRun.PROPERTY, BackupRun.class);
        JobConfig job = run.job();
        JobConfig.Retention retention = job.retention();
        if (retention.keepFull() == null && retention.keepIncOfFull() == null) {
            return;
        }
        try (Store store = Targets.open(job, secrets)) {
            RetentionPlan plan = RetentionPlan.of(Collection.of(store.list()),
                    new RetentionPlan.Options(null, retention.keepFull(), retention.keepIncOfFull(), false));
            for (String description : plan.descriptions()) {
                LOG.info("job {}: retention deletes {}", job.name(), description);
            }
            for (String name : plan.files()) {
                store.delete(name);
            }
        } catch (Exception e) {
            LOG.warn("job {}: retention failed, nothing more deleted: {}", job.name(), ErrorMessages.describe(e));
        }
    }
}
