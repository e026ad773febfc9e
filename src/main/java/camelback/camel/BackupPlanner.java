package camelback.camel;

import camelback.archive.ArchiveDir;
import camelback.archive.BackupOptions;
import camelback.archive.BackupSetWriter;
import camelback.archive.BackupStatistics;
import camelback.archive.Collection;
import camelback.archive.Selection;
import camelback.crypto.CryptoException;
import camelback.crypto.IntegrityException;
import camelback.job.BackupPolicy;
import camelback.job.JobConfig;
import camelback.job.JobConfigs;
import camelback.job.KeyBootstrap;
import camelback.job.ScratchDir;
import camelback.job.Secrets;
import camelback.job.TargetAccess;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;

/** Stage "plan": picks the job, decides the kind of set and opens it in a private work dir. */
public final class BackupPlanner {
    public static final String JOB_HEADER = "camelbackJob";
    public static final String FULL_HEADER = "camelbackFull";
    private static final Logger LOG = LoggerFactory.getLogger(BackupPlanner.class);

    private final JobConfigs jobs;
    private final UploadEndpoints endpoints;
    private final Clock clock;
    private final ProgressLog progress;
    private final Secrets secrets;

    public BackupPlanner(JobConfigs jobs, Secrets secrets, UploadEndpoints endpoints, Clock clock, ProgressLog progress) {
        this.jobs = jobs;
        this.secrets = secrets;
        this.endpoints = endpoints;
        this.clock = clock;
        this.progress = progress;
    }

    public void plan(Exchange exchange) throws IOException {
        String name = exchange.getMessage().getHeader(JOB_HEADER, String.class);
        JobConfig job = jobs.get(name);
        boolean forceFull = Boolean.TRUE.equals(exchange.getMessage().getHeader(FULL_HEADER, Boolean.class));
        exchange.setProperty(JOB_HEADER, job.name());
        KeyBootstrap.ensureKeys(job);
        long startedMillis = clock.millis();
        long now = startedMillis / 1000;
        Path workDir = createWorkDir(job, now);
        ArchiveDir cache = new ArchiveDir(job.archiveDir());
        List<String> warnings = new java.util.ArrayList<>();
        BackupPolicy.Plan plan;
        BackupStatistics stats = new BackupStatistics();
        BackupSetWriter writer;
        String uploadUri;
        try {
            plan = plan(job, cache, now, forceFull, warnings);
            uploadUri = endpoints.uriFor(job);
            Selection selection = job.selection();
            if (!selection.takesEverything()) {
                LOG.info("{}: paths of {} selected by: {}", job.name(), job.source(), selection);
            }
            BackupOptions options = new BackupOptions(job.source(), job.localdir(), Hostnames.local(), job.volsizeBytes(),
                    workDir, selection);
            writer = plan.full()
                    ? BackupSetWriter.full(options, now, stats)
                    : BackupSetWriter.incremental(options, cache.signatures(plan.chain()), plan.startTime(), plan.endTime(), stats);
        } catch (IOException | RuntimeException e) {
            // No run owns the work dir yet, so the report cannot clean it up (a target that cannot be listed gets here):
            // left, the next run would delete it as the leftover of an interrupted run.
            try {
                ScratchDir.deleteTree(workDir);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        stats.setStartTime(startedMillis / 1000.0);
        BackupRun run = new BackupRun(job, writer, workDir, uploadUri, startedMillis, cache);
        exchange.setProperty(BackupRun.PROPERTY, run);
        exchange.setProperty(BackupRun.UPLOAD_URI_PROPERTY, run.uploadUri());
        warnings.forEach(run::note);
        run.following(progress.follow(job.name(), stats, run.currentVolume()));
        LOG.info("job {}: {} backup of {} to {} ({})", job.name(), plan.full() ? "full" : "incremental", job.source(),
                job.target(), plan.reason());
    }

    /** Syncs the archive dir with the target, then applies the job's full-if-older-than policy. */
    private BackupPolicy.Plan plan(JobConfig job, ArchiveDir cache, long now, boolean forceFull, List<String> warnings)
            throws IOException {
        try (TargetAccess access = TargetAccess.open(jobs, job.name(), null, null, secrets)) {
            List<String> names = access.source().names();
            try {
                cache.sync(access.source());
                return BackupPolicy.decide(Collection.of(names, cache.names()), now, job.fullIfOlderThan(), forceFull);
            } catch (CryptoException e) {
                Collection collection = Collection.of(names);
                BackupPolicy.Plan plan = BackupPolicy.decide(collection, now, job.fullIfOlderThan(), forceFull);
                if (plan.full()) {
                    LOG.warn("job {}: archive dir not synced ({}); the full backup does not need it", job.name(), e.getMessage());
                    return plan;
                }
                if (e instanceof IntegrityException) {
                    // Not this host's keys: a file on the target is damaged. A new chain keeps the data safe, and the
                    // report says so, since every run makes a full until the damaged file is dealt with.
                    warnings.add("made a full backup instead of an incremental: " + e.getMessage() + "; `camelback verify "
                            + job.name() + "` checks the chains; until the damaged file is restored or deleted from the "
                            + "target, every run makes a full backup");
                    return BackupPolicy.full(now, "a file of the chain on the target is damaged");
                }
                // the signatures cannot be read here (e.g. no secret key on this host): a full is always safe
                LOG.warn("job {}: cannot read the chain's signatures from the target ({}); making a full backup instead",
                        job.name(), e.getMessage());
                return BackupPolicy.full(now, "the chain's signatures cannot be read on this host");
            }
        }
    }

    private static Path createWorkDir(JobConfig job, long time) throws IOException {
        Path base = job.archiveDir().resolve("work");
        Files.createDirectories(base);
        deleteLeftovers(job, base);
        Path dir = base.resolve(job.name() + "-" + time);
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return dir;
    }

    /**
     * A run that was killed (SIGKILL, OOM killer, power loss) never closed its work dir: its volumes and plaintext
     * signatures stay there. This run holds the archive dir's lock, so every work dir already in it is such a leftover.
     */
    private static void deleteLeftovers(JobConfig job, Path base) {
        try (java.util.stream.Stream<Path> entries = Files.list(base)) {
            for (Path stale : entries.toList()) {
                LOG.info("job {}: deleting {}, left behind by an interrupted run", job.name(), stale);
                ScratchDir.deleteTree(stale);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("job {}: could not delete the leftovers in {}: {}; delete them by hand", job.name(), base, e.toString());
        }
    }
}
