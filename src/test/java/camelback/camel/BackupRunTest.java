package camelback.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Volumes encoded ahead, while they are cut: collected by number, failures raised there, leftovers stopped. */
class BackupRunTest {
    @TempDir
    Path tmp;
    private BackupRun run;

    @BeforeEach
    void newRun() throws IOException {
        run = new RunFixture(tmp).run;
    }

    private static StoredFileEncoder.Encoded encoded(String name) {
        return new StoredFileEncoder.Encoded(Path.of(name), name, "0".repeat(40));
    }

    @Test
    void aVolumeEncodedAheadIsCollectedByItsNumber() throws Exception {
        run.encodeAhead(1, () -> encoded("vol1"));
        run.encodeAhead(2, () -> encoded("vol2"));
        assertThat(run.encodedVolume(2, () -> encoded("encoded late"))).isEqualTo(encoded("vol2"));
        assertThat(run.encodedVolume(1, () -> encoded("encoded late"))).isEqualTo(encoded("vol1"));
        run.close();
    }

    @Test
    void aVolumeNotEncodedAheadIsEncodedWhenCollected() throws Exception {
        assertThat(run.encodedVolume(3, () -> encoded("encoded late"))).isEqualTo(encoded("encoded late"));
        run.close();
    }

    @Test
    void aFailedEncodingIsRaisedWhereTheVolumeIsCollected() throws Exception {
        run.encodeAhead(1, () -> {
            throw new IOException("no space left on device");
        });
        assertThatThrownBy(() -> run.encodedVolume(1, () -> encoded("encoded late")))
                .isInstanceOf(IOException.class).hasMessage("no space left on device");
        run.close();
    }

    @Test
    void closingStopsEncodingsNobodyCollectedBeforeTheWorkDirGoes() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicBoolean workDirThere = new AtomicBoolean();
        run.encodeAhead(1, () -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                workDirThere.set(Files.isDirectory(run.workDir()));
                stopped.set(true);
            }
            return encoded("never collected");
        });
        started.await();
        run.close();
        assertThat(stopped).isTrue();
        assertThat(workDirThere).as("the work dir still existed when the encoding stopped").isTrue();
        assertThat(run.workDir()).doesNotExist();
    }

    @Test
    void closingStopsAnEncodingAnotherVolumeThreadIsWaitingFor() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean workDirThere = new AtomicBoolean();
        run.encodeAhead(3, () -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                workDirThere.set(Files.isDirectory(run.workDir()));
            }
            return encoded("vol3");
        });
        started.await();
        // Volume 3's thread has taken its encoding from the run and waits for it when volume 2's upload fails.
        AtomicReference<Throwable> collected = new AtomicReference<>();
        Thread collector = new Thread(() -> {
            try {
                run.encodedVolume(3, () -> encoded("encoded late"));
            } catch (Throwable e) {
                collected.set(e);
            }
        });
        collector.start();
        while (collector.getState() != Thread.State.WAITING) {
            Thread.sleep(5);
        }
        run.close();
        collector.join();
        assertThat(collected.get()).as("the collector gets no volume to upload").isInstanceOf(CancellationException.class);
        assertThat(workDirThere).as("the work dir still existed when the encoding stopped").isTrue();
        assertThat(run.workDir()).doesNotExist();
    }

    @Test
    void aClosedRunEncodesNoMoreVolumes() {
        run.close();
        assertThatThrownBy(() -> run.encodeAhead(4, () -> encoded("vol4"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is over; volume 4 is not encoded");
        assertThatThrownBy(run::cacheSignaturesAhead).isInstanceOf(IllegalStateException.class);
    }
}
