package camelback.camel;

import camelback.store.S3ProxyServer;
import camelback.testing.Vectors;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The real routes against S3Proxy (HTTP, SigV4) and GreenMail (SMTP). */
class S3AndMailRouteTest {
    @RegisterExtension
    static S3ProxyServer s3 = new S3ProxyServer();

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path tmp;

    private Path config(String endpoint, String bucket) throws Exception {
        Path source = Vectors.extractSource(1, tmp.resolve("src"));
        return TestApp.config(tmp, """
                camelback.job.s3job.source=%s
                camelback.job.s3job.target=s3://%s/backups/host1
                camelback.job.s3job.encryption=passphrase
                camelback.job.s3job.volsize=1
                camelback.job.s3job.archive-dir=%s
                camelback.job.s3job.s3-endpoint=%s
                camelback.mail.host=127.0.0.1
                camelback.mail.port=%d
                camelback.mail.from=backup@example.org
                camelback.mail.to=ops@example.org
                """.formatted(source, bucket, tmp.resolve("cache"), endpoint, mail.getSmtp().getPort()));
    }

    private Map<String, String> env() {
        return Map.of("PASSPHRASE", "s3-secret-passphrase",
                "AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey());
    }

    @Test
    void fullBackupToS3UploadsTheSetAndMailsTheStatistics() throws Exception {
        s3.createBucket("camelback-ok");
        try (TestApp t = new TestApp(config(s3.endpoint().toString(), "camelback-ok"), env())) {
            Exchange result = t.app.backup("s3job", true);
            assertThat(CamelbackApp.outcome(result)).as("failure: %s", CamelbackApp.failure(result)).isEqualTo(Outcome.OK);
        }
        try (S3Client client = s3.newClient()) {
            List<String> keys = client.listObjectsV2(ListObjectsV2Request.builder().bucket("camelback-ok").build())
                    .contents().stream().map(S3Object::key).toList();
            assertThat(keys).allMatch(k -> k.startsWith("backups/host1/duplicity-"))
                    .anyMatch(k -> k.endsWith(".vol1.difftar.gpg"))
                    .anyMatch(k -> k.endsWith(".vol2.difftar.gpg"))
                    .anyMatch(k -> k.endsWith(".sigtar.gpg"))
                    .anyMatch(k -> k.endsWith(".manifest.gpg"));
        }
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage message = mail.getReceivedMessages()[0];
        assertThat(message.getSubject()).contains("s3job").endsWith(": OK");
        String body = GreenMailUtil.getBody(message);
        assertThat(body).contains("[ Backup Statistics ]", "SourceFiles 14", "Errors 0")
                .doesNotContain("s3-secret-passphrase", s3.secretKey());
    }

    @Test
    void unreachableS3FailsTheRunMailsFailedUploadsNoManifestAndLeavesNoWorkDir() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (TestApp t = new TestApp(config("http://127.0.0.1:" + closedPort, "camelback-down"), env())) {
            Exchange result = t.app.backup("s3job", true);
            assertThat(CamelbackApp.outcome(result)).isEqualTo(Outcome.FAILED);
        }
        // the next run would delete it "left behind by an interrupted run", which this run was not
        assertThat(tmp.resolve("cache/work")).satisfiesAnyOf(
                work -> assertThat(work).doesNotExist(), work -> assertThat(work).isEmptyDirectory());
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage message = mail.getReceivedMessages()[0];
        assertThat(message.getSubject()).endsWith(": FAILED");
        assertThat(GreenMailUtil.getBody(message)).contains("ERROR:").doesNotContain("s3-secret-passphrase");
    }

    @Test
    void aVolumeUploadFailingMidSetFailsTheRunRemovesWhatItStoredAndLeavesTheJobFreeToRunAgain() throws Exception {
        s3.createBucket("camelback-vol2");
        Path config = config(s3.endpoint().toString(), "camelback-vol2");
        // Random bytes do not compress: five volumes of 1 MiB, several of them in flight when the second fails.
        byte[] random = new byte[4 << 20];
        new java.util.Random(9).nextBytes(random);
        java.nio.file.Files.write(tmp.resolve("src/random.bin"), random);
        try (TestApp t = new TestApp(config, env());
             S3Client real = s3.newClient()) {
            // The job's client is bound before the first run, so the upload endpoint takes it instead of making one.
            t.app.context().getRegistry().bind("s3client-s3job", failingOnSecondVolume(real));
            Exchange failed = t.app.backup("s3job", true);
            assertThat(CamelbackApp.outcome(failed)).isEqualTo(Outcome.FAILED);
            assertThat(t.app.context().getInflightRepository().size()).as("volumes still in flight after the run ended").isZero();
            assertThat(tmp.resolve("cache/work")).satisfiesAnyOf(
                    work -> assertThat(work).doesNotExist(), work -> assertThat(work).isEmptyDirectory());
            assertThat(real.listObjectsV2(ListObjectsV2Request.builder().bucket("camelback-vol2").build()).contents())
                    .as("the failed run's volume 1 (and any other it stored) is removed again").isEmpty();

            Exchange again = t.app.backup("s3job", true);
            assertThat(CamelbackApp.outcome(again)).as("failure: %s", CamelbackApp.failure(again)).isEqualTo(Outcome.OK);
        }
        try (S3Client client = s3.newClient()) {
            List<String> manifests = client.listObjectsV2(ListObjectsV2Request.builder().bucket("camelback-vol2").build())
                    .contents().stream().map(S3Object::key).filter(k -> k.contains(".manifest")).toList();
            assertThat(manifests).as("only the second run's set is complete").hasSize(1);
        }
        assertThat(mail.waitForIncomingEmail(5000, 2)).isTrue();
        assertThat(mail.getReceivedMessages()).extracting(MimeMessage::getSubject)
                .satisfiesExactly(s -> assertThat(s).endsWith(": FAILED"), s -> assertThat(s).endsWith(": OK"));
        assertThat(GreenMailUtil.getBody(mail.getReceivedMessages()[0])).contains("removed the incomplete set's");
    }

    /** The real client, except that the first upload of a second volume fails as an S3 that dropped the request would. */
    private static S3Client failingOnSecondVolume(S3Client real) {
        AtomicBoolean failed = new AtomicBoolean();
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                (proxy, method, args) -> {
                    if (args != null && args.length > 0 && args[0] instanceof PutObjectRequest put
                            && put.key().contains(".vol2.") && failed.compareAndSet(false, true)) {
                        throw SdkClientException.create("connection reset while uploading " + put.key());
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void wrongCredentialsFailTheRunWithoutAManifest() throws Exception {
        s3.createBucket("camelback-denied");
        Map<String, String> wrong = Map.of("PASSPHRASE", "x", "AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", "wrong");
        try (TestApp t = new TestApp(config(s3.endpoint().toString(), "camelback-denied"), wrong)) {
            Exchange result = t.app.backup("s3job", true);
            assertThat(CamelbackApp.outcome(result)).isEqualTo(Outcome.FAILED);
        }
        try (S3Client client = s3.newClient()) {
            assertThat(client.listObjectsV2(ListObjectsV2Request.builder().bucket("camelback-denied").build()).contents())
                    .noneMatch(o -> o.key().contains("manifest"));
        }
    }

    @Test
    void largeVolumesGoUpInPartsAndComeBackWhole() throws Exception {
        s3.createBucket("camelback-multipart");
        Path source = java.nio.file.Files.createDirectories(tmp.resolve("big-src"));
        byte[] data = new byte[40 * 1024 * 1024];
        new java.util.Random(5).nextBytes(data);
        java.nio.file.Files.write(source.resolve("random.bin"), data);
        Path config = TestApp.config(tmp, """
                camelback.job.mp.source=%s
                camelback.job.mp.target=s3://camelback-multipart/mp
                camelback.job.mp.encryption=none
                camelback.job.mp.volsize=100
                camelback.job.mp.archive-dir=%s
                camelback.job.mp.s3-endpoint=%s
                """.formatted(source, tmp.resolve("mp-cache"), s3.endpoint()));
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey());
        try (TestApp t = new TestApp(config, env);
             camelback.job.TargetAccess access = camelback.job.TargetAccess.open(t.jobs, "mp", null, null,
                     camelback.job.Secrets.of(env, null))) {
            Exchange result = t.app.backup("mp", true);
            assertThat(CamelbackApp.outcome(result)).as("failure: %s", CamelbackApp.failure(result)).isEqualTo(Outcome.OK);
            assertThat(access.store().list()).anyMatch(n -> n.endsWith(".vol1.difftar.gz"));
            Path out = tmp.resolve("mp-out");
            new camelback.archive.Restorer(access.cached()).restore(
                    new camelback.archive.RestoreOptions(out, Long.MAX_VALUE, null, false, false));
            camelback.testing.TreeAssertions.assertSameTree(source, out);
        }
    }
}
