package camelback.camel;

import camelback.archive.PathIndex;
import camelback.archive.RestoreOptions;
import camelback.archive.Restorer;
import camelback.job.ChainVerifier;
import camelback.job.Secrets;
import camelback.job.TargetAccess;
import camelback.store.S3ProxyServer;
import camelback.testing.Processes;
import camelback.testing.StepClock;
import camelback.testing.TreeAssertions;
import camelback.testing.Vectors;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chain backed up to S3Proxy through the routes, restored from it whole and one file at a time; and a job that
 * shares its bucket under file prefixes.
 */
class S3ChainTest {
    @RegisterExtension
    static S3ProxyServer s3 = new S3ProxyServer();

    @TempDir
    Path tmp;

    @Test
    void restoresTheLatestTreeAndASingleFileFromTheThirdIncrementalFromS3() throws Exception {
        s3.createBucket("chain");
        Path tree = Vectors.extractSource(1, tmp.resolve("src"));
        byte[] filler = new byte[3_000_000];
        new Random(3).nextBytes(filler);
        Files.write(tree.resolve("filler.bin"), filler);
        Path config = TestApp.config(tmp, """
                camelback.job.s3c.source=%s
                camelback.job.s3c.target=s3://chain/host
                camelback.job.s3c.encryption=passphrase
                camelback.job.s3c.volsize=1
                camelback.job.s3c.archive-dir=%s
                camelback.job.s3c.s3-endpoint=%s
                """.formatted(tree, tmp.resolve("cache"), s3.endpoint()));
        Map<String, String> env = Map.of("PASSPHRASE", "pw", "AWS_ACCESS_KEY_ID", s3.accessKey(),
                "AWS_SECRET_ACCESS_KEY", s3.secretKey());
        StepClock clock = new StepClock(Instant.now().minusSeconds(3600));
        Path third = tmp.resolve("hello-at-third");
        try (TestApp app = new TestApp(config, env, clock)) {
            for (int k = 0; k <= 4; k++) {
                if (k > 0) {
                    Path hello = tree.resolve("hello.txt");
                    Files.writeString(hello, Files.readString(hello) + "increment " + k + "\n");
                    Files.setLastModifiedTime(hello, FileTime.from(Instant.ofEpochSecond(1_700_000_000L + k)));
                }
                Exchange result = app.app.backup("s3c", false);
                assertThat(CamelbackApp.outcome(result)).as("failure: %s", CamelbackApp.failure(result)).isEqualTo(Outcome.OK);
                if (k == 3) {
                    Files.copy(tree.resolve("hello.txt"), third);
                }
                clock.advanceSeconds(60);
            }
        }
        long thirdIncrementTime = clock.epochSecond() - 2 * 60;

        Secrets secrets = Secrets.of(env, null);
        try (TestApp app = new TestApp(config, env, clock);
             TargetAccess access = TargetAccess.open(app.jobs, "s3c", null, null, secrets)) {
            Path latest = tmp.resolve("latest");
            new Restorer(access.cached()).restore(new RestoreOptions(latest, Long.MAX_VALUE, null, false, false));
            TreeAssertions.assertSameTree(tree, latest);

            int before = access.source().fetchCount();
            Path single = tmp.resolve("single.txt");
            new Restorer(access.cached()).restore(new RestoreOptions(single, thirdIncrementTime, PathIndex.of("hello.txt"), false, false));
            assertThat(Files.readString(single)).isEqualTo(Files.readString(third)).contains("increment 3").doesNotContain("increment 4");
            // the full set has several volumes; hello.txt lives in one of them, plus one volume per incremental
            assertThat(access.source().fetchCount() - before).isLessThanOrEqualTo(4);

            ChainVerifier.Result verified = new ChainVerifier(access.source()).verify(Long.MAX_VALUE);
            assertThat(verified.problems()).isEmpty();
            assertThat(verified.sets()).isEqualTo(5);
        }
        assertThat(Processes.ok(null, Map.of(), List.of("ls", tmp.resolve("cache").toString())))
                .contains(".manifest").contains(".sigtar.gz");
    }

    @Test
    void aJobWithFilePrefixesUploadsItsKeysUnderThemAndRestoresFromThem() throws Exception {
        s3.createBucket("shared");
        Path tree = Vectors.extractSource(1, tmp.resolve("src"));
        Path config = TestApp.config(tmp, """
                camelback.job.h1.source=%s
                camelback.job.h1.target=s3://shared/hosts
                camelback.job.h1.encryption=passphrase
                camelback.job.h1.archive-dir=%s
                camelback.job.h1.s3-endpoint=%s
                camelback.job.h1.file-prefix=host1_
                camelback.job.h1.file-prefix-archive=vol-
                """.formatted(tree, tmp.resolve("cache"), s3.endpoint()));
        Map<String, String> env = Map.of("PASSPHRASE", "pw", "AWS_ACCESS_KEY_ID", s3.accessKey(),
                "AWS_SECRET_ACCESS_KEY", s3.secretKey());
        StepClock clock = new StepClock(Instant.now().minusSeconds(3600));
        try (TestApp app = new TestApp(config, env, clock)) {
            for (int k = 0; k < 2; k++) {
                Files.writeString(tree.resolve("run.txt"), "run " + k + "\n");
                Files.setLastModifiedTime(tree.resolve("run.txt"), FileTime.from(Instant.ofEpochSecond(1_700_000_000L + k)));
                Exchange result = app.app.backup("h1", false);
                assertThat(CamelbackApp.outcome(result)).as("failure: %s", CamelbackApp.failure(result)).isEqualTo(Outcome.OK);
                clock.advanceSeconds(60);
            }
        }

        List<String> keys;
        try (S3Client client = s3.newClient()) {
            keys = client.listObjectsV2(b -> b.bucket("shared")).contents().stream().map(o -> o.key()).toList();
        }
        assertThat(keys).hasSize(6).allMatch(k -> k.startsWith("hosts/host1_"))
                .filteredOn(k -> k.contains(".difftar.")).isNotEmpty().allMatch(k -> k.startsWith("hosts/host1_vol-duplicity-"));
        assertThat(keys).filteredOn(k -> k.contains(".manifest")).hasSize(2).allMatch(k -> k.startsWith("hosts/host1_duplicity-"));

        Secrets secrets = Secrets.of(env, null);
        try (TestApp app = new TestApp(config, env, clock);
             TargetAccess access = TargetAccess.open(app.jobs, "h1", null, null, secrets)) {
            Path latest = tmp.resolve("latest");
            new Restorer(access.cached()).restore(new RestoreOptions(latest, Long.MAX_VALUE, null, false, false));
            TreeAssertions.assertSameTree(tree, latest);
        }
    }
}
