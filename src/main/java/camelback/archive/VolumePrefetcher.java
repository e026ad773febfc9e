package camelback.archive;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a restore's volume fetches (with their SHA-1) and decodes on two background threads, a bounded number of
 * volumes ahead of their use, so they overlap with writing the tree; decoded plaintext waits in memory within a
 * fixed budget, beyond it in temp files. Closing it stops the threads and deletes
 * every file they made that was not consumed.
 */
final class VolumePrefetcher implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(VolumePrefetcher.class);
    private static final long SHUTDOWN_WAIT_SECONDS = 30;
    /** Plaintext decoded ahead waits in up to 64 chunks of 256 KiB (see {@link PlaintextMemory}). */
    static final int MEMORY_CHUNKS = 64;
    static final int CHUNK_SIZE = 1 << 18;

    private final ArchiveSource source;
    private final int lookahead;
    private final ExecutorService fetcher = Executors.newSingleThreadExecutor(r -> daemon(r, "camelback-restore-fetch"));
    private final ExecutorService decoder = Executors.newSingleThreadExecutor(r -> daemon(r, "camelback-restore-decode"));
    private final List<PreparedVolume> started = new ArrayList<>();
    private final PlaintextMemory memory;
    private boolean closed;

    /**
     * @param lookahead how many volumes of a set may be prepared beyond the one being read
     * @param memory where decoded plaintext waits for the restoring thread; all of it is given back on close
     */
    VolumePrefetcher(ArchiveSource source, int lookahead, PlaintextMemory memory) {
        this.source = source;
        this.lookahead = lookahead;
        this.memory = memory;
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
                scheduled.put(i, start(set.volumes().get(volumes.get(i).number()), volumes.get(i)));
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
        // the decode waits for its fetch, which is queued before it on the other thread, so neither can stall
        fetcher.execute(p::fetch);
        decoder.execute(p::decode);
        return p;
    }

    @Override
    public void close() {
        List<PreparedVolume> all;
        synchronized (started) {
            closed = true;
            all = List.copyOf(started);
        }
        for (PreparedVolume p : all) {
            p.discard();
        }
        fetcher.shutdownNow();
        decoder.shutdownNow();
        try {
            if (!fetcher.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)
                    || !decoder.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("restore prefetch threads did not stop within {} s; their temp files are deleted when they do",
                        SHUTDOWN_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (PreparedVolume p : all) {
            p.discard();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
