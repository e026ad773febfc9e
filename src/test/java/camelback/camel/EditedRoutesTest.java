package camelback.camel;

import camelback.cli.ExitCodes;
import camelback.job.ConfigException;
import camelback.job.JobConfigs;
import camelback.job.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Operators edit routes/*.camel.yaml: what the daemon needs from them is named when it is missing. */
class EditedRoutesTest {
    @TempDir
    Path tmp;

    @Test
    void routesWithoutTheScheduleTemplateAreAConfigurationProblemNamingTheRoutesFolder() throws Exception {
        Path routes = Files.createDirectories(tmp.resolve("home/routes"));
        for (String file : new String[] {"backup.camel.yaml", "report.camel.yaml"}) {
            String yaml = Files.readString(Path.of("routes", file));
            Files.writeString(routes.resolve(file), yaml.replace("id: scheduled-backup", "id: nightly-backup"));
        }
        Path config = TestApp.config(tmp, """
                camelback.job.t.source=%s
                camelback.job.t.target=file://%s
                camelback.job.t.encryption=none
                camelback.job.t.cron=0 15 1 * * ?
                """.formatted(tmp, tmp.resolve("target")));
        Secrets secrets = Secrets.of(Map.of(), null);
        AppHome home = new AppHome(tmp.resolve("home"));
        JobConfigs jobs = JobConfigs.load(JobConfigs.readProperties(config), home.dir(), secrets);
        try (CamelbackApp app = CamelbackApp.start(home, config, jobs, secrets, Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream()))) {
            assertThatThrownBy(app::scheduleJobs).isInstanceOf(ConfigException.class)
                    .hasMessageContaining(routes.toString()).hasMessageContaining("'scheduled-backup'")
                    .satisfies(e -> assertThat(ExitCodes.of(e).code()).isEqualTo(6));
        }
    }
}
