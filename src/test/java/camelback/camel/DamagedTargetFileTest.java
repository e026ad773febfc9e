package camelback.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import camelback.archive.ArchiveDir;
import camelback.archive.ArchiveSource;
import camelback.crypto.IntegrityException;
import camelback.job.Secrets;
import camelback.job.TargetAccess;
import camelback.testing.StepClock;
import camelback.testing.Vectors;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A manifest on the target that fails its integrity check, found with an empty archive dir (a new host). */
class DamagedTargetFileTest {
    private static final Map<String, String> ENV = Map.of("PASSPHRASE", "damaged-target-passphrase");

    @TempDir
    Path tmp;

    @Test
    void aDamagedManifestOfAnOldChainIsNamedAndKeepsNeitherBackupsNorTheNewChainFromWorking() throws Exception {
        Path target = tmp.resolve("target");
        Path cache = tmp.resolve("cache");
        Path config = TestApp.config(tmp, """
                camelback.job.t.source=%s
                camelback.job.t.target=file://%s
                camelback.job.t.encryption=passphrase
                camelback.job.t.archive-dir=%s
                """.formatted(Vectors.extractSource(1, tmp.resolve("src")), target, cache));
        StepClock clock = new StepClock(Instant.now().minusSeconds(3600));
        String damaged;
        try (TestApp t = new TestApp(config, ENV, clock)) {
            assertThat(CamelbackApp.outcome(t.app.backup("t", true))).isEqualTo(Outcome.OK);
            damaged = manifests(target).get(0);
            clock.advanceSeconds(60);
            assertThat(CamelbackApp.outcome(t.app.backup("t", false))).isEqualTo(Outcome.OK);
        }
        byte[] bytes = Files.readAllBytes(target.resolve(damaged));
        bytes[bytes.length - 30] ^= 1;
        Files.write(target.resolve(damaged), bytes);
        new ArchiveDir(cache).names().forEach(name -> cache.resolve(name).toFile().delete());

        clock.advanceSeconds(60);
        try (TestApp t = new TestApp(config, ENV, clock)) {
            Exchange run = t.app.backup("t", false);
            assertThat(CamelbackApp.outcome(run)).isEqualTo(Outcome.OK);
            assertThat(run.getMessage().getBody(String.class)).contains("made a full backup instead of an incremental",
                    damaged + " on the target is damaged");
            assertThat(manifests(target)).filteredOn(name -> name.startsWith("duplicity-full.")).hasSize(2);

            try (TargetAccess access = TargetAccess.open(t.jobs, "t", null, null, Secrets.of(ENV, null))) {
                ArchiveSource cached = access.cached();
                assertThat(new ArchiveDir(cache).names()).as("the sync went on past the damaged manifest")
                        .anyMatch(name -> name.startsWith("duplicity-inc.") && name.endsWith(".manifest"))
                        .noneMatch(name -> damaged.startsWith(name));
                assertThatThrownBy(() -> {
                    try (InputStream in = cached.openPlain(damaged)) {
                        in.transferTo(java.io.OutputStream.nullOutputStream());
                    }
                }).isInstanceOf(IntegrityException.class).hasMessageStartingWith(damaged + " on the target is damaged");
            }
        }
    }

    private static List<String> manifests(Path target) throws Exception {
        try (Stream<Path> files = Files.list(target)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".manifest")).sorted().toList();
        }
    }
}
