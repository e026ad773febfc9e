package camelback.cli;

import camelback.archive.Collection;
import camelback.archive.StatusReport;
import camelback.job.TargetAccess;
import camelback.job.UnfinishedUploads;
import camelback.store.StoreException;
import camelback.store.UnfinishedUpload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * collection-status: chains, sets, volumes, incomplete sets and orphans, from file names alone; then the unfinished
 * uploads of backup files, which listings do not show and S3 bills.
 */
@Command(name = "status", description = "Show the chains and sets of JOB's (or URL's) target (collection-status).")
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    CamelbackCommand parent;

    @Parameters(index = "0", paramLabel = "JOB|URL")
    String jobOrUrl;

    @Mixin
    TargetOptions target;

    @Override
    public Integer call() throws Exception {
        CamelbackCommand.Loaded loaded = parent.load();
        try (TargetAccess access = target.open(loaded, jobOrUrl)) {
            Collection collection = Collection.of(access.store().list(), access.cacheNames());
            System.out.print(StatusReport.of(collection).render(ZoneId.systemDefault()));
            printUnfinishedUploads(access);
        }
        return ExitCode.OK.code();
    }

    private void printUnfinishedUploads(TargetAccess access) {
        List<UnfinishedUpload> uploads;
        try {
            uploads = UnfinishedUploads.on(access.store(), Instant.now()).all();
        } catch (StoreException e) {
            // the chains above are what status is for; a key without s3:ListBucketMultipartUploads must not hide them
            System.err.println("camelback: unfinished uploads not listed: " + e.getMessage());
            return;
        }
        if (uploads.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("Unfinished uploads: " + uploads.size() + " (their parts are billed until aborted; `camelback prune "
                + jobOrUrl + " --cleanup --force` aborts those begun more than " + UnfinishedUploads.describe(UnfinishedUploads.SAFE_AGE)
                + " ago)");
        uploads.forEach(upload -> System.out.println("  " + UnfinishedUploads.describe(upload)));
    }
}
