package camelback.cli;

import camelback.job.RunLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running backup's set has no manifest until its end, so to {@code prune --cleanup} it looks like an interrupted
 * one: deleting must wait for the backup's lock, or the backup goes on to upload a manifest whose volumes are gone.
 */
class PruneDuringBackupTest {
    @TempDir
    Path tmp;

    @Test
    void cleanupIsRefusedWithTheLockedCodeWhileABackupHoldsTheArchiveDir() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("target"));
        Path cache = tmp.resolve("cache");
        Path volume = Files.writeString(target.resolve("duplicity-full.20260101T000000Z.vol1.difftar.gz"), "being written");
        Path config = Files.writeString(tmp.resolve("camelback.properties"), """
                camelback.job.docs.source=%s
                camelback.job.docs.target=file://%s
                camelback.job.docs.encryption=none
                camelback.job.docs.archive-dir=%s
                """.formatted(Files.createDirectories(tmp.resolve("src")), target, cache));

        try (RunLock backup = RunLock.acquire(cache, "backup docs")) {
            int code = CamelbackCommand.execute("--config", config.toString(), "prune", "docs", "--cleanup", "--force");
            assertThat(code).isEqualTo(ExitCode.LOCKED.code());
            assertThat(volume).exists();
            // Listing what would go deletes nothing and needs no lock.
            assertThat(CamelbackCommand.execute("--config", config.toString(), "prune", "docs", "--cleanup")).isZero();
        }

        assertThat(CamelbackCommand.execute("--config", config.toString(), "prune", "docs", "--cleanup", "--force")).isZero();
        assertThat(volume).doesNotExist();
    }
}
