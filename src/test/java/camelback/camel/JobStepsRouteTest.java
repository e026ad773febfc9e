package camelback.camel;

import camelback.job.LockedException;
import camelback.job.RunLock;
import camelback.testing.Vectors;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Guard, pre-step and post-step through the real routes, with the report mail as the witness. */
class JobStepsRouteTest {
    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path tmp;

    private Path config(String extra) throws Exception {
        Path source = Vectors.extractSource(1, tmp.resolve("src"));
        return TestApp.config(tmp, """
                camelback.job.db.source=%s
                camelback.job.db.target=file://%s
                camelback.job.db.encryption=none
                camelback.job.db.archive-dir=%s
                camelback.mail.host=127.0.0.1
                camelback.mail.port=%d
                camelback.mail.to=ops@example.org
                """.formatted(source, tmp.resolve("target"), tmp.resolve("cache"), mail.getSmtp().getPort()) + extra);
    }

    private MimeMessage onlyMail() {
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        return mail.getReceivedMessages()[0];
    }

    @Test
    void guardOnAPrimarySkipsTheRunAndMailsSkipped() throws Exception {
        MemoryBackend backend = new MemoryBackend();
        backend.version(ServerVersion.MONGO_5_0);
        MongoServer server = new MongoServer(backend);
        String uri = server.bindAndGetConnectionString();
        try (TestApp t = new TestApp(config("""
                camelback.job.db.guard=mongo-secondary
                camelback.job.db.guard-uri=%s
                camelback.job.db.pre-command.0=touch
                camelback.job.db.pre-command.1=%s
                """.formatted(uri, tmp.resolve("pre-ran"))), Map.of())) {
            Exchange result = t.app.backup("db", false);
            assertThat(CamelbackApp.outcome(result)).isEqualTo(Outcome.SKIPPED);
        } finally {
            server.shutdownNow();
        }
        assertThat(tmp.resolve("pre-ran")).doesNotExist();
        assertThat(tmp.resolve("target")).doesNotExist();
        MimeMessage message = onlyMail();
        assertThat(message.getSubject()).endsWith(": SKIPPED");
        assertThat(GreenMailUtil.getBody(message)).contains("skipped:", "standalone");
    }

    @Test
    void unreachableGuardFailsTheRunInsteadOfSkipping() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (TestApp t = new TestApp(config("""
                camelback.job.db.guard=mongo-secondary
                camelback.job.db.guard-uri=mongodb://127.0.0.1:%d
                camelback.job.db.guard-timeout=1s
                """.formatted(port)), Map.of())) {
            assertThat(CamelbackApp.outcome(t.app.backup("db", false))).isEqualTo(Outcome.FAILED);
        }
        assertThat(onlyMail().getSubject()).endsWith(": FAILED");
    }

    @Test
    void failingPreStepMeansNoBackupAndItsStderrInTheMail() throws Exception {
        try (TestApp t = new TestApp(config("""
                camelback.job.db.pre-command.0=sh
                camelback.job.db.pre-command.1=-c
                camelback.job.db.pre-command.2=echo mongodump exploded >&2; exit 3
                camelback.job.db.post-command.0=sh
                camelback.job.db.post-command.1=-c
                camelback.job.db.post-command.2=echo "$CAMELBACK_OUTCOME" > %s
                """.formatted(tmp.resolve("post-outcome"))), Map.of())) {
            assertThat(CamelbackApp.outcome(t.app.backup("db", false))).isEqualTo(Outcome.FAILED);
        }
        assertThat(tmp.resolve("target")).doesNotExist();
        assertThat(GreenMailUtil.getBody(onlyMail())).contains("mongodump exploded", "exit code 3");
        assertThat(Files.readString(tmp.resolve("post-outcome")).strip()).isEqualTo("FAILED");
    }

    @Test
    void runRefusedByTheLockLeavesThePostStepToTheRunHoldingIt() throws Exception {
        try (TestApp t = new TestApp(config("""
                camelback.job.db.post-command.0=touch
                camelback.job.db.post-command.1=%s
                """.formatted(tmp.resolve("post-ran"))), Map.of());
             RunLock holder = RunLock.acquire(tmp.resolve("cache"), "backup db")) {
            Exchange result = t.app.backup("db", false);
            assertThat(CamelbackApp.outcome(result)).isEqualTo(Outcome.FAILED);
            assertThat(CamelbackApp.failure(result)).isInstanceOf(LockedException.class);
            // the holder's run is still going: a post-step (say, deleting the dump it backs up) must not run under it
            assertThat(tmp.resolve("post-ran")).doesNotExist();
            assertThat(holder.file()).exists();
        }
        assertThat(onlyMail().getSubject()).endsWith(": FAILED");
    }

    @Test
    void stoppingTheDaemonPastItsGracePeriodKillsALongPreStepAndEndsTheRunAsFailed() throws Exception {
        Path child = tmp.resolve("child-pid");
        TestApp t = new TestApp(config("""
                camel.main.shutdownTimeout=1
                camelback.job.db.cron=* * * * * ?
                camelback.job.db.pre-command.0=sh
                camelback.job.db.pre-command.1=-c
                camelback.job.db.pre-command.2=sleep 30 & echo $! > %s; wait
                camelback.job.db.post-command.0=sh
                camelback.job.db.post-command.1=-c
                camelback.job.db.post-command.2=echo "$CAMELBACK_OUTCOME" > %s
                """.formatted(child, tmp.resolve("post-outcome"))), Map.of());
        try {
            t.app.scheduleJobs();
            while (!Files.exists(child) || Files.readString(child).isBlank()) {
                Thread.sleep(50);
            }
        } finally {
            t.close();
        }
        ProcessHandle sleeper = ProcessHandle.of(Long.parseLong(Files.readString(child).strip())).orElse(null);
        if (sleeper != null) {
            sleeper.onExit().get(10, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(tmp.resolve("post-outcome")).strip()).isEqualTo("FAILED");
        assertThat(tmp.resolve("cache/lockfile")).doesNotExist();
        MimeMessage message = onlyMail();
        assertThat(message.getSubject()).endsWith(": FAILED");
        assertThat(GreenMailUtil.getBody(message)).contains("the pre-command was killed");
    }

    @Test
    void postStepSeesTheSuccessfulOutcome() throws Exception {
        try (TestApp t = new TestApp(config("""
                camelback.job.db.post-command.0=sh
                camelback.job.db.post-command.1=-c
                camelback.job.db.post-command.2=echo "$CAMELBACK_JOB $CAMELBACK_OUTCOME" > %s
                """.formatted(tmp.resolve("post-outcome"))), Map.of())) {
            assertThat(CamelbackApp.outcome(t.app.backup("db", false))).isEqualTo(Outcome.OK);
        }
        assertThat(Files.readString(tmp.resolve("post-outcome")).strip()).isEqualTo("db OK");
        assertThat(tmp.resolve("cache/lockfile")).doesNotExist();
    }
}
