package camelback.archive;

import java.util.ArrayDeque;

/**
 * A bounded set of equal byte buffers, allocated on first use and reused: data handed between threads (file heads
 * read ahead, small files on their way to disk) would otherwise be megabytes of short-lived arrays per second, which
 * the small young generation of a bounded heap promotes and then collects in full.
 */
final class BufferPool {
    private final int bufferSize;
    private final int maxBuffers;
    private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
    private int allocated;

    BufferPool(int bufferSize, int maxBuffers) {
        if (bufferSize < 1 || maxBuffers < 1) {
            throw new IllegalArgumentException("a buffer pool needs at least one buffer of at least one byte, not "
                    + maxBuffers + " of " + bufferSize + " bytes");
        }
        this.bufferSize = bufferSize;
        this.maxBuffers = maxBuffers;
    }

    /** A buffer, or null when all are in use. */
    synchronized byte[] poll() {
        byte[] buffer = spare.poll();
        if (buffer == null && allocated < maxBuffers) {
            allocated++;
            buffer = new byte[bufferSize];
        }
        return buffer;
    }

    /** A buffer, waiting for one to be given back when all are in use. */
    synchronized byte[] take() throws InterruptedException {
        byte[] buffer;
        while ((buffer = poll()) == null) {
            wait();
        }
        return buffer;
    }

    synchronized void give(byte[] buffer) {
        spare.push(buffer);
        notifyAll();
    }

    /** Buffers taken and not given back. */
    synchronized int inUse() {
        return allocated - spare.size();
    }
}
