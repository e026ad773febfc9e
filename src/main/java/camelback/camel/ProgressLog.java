package camelback.camel;

import camelback.archive.BackupStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain log line every few seconds while a backup runs (files, bytes, rate, current volume), so
 * a long run is visibly alive in a non-TTY log.
 */
public final class ProgressLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "camelback-progress");
        t.setDaemon(true);
        return t;
    });
    private final long periodMillis;

    public ProgressLog(long periodMillis) {
        this.periodMillis = periodMillis;
    }

    /** Starts reporting on a run; cancel the returned handle when it ends. */
    public ScheduledFuture<?> follow(String job, BackupStatistics stats, AtomicInteger currentVolume) {
        long started = System.nanoTime();
        return timer.scheduleAtFixedRate(() -> {
            double seconds = (System.nanoTime() - started) / 1e9;
            long bytes = stats.sourceFileSize();
            LOG.info("job {}: {} files, {} read, {}/s, volume {}, {} errors", job, stats.sourceFiles(),
                    BackupStatistics.humanSize(bytes), BackupStatistics.humanSize((long) (bytes / Math.max(seconds, 0.001))),
                    currentVolume.get(), stats.errors());
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
