package camelback.cli;

import camelback.camel.AppHome;
import camelback.camel.ErrorMessages;
import camelback.job.JobConfigs;
import camelback.job.Secrets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Properties;

/** The camelback command: duplicity's verbs over Camel routes. */
@Command(name = "camelback", mixinStandardHelpOptions = true, version = "camelback 0.1",
        description = "Encrypted, incremental backups in duplicity's format, run as Apache Camel routes.",
        subcommands = {RunCommand.class, BackupCommand.class, RestoreCommand.class, ListCommand.class,
                KeygenCommand.class, PruneCommand.class, VerifyCommand.class, StatusCommand.class, WarmupCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failed (see the message)", "2:bad command line", "3:partial: some files unreadable",
                "4:locked by another run", "5:skipped by the pre-step guard", "6:configuration, key or source problem",
                "7:target unreachable, denied or not writable", "8:wrong passphrase or missing key",
                "9:corrupt, missing or tampered backup file", "10:restore refused (destination not empty, unknown path)"})
public final class CamelbackCommand {

    @Option(names = "--config", paramLabel = "FILE",
            description = "properties file to use instead of config/application.properties")
    Path config;

    public static void main(String... args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new CamelbackCommand());
        cli.setExecutionExceptionHandler((error, command, parsed) -> {
            PrintWriter err = command.getErr();
            err.println("camelback: " + ErrorMessages.describe(error));
            err.flush();
            return ExitCodes.of(error).code();
        });
        cli.setParameterExceptionHandler((error, argv) -> {
            error.getCommandLine().getErr().println("camelback: " + error.getMessage());
            error.getCommandLine().usage(error.getCommandLine().getErr());
            return ExitCode.USAGE.code();
        });
        return cli.execute(args);
    }

    AppHome home() {
        return AppHome.locate();
    }

    Path configFile() {
        return config != null ? config.toAbsolutePath() : home().defaultConfig();
    }

    /** Loads the jobs; secrets from the environment and the configured secrets file. */
    Loaded load() {
        Properties props = JobConfigs.readProperties(configFile());
        Secrets envOnly = Secrets.fromEnvironment(null);
        String secretsFile = props.getProperty("camelback.secrets-file");
        Secrets secrets = secretsFile == null || secretsFile.isBlank()
                ? envOnly
                : Secrets.fromEnvironment(home().dir().resolve(secretsFile.trim()));
        return new Loaded(JobConfigs.load(props, home().dir(), secrets), secrets);
    }

    record Loaded(JobConfigs jobs, Secrets secrets) {
    }
}
