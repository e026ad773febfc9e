package camelback.cli;

import camelback.archive.PathBytes;
import camelback.archive.PathIndex;
import camelback.archive.RestoreOptions;
import camelback.archive.RestoreResult;
import camelback.archive.Restorer;
import camelback.job.TargetAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Restores a whole tree, or one file or directory, as of a time. */
@Command(name = "restore", description = "Restore JOB's (or URL's) backup into DEST.")
final class RestoreCommand implements Callable<Integer> {
    @ParentCommand
    CamelbackCommand parent;

    @Parameters(index = "0", paramLabel = "JOB|URL")
    String jobOrUrl;

    @Parameters(index = "1", paramLabel = "DEST")
    String destinationArgument;

    @Mixin
    TimeOption time;

    // duplicity 2.0 renamed its --file-to-restore to --path-to-restore: both command lines work
    @Option(names = {"--file-to-restore", "--path-to-restore", "--file"}, paramLabel = "PATH",
            description = "relative path of one file or directory")
    String path;

    @Option(names = "--force", description = "restore into a non-empty DEST")
    boolean force;

    @Option(names = "--ignore-errors", description = "go on past corrupt or missing volumes, restoring what is left")
    boolean ignoreErrors;

    @Mixin
    TargetOptions target;

    @Mixin
    SelectionOptions selection;

    @Override
    public Integer call() throws Exception {
        CamelbackCommand.Loaded loaded = parent.load();
        long at = time.epochSecondOrLatest();
        // DEST's own bytes, as --file-to-restore's: a name that is not UTF-8 must not become another directory
        Path destination = PathBytes.path(RawArguments.bytesOf(destinationArgument));
        if (selection.given()) {
            selection.check(destination.toAbsolutePath());
            System.err.println("camelback: warning: selection options (--exclude, --include, ...) leave nothing out of a"
                    + " restore, as in duplicity, which applies them only when backing up; restoring "
                    + (path == null ? "the whole tree" : path) + ". Restore one file or directory with --file-to-restore");
        }
        try (TargetAccess access = target.open(loaded, jobOrUrl)) {
            RestoreResult result = new Restorer(access.cached()).restore(
                    new RestoreOptions(destination.toAbsolutePath(), at,
                            path == null ? null : PathIndex.parse(RawArguments.bytesOf(path)), force, ignoreErrors));
            System.out.printf("Restored %d files (%d bytes) into %s%n", result.files(), result.bytes(), destination);
            if (!result.errors().isEmpty()) {
                result.errors().forEach(e -> System.err.println("camelback: " + e));
                // a damaged backup is 9; paths this host could not write are the destination's, not the backup's
                return result.backupDamaged() ? ExitCode.INTEGRITY.code() : ExitCode.ERROR.code();
            }
            return ExitCode.OK.code();
        }
    }
}
