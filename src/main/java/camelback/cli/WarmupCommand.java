package camelback.cli;

import camelback.archive.RestoreOptions;
import camelback.archive.Restorer;
import camelback.camel.CamelbackApp;
import camelback.camel.Outcome;
import camelback.job.JobConfigs;
import camelback.job.ScratchDir;
import camelback.job.Secrets;
import camelback.job.TargetAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs a tiny backup and restore in a temp dir so the JVM can record the classes a real run loads
 * into a class-data-sharing archive (bin/camelback does this once per build); start-up then skips
 * most class loading and verification.
 */
@Command(name = "warmup", hidden = true, description = "Internal: exercise a backup and a restore for the CDS archive.")
final class WarmupCommand implements Callable<Integer> {
    @ParentCommand
    CamelbackCommand parent;

    @Override
    public Integer call() throws Exception {
        try (ScratchDir scratch = ScratchDir.create("camelback-warmup-")) {
            Path dir = scratch.path();
            Path source = Files.createDirectories(dir.resolve("src/sub"));
            Files.writeString(source.resolve("file.txt"), "warm-up\n".repeat(1000));
            Path config = dir.resolve("warmup.properties");
            Files.writeString(config, """
                    camelback.job.w.source=%s
                    camelback.job.w.target=file://%s
                    camelback.job.w.encryption=passphrase
                    camelback.job.w.archive-dir=%s
                    """.formatted(dir.resolve("src"), dir.resolve("target"), dir.resolve("cache")));
            Secrets secrets = Secrets.of(Map.of("PASSPHRASE", "warm-up"), null);
            JobConfigs jobs = JobConfigs.load(JobConfigs.readProperties(config), dir, secrets);
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            try (CamelbackApp app = CamelbackApp.start(parent.home(), config, jobs, secrets, Clock.systemUTC(), quiet)) {
                if (CamelbackApp.outcome(app.backup("w", true)) != Outcome.OK) {
                    return ExitCode.ERROR.code();
                }
            }
            try (TargetAccess access = TargetAccess.open(jobs, "w", null, null, secrets)) {
                new Restorer(access.cached()).restore(new RestoreOptions(dir.resolve("out"), Long.MAX_VALUE, null, false, false));
            }
            return ExitCode.OK.code();
        }
    }
}
