package camelback.camel;

import camelback.archive.RestoreOptions;
import camelback.archive.Restorer;
import camelback.job.StoreArchiveSource;
import camelback.store.FaultyS3Proxy;
import camelback.store.S3ProxyServer;
import camelback.store.S3Store;
import camelback.testing.TreeAssertions;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aVolumeUploadAnsweredSlowDownSeveralTimesInARowIsRetriedAndTheSetCompletes() throws Exception {
        s3.createBucket("slow-down");
        Path source = Files.createDirectories(tmp.resolve("src"));
        byte[] random = new byte[2_500_000];
        new Random(12).nextBytes(random);
        Files.write(source.resolve("random.bin"), random);
        try (FaultyS3Proxy proxy = new FaultyS3Proxy(s3.endpoint())
                // S3 asks clients to back off for a while: more answers in a row than the SDK's default three retries
                .inject("PUT", "\\.vol2\\.", FaultyS3Proxy.Fault.SLOW_DOWN, 4)) {
            Path config = TestApp.config(tmp, """
                    camelback.job.slow.source=%s
                    camelback.job.slow.target=s3://slow-down/host
                    camelback.job.slow.encryption=none
                    camelback.job.slow.volsize=1
                    camelback.job.slow.archive-dir=%s
                    camelback.job.slow.s3-endpoint=%s
                    """.formatted(source, tmp.resolve("cache"), proxy.endpoint()));
            try (TestApp app = new TestApp(config, Map.of("AWS_ACCESS_KEY_ID", s3.accessKey(),
                    "AWS_SECRET_ACCESS_KEY", s3.secretKey()))) {
                Exchange result = app.app.backup("slow", true);
                assertThat(proxy.faulted()).hasSize(4);
                assertThat(CamelbackApp.outcome(result)).as("failure: %s", CamelbackApp.failure(result))
                        .isEqualTo(Outcome.OK);
            }
        }
        Path restored = tmp.resolve("restored");
        try (S3Store store = new S3Store(s3.newClient(), "slow-down", "host")) {
            new Restorer(new StoreArchiveSource(store, () -> null, tmp.resolve("scratch")))
                    .restore(new RestoreOptions(restored, Long.MAX_VALUE, null, false, false));
        }
        TreeAssertions.assertSameTree(source, restored);
    }
}
