package camelback.cli;

import camelback.archive.RestoreOptions;
import camelback.archive.Restorer;
import camelback.job.ChainVerifier;
import camelback.job.JobConfig;
import camelback.job.ScratchDir;
import camelback.job.TargetAccess;
import camelback.job.TreeComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.List;
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

    @Option(names = "--compare-data", description = "also restore into a temp dir and compare with the source tree")
    boolean compareData;

    @Option(names = "--source", paramLabel = "DIR", description = "source tree for --compare-data (default: the job's source)")
    Path source;

    @Mixin
    TargetOptions target;

    @Override
    public Integer call() throws Exception {
        CamelbackCommand.Loaded loaded = parent.load();
        long at = time.epochSecondOrLatest();
        try (TargetAccess access = TargetAccess.open(loaded.jobs(), jobOrUrl, target.secretKey, target.s3Endpoint, loaded.secrets(), target.verification(), target.prefixes())) {
            ChainVerifier.Result result = new ChainVerifier(access.source()).verify(at);
            System.out.printf("Verified %d set(s), %d volume(s), %d bytes of tar data%n", result.sets(), result.volumes(), result.bytes());
            result.problems().forEach(p -> System.err.println("camelback: " + p));
            if (!result.sound()) {
                return ExitCode.INTEGRITY.code();
            }
            if (compareData) {
                List<String> differences = compare(loaded, access, at);
                differences.forEach(d -> System.out.println("Difference: " + d));
                System.out.println(differences.isEmpty() ? "The backup equals the source." : differences.size() + " difference(s) found.");
                return differences.isEmpty() ? ExitCode.OK.code() : ExitCode.INTEGRITY.code();
            }
            return ExitCode.OK.code();
        }
    }

    private List<String> compare(CamelbackCommand.Loaded loaded, TargetAccess access, long at) throws Exception {
        Path tree = source;
        if (tree == null) {
            if (jobOrUrl.contains("://")) {
                throw new IllegalArgumentException("--compare-data with a URL needs --source DIR");
            }
            JobConfig job = loaded.jobs().get(jobOrUrl);
            tree = job.source();
        }
        try (ScratchDir scratch = ScratchDir.create("camelback-verify-")) {
            Path restored = scratch.path().resolve("tree");
            new Restorer(access.cached()).restore(new RestoreOptions(restored, at, null, false, false));
            return TreeComparison.differences(tree, restored);
        }
    }
}
