package camelback.camel;

import camelback.archive.RestoreOptions;
import camelback.archive.Restorer;
import camelback.cli.ExitCode;
import camelback.cli.ExitCodes;
import camelback.job.StoreArchiveSource;
import camelback.store.FaultyS3Proxy;
import camelback.store.S3ProxyServer;
import camelback.store.S3Store;
import camelback.testing.TreeAssertions;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Backups to S3Proxy through a proxy that answers some uploads with the errors a busy or flaky S3 gives. */
class S3UploadFaultTest {
    @RegisterExtension
    static S3ProxyServer s3 = new S3ProxyServer();

    @TempDir
    Path tmp;

    private Path source(int bytes) throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        byte[] random = new byte[bytes];
        new Random(12).nextBytes(random);
        Files.write(source.resolve("random.bin"), random);
        return source;
    }

    /** A job "up" backing {@code source} up in volumes of 1 MiB to {@code s3://BUCKET/host} through {@code proxy}. */
    private TestApp app(Path source, String bucket, FaultyS3Proxy proxy) throws Exception {
        s3.createBucket(bucket);
        Path config = TestApp.config(tmp, """
                camelback.job.up.source=%s
                camelback.job.up.target=s3://%s/host
                camelback.job.up.encryption=none
                camelback.job.up.volsize=1
                camelback.job.up.archive-dir=%s
                camelback.job.up.s3-endpoint=%s
                """.formatted(source, bucket, tmp.resolve("cache"), proxy.endpoint()));
        return new TestApp(config, Map.of("AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey()));
    }

    @Test
    void aVolumeUploadAnsweredSlowDownSeveralTimesInARowIsRetriedAndTheSetCompletes() throws Exception {
        Path source = source(2_500_000);
        try (FaultyS3Proxy proxy = new FaultyS3Proxy(s3.endpoint())
                // S3 asks clients to back off for a while: more answers in a row than the SDK's default three retries
                .inject("PUT", "\\.vol2\\.", FaultyS3Proxy.Fault.SLOW_DOWN, 4);
             TestApp app = app(source, "slow-down", proxy)) {
            Exchange result = app.app.backup("up", true);
            assertThat(proxy.faulted()).hasSize(4);
            assertThat(CamelbackApp.outcome(result)).as("failure: %s", CamelbackApp.failure(result)).isEqualTo(Outcome.OK);
        }
        Path restored = tmp.resolve("restored");
        try (S3Store store = new S3Store(s3.newClient(), "slow-down", "host")) {
            new Restorer(new StoreArchiveSource(store, () -> null, tmp.resolve("scratch")))
                    .restore(new RestoreOptions(restored, Long.MAX_VALUE, null, false, false));
        }
        TreeAssertions.assertSameTree(source, restored);
    }

    @Test
    void aVolumeUploadRefusedMidSetFailsTheRunNamingTheVolumeAndLeavesNothingOfTheSetInTheBucket() throws Exception {
        Path source = source(4_500_000);
        try (FaultyS3Proxy proxy = new FaultyS3Proxy(s3.endpoint())
                .inject("PUT", "\\.vol3\\.", FaultyS3Proxy.Fault.ACCESS_DENIED, 1);
             TestApp app = app(source, "refused", proxy)) {
            Exchange result = app.app.backup("up", true);

            assertThat(CamelbackApp.outcome(result)).isEqualTo(Outcome.FAILED);
            Throwable failure = CamelbackApp.failure(result);
            assertThat(ExitCodes.of(failure)).as("exit code for: %s", failure).isEqualTo(ExitCode.TARGET);
            assertThat(failure.getMessage()).as("what failed and what to do")
                    .contains("duplicity-full.", ".vol3.difftar.gz", "s3://refused/host", "HTTP 403", "AccessDenied",
                            "bucket policy");
        }
        try (S3Client client = s3.newClient()) {
            assertThat(client.listObjectsV2(b -> b.bucket("refused")).contents())
                    .as("the failed run's volumes are removed; no manifest marks the set complete").isEmpty();
        }
    }
}
