package camelback.camel;

import camelback.archive.RestoreOptions;
import camelback.archive.Restorer;
import camelback.job.TargetAccess;
import camelback.testing.TreeAssertions;
import camelback.testing.Vectors;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class BackupRouteTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"none", "passphrase", "public-key"})
    void fullBackupThroughRoutesRestoresTheSourceTree(String encryption) throws Exception {
        Path source = Vectors.extractSource(1, tmp.resolve("src"));
        Path target = tmp.resolve("target");
        Map<String, String> env = Map.of("PASSPHRASE", Vectors.PASSPHRASE);
        Path config = TestApp.config(tmp, """
                camelback.job.t.source=%s
                camelback.job.t.target=file://%s
                camelback.job.t.encryption=%s
                camelback.job.t.public-key=%s
                camelback.job.t.volsize=1
                camelback.job.t.archive-dir=%s
                """.formatted(source, target, encryption, Vectors.publicKey(), tmp.resolve("cache")));
        try (TestApp t = new TestApp(config, env)) {
            Exchange result = t.app.backup("t", true);
            assertThat(CamelbackApp.outcome(result)).as("failure: %s", CamelbackApp.failure(result)).isEqualTo(Outcome.OK);
            assertThat(t.printed()).contains("--------------[ Backup Statistics ]--------------", "SourceFiles 14", "Errors 0");
        }
        List<String> names;
        try (Stream<Path> files = Files.list(target)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        String suffix = encryption.equals("none") ? ".gz" : ".gpg";
        assertThat(names).anyMatch(n -> n.matches("duplicity-full\\.\\d{8}T\\d{6}Z\\.vol1\\.difftar\\" + suffix))
                .anyMatch(n -> n.matches("duplicity-full\\.\\d{8}T\\d{6}Z\\.vol2\\.difftar\\" + suffix))
                .anyMatch(n -> n.matches("duplicity-full-signatures\\.\\d{8}T\\d{6}Z\\.sigtar\\" + suffix))
                .anyMatch(n -> n.matches("duplicity-full\\.\\d{8}T\\d{6}Z\\.manifest" + (encryption.equals("none") ? "" : "\\.gpg")))
                .noneMatch(n -> n.startsWith(".uploading"));
        // The archive dir's copy of the signatures, gzipped while the last volumes were compressed, is the set's.
        List<Path> cached;
        try (Stream<Path> files = Files.list(tmp.resolve("cache"))) {
            cached = files.filter(p -> p.getFileName().toString().matches("duplicity-full-signatures\\.\\d{8}T\\d{6}Z\\.sigtar\\.gz"))
                    .toList();
        }
        assertThat(cached).hasSize(1);
        byte[] cachedTar = gunzip(cached.get(0));
        assertThat(cachedTar.length % 512).isZero();
        if (encryption.equals("none")) {
            Path stored = target.resolve(names.stream().filter(n -> n.contains("-signatures.")).findFirst().orElseThrow());
            assertThat(cachedTar).isEqualTo(gunzip(stored));
        }
        try (TestApp t = new TestApp(config, env);
             TargetAccess access = TargetAccess.open(t.jobs, "t", Vectors.secretKey(), null, camelback.job.Secrets.of(env, null))) {
            Path dest = tmp.resolve("restored");
            new Restorer(access.source()).restore(new RestoreOptions(dest, Long.MAX_VALUE, null, false, false));
            TreeAssertions.assertSameTree(source, dest);
        }
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    @Test
    void missingSourceFailsTheRunWithAClearMessageAndUploadsNothing() throws Exception {
        Path target = tmp.resolve("target");
        Path config = TestApp.config(tmp, """
                camelback.job.t.source=%s
                camelback.job.t.target=file://%s
                camelback.job.t.encryption=none
                camelback.job.t.archive-dir=%s
                """.formatted(tmp.resolve("nope"), target, tmp.resolve("cache")));
        try (TestApp t = new TestApp(config, Map.of())) {
            Exchange result = t.app.backup("t", true);
            assertThat(CamelbackApp.outcome(result)).isEqualTo(Outcome.FAILED);
            assertThat(ErrorMessages.describe(CamelbackApp.failure(result))).contains(tmp.resolve("nope").toString());
        }
        assertThat(target).doesNotExist();
    }

    @Test
    void publicKeyJobWithoutItsArchiveDirOrSecretKeyStartsANewChain() throws Exception {
        Path source = Vectors.extractSource(1, tmp.resolve("src"));
        Path target = tmp.resolve("target");
        Path cache = tmp.resolve("cache");
        Path config = TestApp.config(tmp, """
                camelback.job.t.source=%s
                camelback.job.t.target=file://%s
                camelback.job.t.encryption=public-key
                camelback.job.t.public-key=%s
                camelback.job.t.archive-dir=%s
                """.formatted(source, target, Vectors.publicKey(), cache));
        camelback.testing.StepClock clock = new camelback.testing.StepClock(java.time.Instant.now().minusSeconds(3600));
        try (TestApp t = new TestApp(config, Map.of(), clock)) {
            assertThat(CamelbackApp.outcome(t.app.backup("t", true))).isEqualTo(Outcome.OK);
            // a new host: the signatures are only on the target, encrypted to a key this host lacks
            camelback.testing.Processes.ok(null, "rm", "-rf", cache.toString());
            clock.advanceSeconds(60);
            Exchange second = t.app.backup("t", false);
            assertThat(CamelbackApp.outcome(second)).as("failure: %s", CamelbackApp.failure(second)).isEqualTo(Outcome.OK);
        }
        try (Stream<Path> files = Files.list(target)) {
            List<String> manifests = files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".manifest")).toList();
            assertThat(manifests).hasSize(2).allMatch(n -> n.startsWith("duplicity-full."));
        }
    }

    @Test
    void theWorkDirOfAKilledRunIsDeletedByTheNextRun() throws Exception {
        Path source = Vectors.extractSource(1, tmp.resolve("src"));
        Path cache = tmp.resolve("cache");
        Path config = TestApp.config(tmp, """
                camelback.job.t.source=%s
                camelback.job.t.target=file://%s
                camelback.job.t.encryption=none
                camelback.job.t.archive-dir=%s
                """.formatted(source, tmp.resolve("target"), cache));
        // what kill -9 leaves: an encoded volume and the plaintext of the set being cut
        Path killed = Files.createDirectories(cache.resolve("work/t-1700000000/set-1"));
        Files.writeString(killed.resolve("plain.tar"), "plaintext of the source");
        Files.writeString(killed.getParent().resolve("duplicity-full.20231114T221320Z.vol1.difftar.gz"), "half a volume");
        try (TestApp t = new TestApp(config, Map.of())) {
            assertThat(CamelbackApp.outcome(t.app.backup("t", true))).isEqualTo(Outcome.OK);
        }
        try (Stream<Path> left = Files.list(cache.resolve("work"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void keepFullDeletesOlderChainsAfterASuccessfulRun() throws Exception {
        Path source = Vectors.extractSource(1, tmp.resolve("src"));
        Path target = tmp.resolve("target");
        Path config = TestApp.config(tmp, """
                camelback.job.t.source=%s
                camelback.job.t.target=file://%s
                camelback.job.t.encryption=none
                camelback.job.t.keep-full=2
                camelback.job.t.archive-dir=%s
                """.formatted(source, target, tmp.resolve("cache")));
        camelback.testing.StepClock clock = new camelback.testing.StepClock(java.time.Instant.now().minusSeconds(3600));
        try (TestApp t = new TestApp(config, Map.of(), clock)) {
            for (int i = 0; i < 3; i++) {
                assertThat(CamelbackApp.outcome(t.app.backup("t", true))).isEqualTo(Outcome.OK);
                clock.advanceSeconds(60);
            }
        }
        try (Stream<Path> files = Files.list(target)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".manifest"))).hasSize(2);
        }
    }

    @Test
    void theDaemonRunsAJobOnItsQuartzSchedule() throws Exception {
        Path source = Vectors.extractSource(1, tmp.resolve("src"));
        Path target = tmp.resolve("target");
        Path config = TestApp.config(tmp, """
                camelback.job.cron.source=%s
                camelback.job.cron.target=file://%s
                camelback.job.cron.encryption=none
                camelback.job.cron.cron=0/1 * * * * ?
                camelback.job.cron.archive-dir=%s
                camelback.job.off.enabled=false
                camelback.job.off.source=%s
                camelback.job.off.target=file://%s
                camelback.job.off.encryption=none
                camelback.job.off.cron=0/1 * * * * ?
                camelback.job.off.archive-dir=%s
                """.formatted(source, target, tmp.resolve("cache"), source, tmp.resolve("off-target"), tmp.resolve("off-cache")));
        try (TestApp t = new TestApp(config, Map.of())) {
            assertThat(t.app.scheduleJobs()).isEqualTo(1);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
                try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
                    return files.anyMatch(p -> p.getFileName().toString().endsWith(".manifest"));
                }
            });
        }
        assertThat(tmp.resolve("off-target")).doesNotExist();
    }
}
