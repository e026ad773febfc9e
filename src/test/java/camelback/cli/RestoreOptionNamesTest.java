package camelback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** A restore command line written for duplicity 0.8 or for duplicity 2.x names the same path. */
class RestoreOptionNamesTest {

    @Test
    void pathToRestoreOfDuplicity2IsFileToRestore() {
        for (String option : new String[] {"--file-to-restore", "--path-to-restore", "--file"}) {
            CommandLine cli = new CommandLine(new CamelbackCommand());
            ParseResult parsed = cli.parseArgs("restore", "job", "/tmp/dest", option, "etc/hosts");

            RestoreCommand restore = (RestoreCommand) parsed.subcommand().commandSpec().userObject();
            assertThat(restore.path).as(option).isEqualTo("etc/hosts");
        }
    }
}
