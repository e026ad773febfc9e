package camelback.archive;

import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * The memory a restore lets decoded plaintext wait in: a fixed number of equal chunks, reused. When it is used up the
 * decoder waits for the restoring thread to free a chunk, unless that thread is itself waiting for plaintext: then
 * the chunks held are ones it does not want yet (another volume's), and the decoder spills to disk instead of
 * waiting for a reader that waits for it.
 */
final class PlaintextMemory {
    private final int chunkSize;
    private final int chunks;
    private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
    private int used;
    private int readersWaiting;

    PlaintextMemory(int chunks, int chunkSize) {
        this.chunks = chunks;
        this.chunkSize = chunkSize;
    }

    int chunkSize() {
        return chunkSize;
    }

    /**
     * An empty chunk, which counts against the budget until given back; null when the budget is used up while the
     * restoring thread waits for plaintext (the caller spills). Otherwise waits for a chunk to be given back.
     */
    synchronized byte[] take() throws InterruptedIOException {
        while (used == chunks) {
            if (readersWaiting > 0) {
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
        byte[] chunk = spare.poll();
        return chunk != null ? chunk : new byte[chunkSize];
    }

    /** Returns a chunk handed out by {@link #take()}; its contents are no longer needed. */
    synchronized void give(byte[] chunk) {
        spare.push(chunk);
        used--;
        notifyAll();
    }

    /** The restoring thread is about to wait for plaintext (or for a volume to be fetched or decoded). */
    synchronized void readerWaits() {
        readersWaiting++;
        notifyAll();
    }

    /** The restoring thread stopped waiting. */
    synchronized void readerResumes() {
        readersWaiting--;
    }
}
