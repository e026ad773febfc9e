package camelback.camel;

import camelback.testing.LogCapture;
import camelback.testing.Vectors;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report mail that cannot be sent is logged naming the recipients, the SMTP server and what to check there, and
 * the backup stays OK. Real servers: GreenMail, and a socket that accepts and never answers for a hung one.
 */
class ReportMailFailureTest {
    private static final String SMTP_PASSWORD = "wrong-smtp-pw-never-logged";

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("backup", "the-right-password"));

    @TempDir
    Path tmp;

    private Path config(int port, String extra) throws Exception {
        Path source = Vectors.extractSource(1, tmp.resolve("src"));
        return TestApp.config(tmp, """
                camelback.job.docs.source=%s
                camelback.job.docs.target=file://%s
                camelback.job.docs.encryption=none
                camelback.job.docs.archive-dir=%s
                camelback.mail.host=127.0.0.1
                camelback.mail.port=%d
                camelback.mail.to=ops@example.org, oncall@example.org
                """.formatted(source, tmp.resolve("target"), tmp.resolve("cache"), port) + extra);
    }

    /** Backs the job up, which stays OK whatever the mail does; returns what was logged. */
    private String backupLogging(Path config, Map<String, String> env) {
        try (LogCapture log = new LogCapture(); TestApp t = new TestApp(config, env)) {
            Exchange result = t.app.backup("docs", true);
            assertThat(CamelbackApp.outcome(result)).as("failure: %s", CamelbackApp.failure(result)).isEqualTo(Outcome.OK);
            return log.text();
        }
    }

    @Test
    void aHungSmtpServerIsGivenUpAfterTheMailTimeoutAndNamedByHostAndPort() throws Exception {
        try (SilentServer silent = new SilentServer(); LogCapture log = new LogCapture();
             TestApp t = new TestApp(config(silent.port(), "camelback.mail.timeout=1s\n"), Map.of())) {
            Exchange result = t.app.backup("docs", true);
            assertThat(CamelbackApp.outcome(result)).as("failure: %s", CamelbackApp.failure(result)).isEqualTo(Outcome.OK);
            assertThat(silent.accepted()).as("the mail was tried").isPositive();
            assertThat(log.text()).contains("could not send the report mail to ops@example.org,oncall@example.org via smtp 127.0.0.1:"
                            + silent.port() + ": ")
                    .contains("Read timed out")
                    .contains("the server did not answer within 1s (camelback.mail.timeout)");
            // the one key bounds connecting and every read (camel-mail's connection timeout) and every write
            MailEndpoint endpoint = t.app.context().getEndpoints().stream().filter(MailEndpoint.class::isInstance)
                    .map(MailEndpoint.class::cast).findFirst().orElseThrow();
            assertThat(endpoint.getConfiguration().getConnectionTimeout()).isEqualTo(1000);
            assertThat(endpoint.getConfiguration().getAdditionalJavaMailProperties())
                    .containsEntry("mail.smtp.writetimeout", "1000");
        }
    }

    @Test
    void aRefusedLoginNamesTheUsernameKeyAndThePasswordSecretButNeverThePassword() throws Exception {
        int port = mail.getSmtp().getPort();
        String log = backupLogging(config(port, "camelback.mail.username=backup\n"),
                Map.of("SMTP_PASSWORD", SMTP_PASSWORD));
        assertThat(log).contains("could not send the report mail to ops@example.org,oncall@example.org via smtp 127.0.0.1:" + port + ": ")
                .contains("check camelback.mail.username and the SMTP_PASSWORD secret")
                .doesNotContain(SMTP_PASSWORD);
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void smtpsToAPlainSmtpPortIsNamedAsATlsMismatch() throws Exception {
        int port = mail.getSmtp().getPort();
        String log = backupLogging(config(port, "camelback.mail.tls=true\n"), Map.of());
        assertThat(log).contains("could not send the report mail to ops@example.org,oncall@example.org via smtps 127.0.0.1:" + port + ": ")
                .contains("check camelback.mail.tls");
    }

    @Test
    void aPortNobodyListensOnIsNamedWithTheHostAndPortKeys() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String log = backupLogging(config(closed, ""), Map.of());
        assertThat(log).contains("could not send the report mail to ops@example.org,oncall@example.org via smtp 127.0.0.1:" + closed + ": ")
                .contains("check camelback.mail.host and camelback.mail.port");
    }

    /** Accepts connections and never says a word: an SMTP server that hangs, or a firewall that swallows the greeting. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0);
        private final List<Socket> held = new ArrayList<>();
        private final Thread acceptor = new Thread(this::accept, "silent-smtp");

        SilentServer() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        synchronized int accepted() {
            return held.size();
        }

        private void accept() {
            try {
                while (true) {
                    Socket socket = server.accept();
                    synchronized (this) {
                        held.add(socket);
                    }
                }
            } catch (IOException closed) {
                // close() ended the loop
            }
        }

        @Override
        public synchronized void close() throws IOException {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
