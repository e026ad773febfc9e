package camelback.archive;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;

/** The memory a restore lets decoded plaintext wait in: a fixed number of equal chunks, reused. */
final class PlaintextMemory {
    private final int chunkSize;
    private final Semaphore free;
    private final ArrayBlockingQueue<byte[]> spare;

    PlaintextMemory(int chunks, int chunkSize) {
        this.chunkSize = chunkSize;
        this.free = new Semaphore(chunks);
        this.spare = new ArrayBlockingQueue<>(chunks + 2);
    }

    int chunkSize() {
        return chunkSize;
    }

    /** An empty chunk, or null when the budget is used up; it counts against the budget until given back. */
    byte[] tryTake() {
        if (!free.tryAcquire()) {
            return null;
        }
        byte[] chunk = spare.poll();
        return chunk != null ? chunk : new byte[chunkSize];
    }

    /** Returns a chunk handed out as {@link #tryTake()}'s; its contents are no longer needed. */
    void give(byte[] chunk) {
        spare.offer(chunk);
        free.release();
    }
}
