package camelback.camel;

import camelback.archive.BackupOptions;
import camelback.archive.BackupSetWriter;
import camelback.archive.BackupStatistics;
import camelback.job.JobConfig;
import camelback.job.JobConfigs;
import camelback.job.KeyBootstrap;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

/** Stage "plan": picks the job, decides the kind of set and opens it in a private work dir. */
public final class BackupPlanner {
    public static final String JOB_HEADER = "camelbackJob";
    public static final String FULL_HEADER = "camelbackFull";
    private static final Logger LOG = LoggerFactory.getLogger(BackupPlanner.class);

    private final JobConfigs jobs;
    private final UploadEndpoints endpoints;
    private final Clock clock;
    private final ProgressLog progress;

    public BackupPlanner(JobConfigs jobs, UploadEndpoints endpoints, Clock clock, ProgressLog progress) {
        this.jobs = jobs;
        this.endpoints = endpoints;
        this.clock = clock;
        this.progress = progress;
    }

    public void plan(Exchange exchange) throws IOException {
        String name = exchange.getMessage().getHeader(JOB_HEADER, String.class);
        JobConfig job = jobs.get(name);
        exchange.setProperty(JOB_HEADER, job.name());
        KeyBootstrap.ensureKeys(job);
        long startedMillis = clock.millis();
        long time = startedMillis / 1000;
        Path workDir = createWorkDir(job, time);
        BackupStatistics stats = new BackupStatistics();
        stats.setStartTime(startedMillis / 1000.0);
        BackupOptions options = new BackupOptions(job.source(), job.localdir(), Hostnames.local(), job.volsizeBytes(), workDir);
        BackupSetWriter writer = BackupSetWriter.full(options, time, stats);
        BackupRun run = new BackupRun(job, writer, workDir, endpoints.uriFor(job), startedMillis);
        exchange.setProperty(BackupRun.PROPERTY, run);
        run.following(progress.follow(job.name(), stats, run.currentVolume()));
        LOG.info("job {}: full backup of {} to {}", job.name(), job.source(), job.target());
    }

    private static Path createWorkDir(JobConfig job, long time) throws IOException {
        Path base = job.archiveDir().resolve("work");
        Files.createDirectories(base);
        Path dir = base.resolve(job.name() + "-" + time);
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return dir;
    }
}
