package camelback.camel;

import camelback.testing.Vectors;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The daemon runs one JVM for months: what a finished run held (its set writer, the chain's signature readers,
 * buffers, threads) must become garbage, or every run adds to the heap until the JVM dies of it.
 */
class FinishedRunMemoryTest {
    @TempDir
    Path tmp;

    @Test
    void aFinishedRunIsNotKeptReachableByTheRoutes() throws Exception {
        Path source = Vectors.extractSource(1, tmp.resolve("src"));
        Path config = config(source);
        try (TestApp t = new TestApp(config, Map.of())) {
            WeakReference<BackupRun> first = finishedRun(t);
            Files.writeString(source.resolve("changed-between-runs"), "new");
            finishedRun(t);
            for (int i = 0; i < 20 && first.get() != null; i++) {
                System.gc();
                Thread.sleep(50);
            }
            assertThat(first.get()).as("the first run, after a second one finished").isNull();
        }
    }

    @Test
    void aFinishedRunThatSomethingStillHoldsKeepsOnlyItsReport() throws Exception {
        Path config = config(Vectors.extractSource(1, tmp.resolve("src")));
        try (TestApp t = new TestApp(config, Map.of())) {
            // as a route an operator edited to call a method of the run would hold it, through Camel's bean cache
            BackupRun held = finished(t);
            assertThat(held.statistics().sourceFiles()).isPositive();
            assertThatThrownBy(held::writer).isInstanceOf(IllegalStateException.class).hasMessageContaining("is over");
        }
    }

    private Path config(Path source) throws Exception {
        return TestApp.config(tmp, """
                camelback.job.t.source=%s
                camelback.job.t.target=file://%s
                camelback.job.t.encryption=none
                camelback.job.t.archive-dir=%s
                """.formatted(source, tmp.resolve("target"), tmp.resolve("cache")));
    }

    private static WeakReference<BackupRun> finishedRun(TestApp t) {
        return new WeakReference<>(finished(t));
    }

    private static BackupRun finished(TestApp t) {
        Exchange result = t.app.backup("t", false);
        assertThat(CamelbackApp.outcome(result)).as("failure: %s", CamelbackApp.failure(result)).isEqualTo(Outcome.OK);
        return result.getProperty(BackupRun.PROPERTY, BackupRun.class);
    }
}
