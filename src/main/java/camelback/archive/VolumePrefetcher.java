package camelback.archive;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Queue;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a restore's volume fetches (with their SHA-1) and decodes in the background, a bounded number of volumes ahead
 * of their use, so they overlap with writing the tree. The restore merges the sets' entries, so it reads their
 * volumes in turn: several volumes decode at once, one set's not waiting behind another's, up to a fixed number of
 * threads (a chain of more sets than that spills some plaintext, see {@link PlaintextMemory}). Decoded plaintext
 * waits in memory within a fixed budget, beyond it in temp files. Closing it stops the threads and deletes every file
 * they made that was not consumed.
 */
final class VolumePrefetcher implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(VolumePrefetcher.class);
    private static final long SHUTDOWN_WAIT_SECONDS = 30;
    /** Plaintext decoded ahead waits in up to 64 chunks of 256 KiB (see {@link PlaintextMemory}). */
    static final int MEMORY_CHUNKS = 64;
    static final int CHUNK_SIZE = 1 << 18;
    /** Volumes fetched, and volumes decoded, at once: each decode holds about 1 MiB of buffers besides the budget. */
    static final int THREADS = 8;

    private final ArchiveSource source;
    private final int lookahead;
    private final ExecutorService fetcher;
    private final ExecutorService decoder;
    // guarded by started
    private final List<PreparedVolume> started = new ArrayList<>();
    private final Queue<Thread> threadsMade = new ConcurrentLinkedQueue<>();
    private final PlaintextMemory memory;
    private boolean closed;

    /**
     * @param lookahead how many volumes of a set may be prepared beyond the one being read
     * @param memory where decoded plaintext waits for the restoring thread; all of it is given back on close
     * @param threads how many volumes may be fetched, and how many decoded, at once
     */
    VolumePrefetcher(ArchiveSource source, int lookahead, PlaintextMemory memory, int threads) {
        this.source = source;
        this.lookahead = lookahead;
        this.memory = memory;
        this.fetcher = pool("camelback-restore-fetch-", threads);
        this.decoder = pool("camelback-restore-decode-", threads);
    }

    /** The volumes of one set in the order they will be taken; only these are ever fetched. */
    Lane lane(BackupSet set, List<ManifestVolume> volumes) {
        return new Lane(set, volumes);
    }

    /** One set's volumes, prepared ahead in order. Used from the restoring thread only. */
    final class Lane {
        private final BackupSet set;
        private final List<ManifestVolume> volumes;
        private final Map<Integer, PreparedVolume> scheduled = new HashMap<>();
        private int next;
        private int scheduledUpTo = -1;
        // a set's volumes decode one after the other, as they are read: the next one waits for the memory otherwise
        private CompletableFuture<Void> lastDecode = CompletableFuture.completedFuture(null);

        private Lane(BackupSet set, List<ManifestVolume> volumes) {
            this.set = set;
            this.volumes = volumes;
        }

        /** The prepared volume, scheduling the next ones; the caller consumes or discards it. */
        PreparedVolume take(ManifestVolume volume) {
            int at = volumes.subList(next, volumes.size()).indexOf(volume);
            if (at < 0) {
                throw new IllegalArgumentException("volume " + volume.number() + " of the " + set + " is not ahead in its plan");
            }
            at += next;
            for (int i = next; i < at; i++) {
                PreparedVolume passed = scheduled.remove(i);
                if (passed != null) {
                    passed.discard();
                }
            }
            for (int i = Math.max(scheduledUpTo + 1, at); i <= Math.min(at + lookahead, volumes.size() - 1); i++) {
                PreparedVolume p = start(set.volumes().get(volumes.get(i).number()), volumes.get(i));
                lastDecode = lastDecode.thenRunAsync(p::decode, decoder);
                scheduled.put(i, p);
                scheduledUpTo = i;
            }
            next = at + 1;
            return scheduled.remove(at);
        }
    }

    private PreparedVolume start(String name, ManifestVolume volume) {
        PreparedVolume p = new PreparedVolume(source, name, volume, memory);
        synchronized (started) {
            if (closed) {
                throw new IllegalStateException("the prefetcher is closed");
            }
            started.add(p);
        }
        // its decode, queued by the lane, waits for this fetch, which never waits itself
        fetcher.execute(p::fetch);
        return p;
    }

    private ExecutorService pool(String prefix, int threads) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            threadsMade.add(t);
            return t;
        });
    }

    @Override
    public void close() {
        List<PreparedVolume> all;
        synchronized (started) {
            closed = true;
            all = List.copyOf(started);
        }
        List<ExecutorService> running = List.of(fetcher, decoder);
        for (PreparedVolume p : all) {
            p.discard();
        }
        running.forEach(ExecutorService::shutdownNow);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SHUTDOWN_WAIT_SECONDS);
        try {
            for (ExecutorService e : running) {
                if (!e.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                    LOG.warn("restore prefetch threads did not stop within {} s; their temp files are deleted when they do",
                            SHUTDOWN_WAIT_SECONDS);
                    break;
                }
            }
            // A terminated pool's last thread is still on its way out; a closed prefetcher leaves none behind.
            for (Thread t : threadsMade) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (PreparedVolume p : all) {
            p.discard();
        }
    }
}
