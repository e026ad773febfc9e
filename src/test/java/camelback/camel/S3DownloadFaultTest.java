package camelback.camel;

import camelback.archive.RestoreOptions;
import camelback.archive.Restorer;
import camelback.archive.ScratchFullException;
import camelback.cli.ExitCode;
import camelback.cli.ExitCodes;
import camelback.job.ChainVerifier;
import camelback.job.JobConfigs;
import camelback.job.Secrets;
import camelback.job.StoreArchiveSource;
import camelback.job.TargetAccess;
import camelback.store.FaultyS3Proxy;
import camelback.store.S3ClientFactory;
import camelback.store.S3ProxyServer;
import camelback.store.S3Settings;
import camelback.store.S3Store;
import camelback.store.Store;
import camelback.store.Stores;
import camelback.testing.Processes;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Reads of a chain on S3Proxy through a proxy that breaks downloads off, refuses them or never answers: a target that
 * fails to deliver a volume is the target's failure (exit 7), not a damaged backup (exit 9), and the message names the
 * volume that failed, what S3 said and what to do; the JUnit timeouts only keep a regression from hanging the build.
 * A temp folder that fills up while volumes come in is this machine's failure, named as such (exit 1).
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

    /** The store a read command opens for {@code s3://BUCKET/host} through {@code proxy}: retries and timeouts included. */
    private static Store readStoreThrough(FaultyS3Proxy proxy, String bucket) {
        return Stores.open("s3://" + bucket + "/host",
                S3Settings.forEndpoint(proxy.endpoint().toString(), s3.accessKey(), s3.secretKey()));
    }

    /** What a read command of job "spans" opens, through {@code proxy}, with the job's read timeout at one second. */
    private TargetAccess readCommandThrough(FaultyS3Proxy proxy, String bucket) throws Exception {
        Path config = Files.writeString(tmp.resolve("read.properties"), """
                camelback.job.spans.source=%s
                camelback.job.spans.target=s3://%s/host
                camelback.job.spans.encryption=none
                camelback.job.spans.archive-dir=%s
                camelback.job.spans.s3-endpoint=%s
                camelback.job.spans.s3-read-timeout=1s
                """.formatted(tmp.resolve("src"), bucket, tmp.resolve("read-cache"), proxy.endpoint()));
        Secrets secrets = Secrets.of(Map.of("AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey()), null);
        JobConfigs jobs = JobConfigs.load(JobConfigs.readProperties(config), tmp, secrets);
        return TargetAccess.open(jobs, "spans", null, null, secrets);
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
            assertThat(failure.getMessage()).as("where it broke off and what to do")
                    .contains(proxy.endpoint().toString(), "broke off", "check the network");
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

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void restoreFromAServerThatNeverAnswersFailsWithTheTargetError() throws Exception {
        String bucket = backupSpanningVolumes("never-answers");
        Path dest = tmp.resolve("restored");
        try (FaultyS3Proxy proxy = new FaultyS3Proxy(s3.endpoint()).inject("GET", ".", FaultyS3Proxy.Fault.NO_ANSWER, 1000);
             TargetAccess access = readCommandThrough(proxy, bucket)) {
            Throwable failure = catchThrowable(() -> new Restorer(access.cached())
                    .restore(new RestoreOptions(dest, Long.MAX_VALUE, null, false, false)));

            assertThat(proxy.faulted()).as("requests the server took and never answered").isNotEmpty();
            assertThat(failure).isNotNull();
            assertThat(ExitCodes.of(failure)).as("exit code for: %s", failure).isEqualTo(ExitCode.TARGET);
            assertThat(failure.getMessage()).as("who did not answer and what to check")
                    .contains("s3://" + bucket + "/host", proxy.endpoint().toString(), "did not answer", "the network");
        }
        assertThat(dest.resolve("big.bin")).doesNotExist();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void verifyOfAVolumeTheServerNeverSendsFailsWithTheTargetErrorNamingIt() throws Exception {
        String bucket = backupSpanningVolumes("never-sends-vol2");
        try (FaultyS3Proxy proxy = new FaultyS3Proxy(s3.endpoint())
                .inject("GET", "\\.vol2\\.", FaultyS3Proxy.Fault.NO_ANSWER, 1000);
             TargetAccess access = readCommandThrough(proxy, bucket)) {
            Throwable failure = catchThrowable(() -> new ChainVerifier(access.cached()).verify(Long.MAX_VALUE));

            assertThat(proxy.faulted()).as("downloads of vol2 the server took and never answered").isNotEmpty();
            assertThat(failure).as("verify's outcome: vol2 was listed as a problem of the backup").isNotNull();
            assertThat(ExitCodes.of(failure)).as("exit code for: %s", failure).isEqualTo(ExitCode.TARGET);
            assertThat(failure.getMessage()).contains(".vol2.", proxy.endpoint().toString(), "did not answer");
        }
    }

    @Test
    void aVolumeDownloadRefusedNamesTheVolumeTheS3CodeAndTheBucketPolicy() throws Exception {
        String bucket = backupSpanningVolumes("refused-vol2");
        try (FaultyS3Proxy proxy = new FaultyS3Proxy(s3.endpoint())
                .inject("GET", "\\.vol2\\.", FaultyS3Proxy.Fault.ACCESS_DENIED, 100);
             Store store = readStoreThrough(proxy, bucket)) {
            Throwable failure = catchThrowable(() -> new Restorer(new StoreArchiveSource(store, () -> null,
                    tmp.resolve("scratch"))).restore(new RestoreOptions(tmp.resolve("restored"), Long.MAX_VALUE, null, false, false)));

            assertThat(ExitCodes.of(failure)).as("exit code for: %s", failure).isEqualTo(ExitCode.TARGET);
            assertThat(failure.getMessage()).as("which volume, what S3 said and what to check")
                    .contains(".vol2.", "s3://" + bucket + "/host", "AccessDenied", "HTTP 403", "secret key",
                            "bucket policy");
        }
    }

    @Test
    void aVolumeDownloadAnsweredSlowDownPastTheRetriesNamesTheVolumeTheS3CodeAndSaysToTryAgainLater() throws Exception {
        String bucket = backupSpanningVolumes("slow-down-vol2");
        try (FaultyS3Proxy proxy = new FaultyS3Proxy(s3.endpoint())
                .inject("GET", "\\.vol2\\.", FaultyS3Proxy.Fault.SLOW_DOWN, 100);
             Store store = readStoreThrough(proxy, bucket)) {
            Throwable failure = catchThrowable(() -> new Restorer(new StoreArchiveSource(store, () -> null,
                    tmp.resolve("scratch"))).restore(new RestoreOptions(tmp.resolve("restored"), Long.MAX_VALUE, null, false, false)));

            assertThat(proxy.faulted()).as("tried more than once").hasSizeGreaterThan(1);
            assertThat(ExitCodes.of(failure)).as("exit code for: %s", failure).isEqualTo(ExitCode.TARGET);
            assertThat(failure.getMessage()).as("which volume, what S3 said and what to do")
                    .contains(".vol2.", "SlowDown", "HTTP 503", "try again later");
        }
    }

    @Test
    void aListingRefusedNamesTheTargetTheS3CodeAndTheBucketPolicy() throws Exception {
        String bucket = backupSpanningVolumes("refused-list");
        try (FaultyS3Proxy proxy = new FaultyS3Proxy(s3.endpoint())
                .inject("GET", "list-type=2", FaultyS3Proxy.Fault.ACCESS_DENIED, 100);
             TargetAccess access = readCommandThrough(proxy, bucket)) {
            Throwable failure = catchThrowable(() -> access.store().list());

            assertThat(proxy.faulted()).isNotEmpty();
            assertThat(ExitCodes.of(failure)).as("exit code for: %s", failure).isEqualTo(ExitCode.TARGET);
            assertThat(failure.getMessage()).as("what, what S3 said and what to check")
                    .contains("cannot list s3://" + bucket + "/host", "AccessDenied", "HTTP 403", "bucket policy");
        }
    }

    /** A tmpfs of 512 KiB at {@code dir}, too small for one of the 1 MiB volumes; skips the test where none can be mounted. */
    private static void mountSmallDisk(Path dir) throws Exception {
        Files.createDirectories(dir);
        Processes.Result mount = Processes.run(dir.getParent(), Map.of(),
                List.of("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", dir.toString()));
        Assumptions.assumeTrue(mount.exitCode() == 0, "cannot mount a tmpfs here (needs root): " + mount.output());
    }

    private static void unmount(Path dir) throws Exception {
        Processes.run(dir.getParent(), Map.of(), List.of("umount", dir.toString()));
    }

    @Test
    void aRestoreWhoseTempFolderFillsUpFailsAsThisMachinesFullDiskNamingTheFolderNotTheTarget() throws Exception {
        String bucket = backupSpanningVolumes("full-scratch");
        Path scratch = tmp.resolve("small-disk");
        Path dest = tmp.resolve("restored");
        mountSmallDisk(scratch);
        try (FaultyS3Proxy proxy = new FaultyS3Proxy(s3.endpoint());
             Store store = readStoreThrough(proxy, bucket)) {
            Throwable failure = catchThrowable(() -> new Restorer(new StoreArchiveSource(store, () -> null, scratch))
                    .restore(new RestoreOptions(dest, Long.MAX_VALUE, null, false, false)));

            assertThat(failure).isInstanceOf(ScratchFullException.class);
            assertThat(ExitCodes.of(failure)).as("exit code for: %s", failure).isEqualTo(ExitCode.ERROR);
            assertThat(failure.getMessage()).as("which folder is full, and what to do")
                    .contains(scratch.toString(), "is full", ".vol", "No space left on device", "free space");
            for (String volume : List.of(".vol1.", ".vol2.", ".vol3.")) {
                assertThat(proxy.requestHeads()).as("downloads of %s: a full disk is not tried again", volume)
                        .filteredOn(head -> head.startsWith("GET") && head.contains(volume)).hasSizeLessThanOrEqualTo(1);
            }
        } finally {
            unmount(scratch);
        }
        assertThat(dest.resolve("big.bin")).doesNotExist();
    }

    @Test
    void aVerifyWhoseTempFolderFillsUpFailsAsThisMachinesFullDiskInsteadOfListingDamagedVolumes() throws Exception {
        String bucket = backupSpanningVolumes("full-scratch-verify");
        Path scratch = tmp.resolve("small-disk");
        mountSmallDisk(scratch);
        try (FaultyS3Proxy proxy = new FaultyS3Proxy(s3.endpoint());
             Store store = readStoreThrough(proxy, bucket)) {
            Throwable failure = catchThrowable(() -> new ChainVerifier(new StoreArchiveSource(store, () -> null, scratch))
                    .verify(Long.MAX_VALUE));

            assertThat(failure).as("verify's outcome: the volumes were listed as problems of the backup")
                    .isInstanceOf(ScratchFullException.class);
            assertThat(ExitCodes.of(failure)).as("exit code for: %s", failure).isEqualTo(ExitCode.ERROR);
            assertThat(failure.getMessage()).contains(scratch.toString(), "is full", ".vol1.");
        } finally {
            unmount(scratch);
        }
    }
}
