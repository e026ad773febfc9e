package camelback.camel;

import camelback.archive.ArchiveDir;
import camelback.archive.BackupOptions;
import camelback.archive.BackupSetWriter;
import camelback.archive.BackupStatistics;
import camelback.job.JobConfigs;
import camelback.job.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A run of job "t" (one small file, no encryption, a file:// target) opened as the planner would, under a temp dir. */
final class RunFixture {
    final JobConfigs jobs;
    final BackupStatistics stats = new BackupStatistics();
    final BackupRun run;

    RunFixture(Path tmp) throws IOException {
        Path source = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(source.resolve("a.txt"), "a\n");
        Path config = TestApp.config(tmp, """
                camelback.job.t.source=%s
                camelback.job.t.target=file://%s
                camelback.job.t.encryption=none
                camelback.job.t.archive-dir=%s
                """.formatted(source, tmp.resolve("target"), tmp.resolve("cache")));
        jobs = JobConfigs.load(JobConfigs.readProperties(config), tmp, Secrets.of(Map.of(), null));
        Path work = Files.createDirectories(tmp.resolve("cache/work/run"));
        BackupSetWriter writer = BackupSetWriter.full(new BackupOptions(source, null, null, 1 << 20, work), 1_700_000_000L,
                stats);
        run = new BackupRun(jobs.get("t"), writer, work, "file:" + tmp.resolve("target"), 0, new ArchiveDir(tmp.resolve("cache")));
    }
}
