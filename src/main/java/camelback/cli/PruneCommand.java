package camelback.cli;

import camelback.archive.Collection;
import camelback.job.RetentionPlan;
import camelback.job.RunLock;
import camelback.job.TargetAccess;
import camelback.job.TimeSpec;
import camelback.job.UnfinishedUploads;
import camelback.store.UnfinishedUpload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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

    @Option(names = "--cleanup", description = "remove incomplete sets and orphaned files, and abort unfinished S3 uploads begun more than 24 h ago")
    boolean cleanup;

    @Option(names = "--uploads-older-than", paramLabel = "AGE", description = "with --cleanup: abort the unfinished uploads "
            + "begun more than AGE ago instead of 24 h (12h, 90m, 2D); only when no backup to this target can be running")
    String uploadsOlderThan;

    @Option(names = "--force", description = "really delete (otherwise only list)")
    boolean force;

    @Mixin
    TargetOptions target;

    @Override
    public Integer call() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        Duration uploadAge = uploadAge();
        RetentionPlan.Options options = new RetentionPlan.Options(
                olderThan == null ? null : TimeSpec.parse(olderThan, now, ZoneId.systemDefault()), keepFull, keepIncOfFull, cleanup);
        CamelbackCommand.Loaded loaded = parent.load();
        try (TargetAccess access = target.open(loaded, jobOrUrl);
             // Deleting takes the backup's lock, as duplicity's cleanup does: a running backup's set has no manifest
             // yet, so --cleanup would take it for an interrupted one and delete the volumes it already stored.
             RunLock lock = force ? RunLock.acquire(access.archiveDir(), "prune " + jobOrUrl) : null) {
            RetentionPlan plan = RetentionPlan.of(Collection.of(access.store().list()), options);
            UnfinishedUploads uploads = cleanup
                    ? UnfinishedUploads.on(access.store(), Instant.ofEpochSecond(now), uploadAge) : UnfinishedUploads.NONE;
            if (!plan.files().isEmpty()) {
                plan.descriptions().forEach(d -> System.out.println((force ? "Deleting " : "Would delete ") + d));
                for (String name : plan.files()) {
                    System.out.println("  " + name);
                    if (force) {
                        access.store().delete(name);
                    }
                }
            }
            if (!uploads.abandoned().isEmpty()) {
                System.out.println((force ? "Aborting " : "Would abort ") + count(uploads.abandoned().size())
                        + " begun more than " + uploads.age()
                        + " ago (the parts of an unfinished upload are billed until it is aborted):");
                for (UnfinishedUpload upload : uploads.abandoned()) {
                    System.out.println("  " + UnfinishedUploads.describe(upload));
                    if (force) {
                        access.store().abort(upload);
                    }
                }
            }
            if (!uploads.recent().isEmpty()) {
                System.out.println("Leaving " + count(uploads.recent().size()) + " begun less than "
                        + uploads.age() + " ago: a running backup may own such an upload"
                        + " (cleanup aborts it once it is older):");
                uploads.recent().forEach(upload -> System.out.println("  " + UnfinishedUploads.describe(upload)));
            }
            if (plan.files().isEmpty() && uploads.abandoned().isEmpty()) {
                System.out.println("Nothing to delete.");
            } else if (!force) {
                System.out.println("Run again with --force to " + String.join(" and ", whatForceDoes(plan, uploads)) + ".");
            }
        }
        return ExitCode.OK.code();
    }

    /** {@code --uploads-older-than}, checked before anything is listed. */
    private Duration uploadAge() {
        if (uploadsOlderThan == null) {
            return UnfinishedUploads.SAFE_AGE;
        }
        if (!cleanup) {
            throw new IllegalArgumentException("--uploads-older-than goes with --cleanup, which aborts the uploads");
        }
        Duration age = Duration.ofSeconds(TimeSpec.intervalSeconds(uploadsOlderThan));
        if (age.isZero()) {
            throw new IllegalArgumentException("--uploads-older-than must be at least 1s: an upload begun this second "
                    + "belongs to a backup still running");
        }
        return age;
    }

    private static String count(int uploads) {
        return uploads + " unfinished upload" + (uploads == 1 ? "" : "s");
    }

    private static List<String> whatForceDoes(RetentionPlan plan, UnfinishedUploads uploads) {
        List<String> actions = new ArrayList<>();
        if (!plan.files().isEmpty()) {
            actions.add("delete these " + plan.files().size() + " files");
        }
        if (!uploads.abandoned().isEmpty()) {
            actions.add("abort " + (uploads.abandoned().size() == 1 ? "this upload" : "these " + uploads.abandoned().size() + " uploads"));
        }
        return actions;
    }
}
