package camelback.cli;

import camelback.archive.Lister;
import camelback.job.TargetAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** list-current-files: every path of the backup as of a time, with its mtime. */
@Command(name = "list", description = "List the files in JOB's (or URL's) backup as of a time.")
final class ListCommand implements Callable<Integer> {
    // duplicity prints ctime()-style dates: "Fri Jan  1 00:00:00 2021"
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);

    @ParentCommand
    CamelbackCommand parent;

    @Parameters(index = "0", paramLabel = "JOB|URL")
    String jobOrUrl;

    @Mixin
    TimeOption time;

    @Mixin
    TargetOptions target;

    @Override
    public Integer call() throws Exception {
        CamelbackCommand.Loaded loaded = parent.load();
        long at = time.epochSecondOrLatest();
        ZoneId zone = ZoneId.systemDefault();
        try (TargetAccess access = target.open(loaded, jobOrUrl)) {
            // The name's own bytes, as duplicity prints them: a name that is not UTF-8 is shown as it is on disk.
            new Lister(access.cached()).list(at, p -> {
                byte[] name = p.index().bytesOrDot();
                System.out.print(CTIME.format(Instant.ofEpochSecond(p.mtime()).atZone(zone)) + " ");
                System.out.write(name, 0, name.length);
                System.out.println();
            });
        }
        return ExitCode.OK.code();
    }
}
