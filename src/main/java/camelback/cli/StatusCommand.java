package camelback.cli;

import camelback.archive.Collection;
import camelback.archive.StatusReport;
import camelback.job.TargetAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.ZoneId;
import java.util.concurrent.Callable;

/** collection-status: chains, sets, volumes, incomplete sets and orphans, from file names alone. */
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
        }
        return ExitCode.OK.code();
    }
}
