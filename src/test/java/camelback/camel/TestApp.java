package camelback.camel;

import camelback.job.JobConfigs;
import camelback.job.Secrets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Boots the real routes of this checkout with a test configuration. */
final class TestApp implements AutoCloseable {
    final CamelbackApp app;
    final JobConfigs jobs;
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    TestApp(Path configFile, Map<String, String> environment) {
        this(configFile, environment, Clock.systemUTC());
    }

    TestApp(Path configFile, Map<String, String> environment, Clock clock) {
        AppHome home = new AppHome(Path.of("").toAbsolutePath());
        Secrets secrets = Secrets.of(environment, null);
        jobs = JobConfigs.load(JobConfigs.readProperties(configFile), home.dir(), secrets);
        app = CamelbackApp.start(home, configFile, jobs, secrets, clock,
                new PrintStream(stdout, true, StandardCharsets.UTF_8));
    }

    static Path config(Path dir, String text) throws IOException {
        Path file = dir.resolve("test.properties");
        Files.writeString(file, text);
        return file;
    }

    String printed() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        app.close();
    }
}
