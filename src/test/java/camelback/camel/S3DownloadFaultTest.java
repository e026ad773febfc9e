package camelback.camel;

import camelback.archive.RestoreOptions;
import camelback.archive.Restorer;
import camelback.cli.ExitCode;
import camelback.cli.ExitCodes;
import camelback.job.ChainVerifier;
import camelback.job.StoreArchiveSource;
import camelback.store.FaultyS3Proxy;
import camelback.store.S3ClientFactory;
import camelback.store.S3ProxyServer;
import camelback.store.S3Settings;
import camelback.store.S3Store;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Reads of a chain on S3Proxy through a proxy that breaks downloads off: a target that fails to deliver a volume is
 * the target's failure (exit 7), not a damaged backup (exit 9), and the message names the volume that failed.
 */
class S3DownloadFaultTest {
    @RegisterExtension
    static S3ProxyServer s3 = new S3ProxyServer();

    @TempDir
    Path tmp;

    /** A full backup of a small file and a random one that spans volumes 1 to 3; returns the bucket. */
    private String backupSpanningVolumes(String bucket) throws Exception {
        s3.createBucket(bucket);
        Path source = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(source.resolve("a.txt"), "first in the set\n");
        byte[] random = new byte[2_500_000];
        new Random(11).nextBytes(random);
        Files.write(source.resolve("big.bin"), random);
        Path config = TestApp.config(tmp, """
                camelback.job.spans.source=%s
                camelback.job.spans.target=s3://%s/host
                camelback.job.spans.encryption=none
                camelback.job.spans.volsize=1
                camelback.job.spans.archive-dir=%s
                camelback.job.spans.s3-endpoint=%s
                """.formatted(source, bucket, tmp.resolve("cache"), s3.endpoint()));
        try (TestApp app = new TestApp(config, Map.of("AWS_ACCESS_KEY_ID", s3.accessKey(),
                "AWS_SECRET_ACCESS_KEY", s3.secretKey()))) {
            Exchange result = app.app.backup("spans", true);
            assertThat(CamelbackApp.outcome(result)).as("failure: %s", CamelbackApp.failure(result)).isEqualTo(Outcome.OK);
        }
        return bucket;
    }

    private static S3Store storeThrough(FaultyS3Proxy proxy, String bucket) {
        return new S3Store(S3ClientFactory.create(S3Settings.forEndpoint(proxy.endpoint().toString(), s3.accessKey(),
                s3.secretKey())), bucket, "host");
    }

    @Test
    void aDownloadBrokenOffInsideAFileSpanningVolumesFailsTheRestoreAsTheTargetsErrorNamingThatVolume() throws Exception {
        String bucket = backupSpanningVolumes("restore-broken-off");
        Path dest = tmp.resolve("restored");
        try (FaultyS3Proxy proxy = new FaultyS3Proxy(s3.endpoint())
                .inject("GET", "\\.vol2\\.", FaultyS3Proxy.Fault.DROP_RESPONSE_BODY, 100);
             S3Store store = storeThrough(proxy, bucket)) {
            Throwable failure = catchThrowable(() -> new Restorer(new StoreArchiveSource(store, () -> null,
                    tmp.resolve("scratch"))).restore(new RestoreOptions(dest, Long.MAX_VALUE, null, false, false)));

            assertThat(proxy.faulted()).as("the proxy broke the download off").isNotEmpty();
            assertThat(failure).isNotNull();
            assertThat(ExitCodes.of(failure)).as("exit code for: %s", failure).isEqualTo(ExitCode.TARGET);
            assertThat(failure.getMessage()).contains(".vol2.").doesNotContain(".vol1.");
        }
        assertThat(dest.resolve("big.bin")).as("no partial file presented as restored").doesNotExist();
    }

    @Test
    void aDownloadBrokenOffDuringVerifyFailsAsTheTargetsErrorInsteadOfReportingADamagedVolume() throws Exception {
        String bucket = backupSpanningVolumes("verify-broken-off");
        try (FaultyS3Proxy proxy = new FaultyS3Proxy(s3.endpoint())
                .inject("GET", "\\.vol2\\.", FaultyS3Proxy.Fault.DROP_RESPONSE_BODY, 100);
             S3Store store = storeThrough(proxy, bucket)) {
            Throwable failure = catchThrowable(() -> new ChainVerifier(new StoreArchiveSource(store, () -> null,
                    tmp.resolve("scratch"))).verify(Long.MAX_VALUE));

            assertThat(proxy.faulted()).as("the proxy broke the download off").isNotEmpty();
            assertThat(failure).as("verify's outcome: the volume was listed as a problem of the backup").isNotNull();
            assertThat(ExitCodes.of(failure)).as("exit code for: %s", failure).isEqualTo(ExitCode.TARGET);
            assertThat(failure.getMessage()).contains(".vol2.");
        }
    }
}
