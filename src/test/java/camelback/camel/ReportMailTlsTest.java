package camelback.camel;

import camelback.testing.LogCapture;
import camelback.testing.SubmissionServer;
import camelback.testing.TestCertificate;
import camelback.testing.Vectors;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report mail through the relays operators use: STARTTLS with a login (port 587), SMTPS, a certificate of a
 * private CA given in camelback.mail.ca-file, and what is logged when TLS cannot be had. The server is a real one,
 * SubEthaSMTP, which records every login it was sent.
 */
class ReportMailTlsTest {
    private static final String USER = "backup@example.org";
    private static final String SMTP_PASSWORD = "smtp-pw-never-logged";

    /** Issued to the names camelback connects with. */
    private static TestCertificate local;
    /** Issued to another name only. */
    private static TestCertificate elsewhere;

    @TempDir
    static Path certificates;

    @TempDir
    Path tmp;

    @BeforeAll
    static void issueCertificates() throws Exception {
        local = TestCertificate.issue(certificates, "localhost", "127.0.0.1");
        elsewhere = TestCertificate.issue(certificates, "mail.example.org");
    }

    /** A job of its own for each call, so a test can run two backups. */
    private Path config(int port, String mail) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "run");
        Path source = Vectors.extractSource(1, dir.resolve("src"));
        return TestApp.config(dir, """
                camelback.job.docs.source=%s
                camelback.job.docs.target=file://%s
                camelback.job.docs.encryption=none
                camelback.job.docs.archive-dir=%s
                camelback.mail.host=127.0.0.1
                camelback.mail.port=%d
                camelback.mail.username=%s
                camelback.mail.from=backup@example.org
                camelback.mail.to=ops@example.org
                """.formatted(source, dir.resolve("target"), dir.resolve("cache"), port, USER) + mail);
    }

    /** Backs the job up, which stays OK whatever the mail does; returns what was logged. */
    private static String backupLogging(Path config) {
        try (LogCapture log = new LogCapture(); TestApp t = new TestApp(config, Map.of("SMTP_PASSWORD", SMTP_PASSWORD))) {
            Exchange result = t.app.backup("docs", true);
            assertThat(CamelbackApp.outcome(result)).as("failure: %s", CamelbackApp.failure(result)).isEqualTo(Outcome.OK);
            return log.text();
        }
    }

    @Test
    void theReportArrivesThroughStartTlsWithTheLoginSentOnlyOverTls() throws Exception {
        try (SubmissionServer server = SubmissionServer.startTls(local, USER, SMTP_PASSWORD)) {
            String log = backupLogging(config(server.port(), """
                    camelback.mail.starttls=true
                    camelback.mail.ca-file=%s
                    """.formatted(local.pem())));
            assertThat(server.logins()).containsExactly(new SubmissionServer.Login(USER, SMTP_PASSWORD, true));
            assertThat(server.messages()).singleElement().asString()
                    .contains("Subject: camelback ", " docs: OK", "SourceFiles")
                    .doesNotContain(SMTP_PASSWORD);
            assertThat(log).doesNotContain("could not send the report mail").doesNotContain(SMTP_PASSWORD);
        }
    }

    @Test
    void aServerThatOffersNoStartTlsIsSentNeitherThePasswordNorTheReportAndTheLogSaysWhy() throws Exception {
        try (SubmissionServer server = SubmissionServer.plain(USER, SMTP_PASSWORD)) {
            String log = backupLogging(config(server.port(), "camelback.mail.starttls=true\n"));
            // JavaMail with STARTTLS merely enabled goes on in clear and logs in: required is what keeps this empty
            assertThat(server.logins()).isEmpty();
            assertThat(server.messages()).isEmpty();
            assertThat(log).contains("could not send the report mail to ops@example.org via smtp 127.0.0.1:" + server.port()
                            + " with STARTTLS: ")
                    .contains("the server does not offer STARTTLS, so neither the password nor the report was sent")
                    .contains("check camelback.mail.port")
                    .doesNotContain(SMTP_PASSWORD);
        }
    }

    @Test
    void aServerThatDemandsStartTlsWhenItIsOffIsNamedWithTheStarttlsKey() throws Exception {
        try (SubmissionServer server = SubmissionServer.startTls(local, USER, SMTP_PASSWORD)) {
            String log = backupLogging(config(server.port(), ""));
            // it offers AUTH only after STARTTLS, so JavaMail never logs in and MAIL FROM is refused with 530
            assertThat(server.logins()).isEmpty();
            assertThat(server.messages()).isEmpty();
            assertThat(log).contains("via smtp 127.0.0.1:" + server.port() + ": ")
                    .contains("the server wants a login first: set camelback.mail.starttls=true")
                    .doesNotContain(SMTP_PASSWORD);
        }
        try (SubmissionServer relay = SubmissionServer.startTlsWithoutLogin(local)) {
            String log = backupLogging(config(relay.port(), ""));
            assertThat(relay.messages()).isEmpty();
            assertThat(log).contains("via smtp 127.0.0.1:" + relay.port() + ": ")
                    .contains("the server demands STARTTLS before it takes mail or a login: set camelback.mail.starttls=true");
        }
    }

    @Test
    void aCertificateJavaDoesNotTrustIsRefusedBeforeTheLoginWithTheCaFileHint() throws Exception {
        try (SubmissionServer server = SubmissionServer.startTls(local, USER, SMTP_PASSWORD)) {
            String log = backupLogging(config(server.port(), "camelback.mail.starttls=true\n"));
            assertThat(server.logins()).isEmpty();
            assertThat(server.messages()).isEmpty();
            assertThat(log).contains("via smtp 127.0.0.1:" + server.port() + " with STARTTLS: ")
                    .contains("Java does not trust the server's certificate")
                    .contains("camelback.mail.ca-file")
                    .doesNotContain(SMTP_PASSWORD);
        }
    }

    @Test
    void aTrustedCertificateIssuedToAnotherNameIsRefusedBeforeTheLogin() throws Exception {
        try (SubmissionServer server = SubmissionServer.startTls(elsewhere, USER, SMTP_PASSWORD)) {
            String log = backupLogging(config(server.port(), """
                    camelback.mail.starttls=true
                    camelback.mail.ca-file=%s
                    """.formatted(elsewhere.pem())));
            assertThat(server.logins()).isEmpty();
            assertThat(server.messages()).isEmpty();
            assertThat(log).contains("the server's certificate is not issued to 127.0.0.1: set camelback.mail.host")
                    .doesNotContain(SMTP_PASSWORD);
        }
    }

    @Test
    void smtpsTrustsTheCaFileAndChecksTheNameToo() throws Exception {
        try (SubmissionServer server = SubmissionServer.implicitTls(local, USER, SMTP_PASSWORD)) {
            backupLogging(config(server.port(), """
                    camelback.mail.tls=true
                    camelback.mail.ca-file=%s
                    """.formatted(local.pem())));
            assertThat(server.logins()).containsExactly(new SubmissionServer.Login(USER, SMTP_PASSWORD, true));
            assertThat(server.messages()).singleElement().asString().contains(" docs: OK");
        }
        try (SubmissionServer server = SubmissionServer.implicitTls(elsewhere, USER, SMTP_PASSWORD)) {
            String log = backupLogging(config(server.port(), """
                    camelback.mail.tls=true
                    camelback.mail.ca-file=%s
                    """.formatted(elsewhere.pem())));
            assertThat(server.logins()).isEmpty();
            assertThat(log).contains("via smtps 127.0.0.1:" + server.port() + ": ")
                    .contains("the server's certificate is not issued to 127.0.0.1");
        }
    }
}
