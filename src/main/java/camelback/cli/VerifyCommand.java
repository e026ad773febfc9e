package camelback.cli;

import camelback.archive.ComparisonResult;
import camelback.archive.Restorer;
import camelback.archive.Selection;
import camelback.job.ChainVerifier;
import camelback.job.JobConfig;
import camelback.job.ScratchDir;
import camelback.job.TargetAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Downloads, checks and decrypts every volume of a chain; optionally compares with the source. */
@Command(name = "verify", description = "Check every volume of JOB's (or URL's) chain; exit code says whether it is sound.")
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    CamelbackCommand parent;

    @Parameters(index = "0", paramLabel = "JOB|URL")
    String jobOrUrl;

    @Mixin
    TimeOption time;

    @Option(names = "--compare-data", description = "also compare every path with the source tree as a restore would write it (nothing is written)")
    boolean compareData;

    @Option(names = "--source", paramLabel = "DIR", description = "source tree for --compare-data (default: the job's source)")
    Path source;

    @Mixin
    TargetOptions target;

    @Mixin
    SelectionOptions selection;

    @Override
    public Integer call() throws Exception {
        CamelbackCommand.Loaded loaded = parent.load();
        long at = time.epochSecondOrLatest();
        if (selection.given() && !compareData) {
            System.err.println("camelback: warning: selection options (--exclude, --include, ...) choose the source"
                    + " paths --compare-data compares; without it verify checks the volumes, which hold what the backups"
                    + " selected");
        }
        // a mistake in the source or the rules is told before the volumes are read, not after
        Compared compared = compareData ? compared(loaded) : null;
        try (TargetAccess access = target.open(loaded, jobOrUrl)) {
            ChainVerifier.Result result = new ChainVerifier(access.source()).verify(at);
            System.out.printf("Verified %d set(s), %d volume(s), %d bytes of tar data%n", result.sets(), result.volumes(), result.bytes());
            result.problems().forEach(p -> System.err.println("camelback: " + p));
            if (!result.sound()) {
                return ExitCode.INTEGRITY.code();
            }
            if (compared != null) {
                ComparisonResult comparison;
                try (ScratchDir scratch = ScratchDir.create("camelback-verify-")) {
                    comparison = new Restorer(access.cached()).compare(compared.tree(), compared.rules(), at, scratch.path());
                }
                comparison.differences().forEach(d -> System.out.println("Difference: " + d));
                comparison.errors().forEach(e -> System.err.println("camelback: not compared: " + e));
                long unlisted = comparison.differenceCount() - comparison.differences().size();
                if (unlisted > 0) {
                    System.out.println("... and " + unlisted + " more difference(s)");
                }
                boolean equal = comparison.differenceCount() == 0 && comparison.errors().isEmpty();
                System.out.println(equal ? "The backup equals the source (" + comparison.files() + " paths compared)."
                        : comparison.differenceCount() + " difference(s) found.");
                return equal ? ExitCode.OK.code() : ExitCode.INTEGRITY.code();
            }
            return ExitCode.OK.code();
        }
    }

    /** The source tree --compare-data reads, and the rules that choose its paths. */
    private record Compared(Path tree, Selection rules) {
    }

    private Compared compared(CamelbackCommand.Loaded loaded) {
        Path tree = source;
        // Another tree given with --source is compared whole: the job's globs name paths of its own source.
        Selection rules = Selection.everything();
        if (tree == null) {
            if (jobOrUrl.contains("://")) {
                throw new IllegalArgumentException("--compare-data with a URL needs --source DIR");
            }
            JobConfig job = loaded.jobs().get(jobOrUrl);
            tree = job.source();
            rules = job.selection();
        }
        if (selection.given()) {
            // A command line's selection stands on its own, as a duplicity command line's does.
            rules = selection.selection(tree);
        }
        return new Compared(tree, rules);
    }
}
