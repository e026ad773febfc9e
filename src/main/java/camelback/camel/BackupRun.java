package camelback.camel;

import camelback.archive.ArchiveDir;
import camelback.archive.ArchiveFileName;
import camelback.archive.BackupSetWriter;
import camelback.archive.BackupStatistics;
import camelback.crypto.AdaptiveGzipOutputStream;
import camelback.job.JobConfig;
import camelback.job.ScratchDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The state of one backup run, carried through the route as the exchange property
 * {@value #PROPERTY}: the job, the set being written, its work dir and how it ended.
 */
public final class BackupRun implements AutoCloseable {
    public static final String PROPERTY = "camelbackRun";
    /**
     * The upload endpoint as a plain string property for the routes' {@code toD}. Not {@code camelbackRun.uploadUri}:
     * Camel evaluates such a method call through its bean component, whose cache (1,000 entries) is keyed by the
     * instance, so every finished run, with its set writer and signature readers, stayed reachable in the daemon.
     */
    public static final String UPLOAD_URI_PROPERTY = "camelbackUploadUri";
    private static final Logger LOG = LoggerFactory.getLogger(BackupRun.class);
    private static final int STOP_SECONDS = 30;

    private final JobConfig job;
    /** Null once the run is closed: see {@link #close()}. */
    private volatile BackupSetWriter writer;
    private final ArchiveFileName.SetName setName;
    private final BackupStatistics statistics;
    private final Path workDir;
    private final String uploadUri;
    private final long startedMillis;
    private final AtomicInteger currentVolume = new AtomicInteger();
    private ScheduledFuture<?> progress;
    private Outcome outcome = Outcome.RUNNING;
    private String failure;

    private final ArchiveDir cache;
    // Started on the splitter's thread, collected on whichever thread finishes the route.
    private volatile BackgroundTask<Path> cachedSignatures;
    private final Map<Integer, BackgroundTask<StoredFileEncoder.Encoded>> encodings = new ConcurrentHashMap<>();
    /** Every task started, collected or not: a failed run's volume threads may still be waiting for one. */
    private final List<BackgroundTask<?>> started = new ArrayList<>();
    private boolean closed;
    private final AtomicReference<Exception> volumeFailure = new AtomicReference<>();
    private volatile boolean uploadsBegan;
    private final List<String> notes = new CopyOnWriteArrayList<>();

    public BackupRun(JobConfig job, BackupSetWriter writer, Path workDir, String uploadUri, long startedMillis, ArchiveDir cache) {
        this.cache = cache;
        this.job = job;
        this.writer = writer;
        this.setName = writer.setName();
        this.statistics = writer.statistics();
        this.workDir = workDir;
        this.uploadUri = uploadUri;
        this.startedMillis = startedMillis;
    }

    public JobConfig job() {
        return job;
    }

    /** The set's writer, while the run is open. */
    public BackupSetWriter writer() {
        BackupSetWriter open = writer;
        if (open == null) {
            throw new IllegalStateException("the run of job " + job.name() + " is over: its set writer is closed");
        }
        return open;
    }

    public ArchiveFileName.SetName setName() {
        return setName;
    }

    public BackupStatistics statistics() {
        return statistics;
    }

    /** The job's local archive dir (cache of manifests and signatures). */
    public ArchiveDir cache() {
        return cache;
    }

    public Path workDir() {
        return workDir;
    }

    /** The Camel endpoint the stored files go to; holds no secrets. */
    public String uploadUri() {
        return uploadUri;
    }

    public long startedMillis() {
        return startedMillis;
    }

    public Outcome outcome() {
        return outcome;
    }

    public String failure() {
        return failure;
    }

    /** A volume was handed on to be stored: from now on the target may hold files of this set. */
    void uploadBegins() {
        uploadsBegan = true;
    }

    boolean uploadsBegan() {
        return uploadsBegan;
    }

    /** A line for the run's report that is neither its statistics nor its failure; logged as a warning too. */
    void note(String line) {
        LOG.warn("job {}: {}", job.name(), line);
        notes.add(line);
    }

    List<String> notes() {
        return notes;
    }

    /** The number of the volume being cut, for progress lines. */
    public AtomicInteger currentVolume() {
        return currentVolume;
    }

    /**
     * Once the last volume is cut the signatures are complete: they are gzipped for the archive dir on a thread of
     * their own while the last volumes are still compressed, instead of alone at the end of the run.
     */
    synchronized void cacheSignaturesAhead() throws IOException {
        if (cachedSignatures != null) {
            return;
        }
        requireOpen("the signatures are not cached");
        Path plain = writer().signatures();
        Path gzipped = workDir.resolve("signatures.sigtar.gz");
        cachedSignatures = BackgroundTask.start("camelback-cache-signatures", () -> {
            // Adaptive level 1: the MD4 sums are stored, the tar headers compressed by the fast encoder on the
            // compression threads. A sixth of the JDK's level-1 time (0.04 s against 0.23 s for a 1 GiB tree's
            // 20 MB), at 1 % more size, for a copy only this host reads.
            try (InputStream in = Files.newInputStream(plain);
                 OutputStream out = new AdaptiveGzipOutputStream(
                         new BufferedOutputStream(Files.newOutputStream(gzipped), 1 << 16), 1)) {
                in.transferTo(out);
            }
            return gzipped;
        });
        started.add(cachedSignatures);
    }

    /** The signatures gzipped for the archive dir, by {@link #cacheSignaturesAhead} (started now if it was not). */
    Path cachedSignatures() throws Exception {
        cacheSignaturesAhead();
        return cachedSignatures.result();
    }

    /** Starts encoding volume {@code number} on a thread of its own while it is cut; {@link #encodedVolume} collects it. */
    synchronized void encodeAhead(int number, Callable<StoredFileEncoder.Encoded> encode) {
        requireOpen("volume " + number + " is not encoded");
        BackgroundTask<StoredFileEncoder.Encoded> task = BackgroundTask.start("camelback-encode-" + number, encode);
        encodings.put(number, task);
        started.add(task);
    }

    private void requireOpen(String consequence) {
        if (closed) {
            throw new IllegalStateException("the backup run of job " + job.name() + " is over; " + consequence);
        }
    }

    /** Volume {@code number} as stored: by the encoding started ahead, or by {@code encode} now if none was. */
    StoredFileEncoder.Encoded encodedVolume(int number, Callable<StoredFileEncoder.Encoded> encode) throws Exception {
        BackgroundTask<StoredFileEncoder.Encoded> ahead = encodings.remove(number);
        return ahead == null ? encode.call() : ahead.result();
    }

    /** Keeps the first failure of a volume's encoding or upload; the set cannot be completed after it. */
    void volumeFailed(Exception failure) {
        volumeFailure.compareAndSet(null, failure);
    }

    /** The first volume failure, or null. */
    Exception volumeFailure() {
        return volumeFailure.get();
    }

    void following(ScheduledFuture<?> progress) {
        this.progress = progress;
    }

    void complete() {
        outcome = statistics.errors() > 0 ? Outcome.PARTIAL : Outcome.OK;
    }

    void fail(String message) {
        outcome = Outcome.FAILED;
        failure = message;
    }

    /**
     * Stops what the run still has running, then deletes its files; never throws, so the report route goes on to
     * unlock the job and run its post-command. Idempotent.
     */
    @Override
    public void close() {
        List<BackgroundTask<?>> stopping;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = List.copyOf(started);
        }
        if (progress != null) {
            progress.cancel(false);
        }
        // A run that failed outside its volumes (its cut, say) may still have volumes in flight, whose threads may be
        // waiting for their encoders: every encoder is stopped and waited for before the files it reads go.
        for (BackgroundTask<?> task : stopping) {
            task.stop(STOP_SECONDS);
        }
        try {
            // A closed run keeps only its report's few fields: whatever still refers to it (a route an operator edited
            // to call a method of the run goes through Camel's bean cache, which keeps the instance) holds no buffers.
            BackupSetWriter open = writer;
            writer = null;
            synchronized (this) {
                started.clear();
            }
            encodings.clear();
            cachedSignatures = null;
            open.close();
            ScratchDir.deleteTree(workDir);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete the work dir {} of job {}: {}; delete it by hand", workDir, job.name(), e.toString());
        }
    }
}
