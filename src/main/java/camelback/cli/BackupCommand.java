package camelback.cli;

import camelback.camel.CamelbackApp;
import camelback.camel.Outcome;
import org.apache.camel.Exchange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Clock;
import java.util.concurrent.Callable;

/** Runs one job's backup route once and exits with its outcome. */
@Command(name = "backup", description = "Run JOB's backup pipeline once now.")
final class BackupCommand implements Callable<Integer> {
    @ParentCommand
    CamelbackCommand parent;

    @Parameters(paramLabel = "JOB", description = "job name from the configuration")
    String job;

    @Option(names = "--full", description = "force a full backup")
    boolean full;

    @Override
    public Integer call() throws Exception {
        CamelbackCommand.Loaded loaded = parent.load();
        loaded.jobs().get(job);
        try (CamelbackApp app = CamelbackApp.start(parent.home(), parent.configFile(), loaded.jobs(), loaded.secrets(),
                Clock.systemUTC(), System.out)) {
            Exchange result = app.backup(job, full);
            Outcome outcome = CamelbackApp.outcome(result);
            return switch (outcome) {
                case OK -> ExitCode.OK.code();
                case PARTIAL -> {
                    System.err.println("camelback: job " + job + " finished PARTIAL: some files could not be read (see Errors)");
                    yield ExitCode.PARTIAL.code();
                }
                case SKIPPED -> ExitCode.SKIPPED.code();
                default -> {
                    Throwable failure = CamelbackApp.failure(result);
                    System.err.println("camelback: job " + job + " FAILED: " + camelback.camel.ErrorMessages.describe(failure));
                    yield failure == null ? ExitCode.ERROR.code() : ExitCodes.of(failure).code();
                }
            };
        }
    }
}
