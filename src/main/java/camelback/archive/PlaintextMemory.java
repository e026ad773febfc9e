package camelback.archive;

import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The memory a restore lets decoded plaintext wait in: a fixed number of equal chunks, reused, shared by the volumes
 * decoded at once (a set's volumes one after the other, several sets side by side). A volume may fill the budget only up to a reserve, then waits
 * for chunks to come back. The reserve is for the volume the reader waits for, while none of its plaintext is queued:
 * it gets the reader going again without running ahead of it. Only when that volume finds the whole budget used does
 * it spill to disk: the chunks are then held by other volumes the reader cannot get to before this one (more sets
 * merged at once than the reserve has chunks). And when the reader waits for a volume that has no decode thread yet
 * (more sets than threads), the volumes holding the threads spill instead of waiting, so that their threads come free.
 */
final class PlaintextMemory {
    private final int chunkSize;
    private final int chunks;
    private final int reserve;
    private final int threads;
    private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
    private final Map<Object, Integer> held = new HashMap<>();
    private final Set<Object> dropped = new HashSet<>();
    private final Set<Object> started = new HashSet<>();
    private int decoding;
    private int used;
    private Object awaited;

    /** {@code threads}: how many volumes are decoded at once at the most. */
    PlaintextMemory(int chunks, int chunkSize, int threads) {
        if (chunks < 2) {
            throw new IllegalArgumentException("the plaintext budget needs at least 2 chunks, not " + chunks);
        }
        this.threads = threads;
        this.chunks = chunks;
        this.chunkSize = chunkSize;
        this.reserve = Math.max(1, chunks / 4);
    }

    int chunkSize() {
        return chunkSize;
    }

    /**
     * An empty chunk for {@code volume}'s plaintext, which counts against the budget until given back. Waits while the
     * budget less the reserve is used up, unless the reader waits for {@code volume} and holds none of its chunks: then
     * it may use the reserve, and gets null when the whole budget is used (the caller spills). Null instead of waiting
     * too while the reader waits for a volume no thread decodes yet, and once {@code volume} is {@link #drop dropped}.
     */
    synchronized byte[] take(Object volume) throws InterruptedIOException {
        while (true) {
            if (dropped.contains(volume)) {
                return null;
            }
            boolean wanted = awaited == volume && !held.containsKey(volume);
            if (used < (wanted ? chunks : chunks - reserve)) {
                break;
            }
            if (wanted || awaitedWithoutThread()) {
                return null;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for restore memory");
            }
        }
        used++;
        held.merge(volume, 1, Integer::sum);
        byte[] chunk = spare.poll();
        return chunk != null ? chunk : new byte[chunkSize];
    }

    /** Returns a chunk {@link #take taken} for {@code volume}; its contents are no longer needed. */
    synchronized void give(Object volume, byte[] chunk) {
        spare.push(chunk);
        used--;
        held.computeIfPresent(volume, (v, n) -> n == 1 ? null : n - 1);
        notifyAll();
    }

    /**
     * A thread decodes {@code volume} now. Before that, while every thread decodes another volume, waiting for it makes
     * those decoders spill rather than wait.
     */
    synchronized void decodes(Object volume) {
        started.add(volume);
        decoding++;
        notifyAll();
    }

    /** The thread that decoded {@code volume} is free again. */
    synchronized void decoded(Object volume) {
        decoding--;
        notifyAll();
    }

    /** {@code volume} is no longer read: a decoder waiting for a chunk for it stops waiting. */
    synchronized void drop(Object volume) {
        dropped.add(volume);
        notifyAll();
    }

    /** The reader waits for a volume that waits for a decode thread: those decoding must go on, spilling if need be. */
    private boolean awaitedWithoutThread() {
        return awaited != null && decoding >= threads && !started.contains(awaited) && !dropped.contains(awaited);
    }

    /** The restoring thread is about to wait for {@code volume} (its fetch, decode or plaintext). */
    synchronized void readerWaits(Object volume) {
        awaited = volume;
        notifyAll();
    }

    /** The restoring thread stopped waiting. */
    synchronized void readerResumes() {
        awaited = null;
    }
}
