package camelback.cli;

import camelback.archive.Collection;
import camelback.job.RetentionPlan;
import camelback.job.RunLock;
import camelback.job.TargetAccess;
import camelback.job.TimeSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.ZoneId;
import java.util.concurrent.Callable;

/** Retention: lists what would go, and deletes it only with --force. */
@Command(name = "prune", description = "Delete old backup sets (lists them unless --force).")
final class PruneCommand implements Callable<Integer> {
    @ParentCommand
    CamelbackCommand parent;

    @Parameters(index = "0", paramLabel = "JOB|URL")
    String jobOrUrl;

    @Option(names = "--older-than", paramLabel = "T", description = "remove chains that ended before T (remove-older-than)")
    String olderThan;

    @Option(names = "--keep-full", paramLabel = "N", description = "keep the N newest full backups and their chains (remove-all-but-n-full)")
    Integer keepFull;

    @Option(names = "--keep-inc-of-full", paramLabel = "N", description = "keep incrementals only of the N newest chains (remove-all-inc-of-but-n-full)")
    Integer keepIncOfFull;

    @Option(names = "--cleanup", description = "remove incomplete sets and orphaned files")
    boolean cleanup;

    @Option(names = "--force", description = "really delete (otherwise only list)")
    boolean force;

    @Mixin
    TargetOptions target;

    @Override
    public Integer call() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        RetentionPlan.Options options = new RetentionPlan.Options(
                olderThan == null ? null : TimeSpec.parse(olderThan, now, ZoneId.systemDefault()), keepFull, keepIncOfFull, cleanup);
        CamelbackCommand.Loaded loaded = parent.load();
        try (TargetAccess access = TargetAccess.open(loaded.jobs(), jobOrUrl, target.secretKey, target.s3Endpoint, loaded.secrets(), target.verification(), target.prefixes());
             // Deleting takes the backup's lock, as duplicity's cleanup does: a running backup's set has no manifest
             // yet, so --cleanup would take it for an interrupted one and delete the volumes it already stored.
             RunLock lock = force ? RunLock.acquire(access.archiveDir(), "prune " + jobOrUrl) : null) {
            RetentionPlan plan = RetentionPlan.of(Collection.of(access.store().list()), options);
            if (plan.files().isEmpty()) {
                System.out.println("Nothing to delete.");
                return ExitCode.OK.code();
            }
            plan.descriptions().forEach(d -> System.out.println((force ? "Deleting " : "Would delete ") + d));
            for (String name : plan.files()) {
                System.out.println("  " + name);
                if (force) {
                    access.store().delete(name);
                }
            }
            if (!force) {
                System.out.println("Run again with --force to delete these " + plan.files().size() + " files.");
            }
        }
        return ExitCode.OK.code();
    }
}
