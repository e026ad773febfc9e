package camelback.cli;

import camelback.archive.RestoreOptions;
import camelback.archive.Restorer;
import camelback.camel.CamelbackApp;
import camelback.camel.Outcome;
import camelback.crypto.KeyPairGenerator;
import camelback.job.JobConfigs;
import camelback.job.ScratchDir;
import camelback.job.Secrets;
import camelback.job.TargetAccess;
import org.apache.camel.Exchange;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs tiny backups (passphrase and public key, full and incremental) and their restores in a temp dir so the JVM
 * can record the classes a real run loads into a class-data-sharing archive (bin/camelback does this once per build);
 * start-up then skips most class loading and verification.
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
            Path file = source.resolve("file.txt");
            Files.writeString(file, "warm-up\n".repeat(1000));
            // Public-key jobs are most operators' (duply's GPG_KEY): their key handling is most of Bouncy Castle's
            // classes, which an archive recorded from a passphrase job alone left to be loaded at every start.
            Secrets secrets = Secrets.of(Map.of("PASSPHRASE", "warm-up"), null);
            KeyPairGenerator.GeneratedKey key = KeyPairGenerator.generate("camelback warm-up <warm-up@localhost>",
                    "warm-up".toCharArray(), dir.resolve("k.pub.asc"), dir.resolve("k.sec.asc"));
            Path config = dir.resolve("warmup.properties");
            Files.writeString(config, job("w", dir, "encryption=passphrase") + job("k", dir, "encryption=public-key",
                    "public-key=" + key.publicKeyFile(), "secret-key=" + key.secretKeyFile()));
            JobConfigs jobs = JobConfigs.load(JobConfigs.readProperties(config), dir, secrets);
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            try (CamelbackApp app = CamelbackApp.start(parent.home(), config, jobs, secrets, Clock.systemUTC(), quiet)) {
                if (!ok(app.backup("w", true)) || !ok(app.backup("k", true))) {
                    return ExitCode.ERROR.code();
                }
                // an incremental's own classes (the chain's signatures, deltas): sets are named by the second
                Thread.sleep(1100);
                Files.writeString(file, "warm-up, changed\n", StandardOpenOption.APPEND);
                if (!ok(app.backup("k", false))) {
                    return ExitCode.ERROR.code();
                }
            }
            for (String job : new String[] {"w", "k"}) {
                try (TargetAccess access = TargetAccess.open(jobs, job, null, null, secrets)) {
                    new Restorer(access.cached()).restore(
                            new RestoreOptions(dir.resolve("out-" + job), Long.MAX_VALUE, null, false, false));
                }
            }
            return ExitCode.OK.code();
        }
    }

    private static boolean ok(Exchange run) {
        return CamelbackApp.outcome(run) == Outcome.OK;
    }

    private static String job(String name, Path dir, String... keys) {
        StringBuilder lines = new StringBuilder();
        lines.append("camelback.job.").append(name).append(".source=").append(dir.resolve("src")).append('\n');
        lines.append("camelback.job.").append(name).append(".target=file://").append(dir.resolve("target-" + name)).append('\n');
        lines.append("camelback.job.").append(name).append(".archive-dir=").append(dir.resolve("cache-" + name)).append('\n');
        for (String key : keys) {
            lines.append("camelback.job.").append(name).append('.').append(key).append('\n');
        }
        return lines.toString();
    }
}
