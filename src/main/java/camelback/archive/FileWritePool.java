package camelback.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Writes a restore's small files on a few threads. Creating, writing, chmod-ing and timestamping a file is mostly
 * kernel work, and for a tree of small files it was the one busy thread of a restore; the reader still takes each
 * file's data from the volume in order, into pooled buffers, and a pool thread puts it on disk. Memory is bounded by
 * the buffers; a file larger than {@link #MAX_FILE} is left to the caller to stream.
 */
final class FileWritePool implements AutoCloseable {
    /** Files up to this size are buffered and written on the pool. */
    static final int MAX_FILE = 1 << 20;
    private static final int BUFFER = 64 << 10;
    private static final int BUFFERS = 128;
    private static final int THREADS = 4;

    /** Puts a buffered file on disk; runs on a pool thread. */
    @FunctionalInterface
    interface FileWrite {
        void write(Content content) throws IOException;
    }

    /** A write that failed on the pool, reported on the caller's thread by {@link #pollFailure()}. */
    record Failure(PathIndex index, IOException error) {
    }

    private final BufferPool buffers;
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    private ExecutorService threads;
    private final List<Thread> started = new ArrayList<>();
    private int pending;

    FileWritePool() {
        // A file takes up to MAX_FILE / BUFFER + 1 buffers at once: the pool must hold that many.
        this.buffers = new BufferPool(BUFFER, BUFFERS);
    }

    /**
     * Reads {@code data} into buffers up to {@link #MAX_FILE} bytes; the content is {@link Content#complete()} when
     * the data ended there, else the caller writes {@link Content#withRest} itself.
     */
    Content read(InputStream data) throws IOException {
        Content content = new Content();
        boolean ok = false;
        try {
            while (true) {
                byte[] buffer = takeBuffer();
                content.buffers.add(buffer);
                int n = data.readNBytes(buffer, 0, buffer.length);
                content.length += n;
                if (n < buffer.length) {
                    content.complete = true;
                    break;
                }
                if (content.length > MAX_FILE) {
                    break;
                }
            }
            ok = true;
            return content;
        } finally {
            if (!ok) {
                content.release();
            }
        }
    }

    /** Writes complete content on a pool thread; its buffers go back to the pool after. */
    void submit(PathIndex index, Content content, FileWrite write) {
        if (!content.complete) {
            throw new IllegalArgumentException("only complete content is written on the pool");
        }
        synchronized (this) {
            pending++;
            if (threads == null) {
                threads = Executors.newFixedThreadPool(THREADS, task -> {
                    Thread thread = new Thread(task, "camelback-restore-write-" + (started.size() + 1));
                    thread.setDaemon(true);
                    started.add(thread);
                    return thread;
                });
            }
        }
        threads.execute(() -> {
            try {
                write.write(content);
            } catch (IOException e) {
                failures.add(new Failure(index, e));
            } catch (RuntimeException e) {
                failures.add(new Failure(index, new IOException(e.toString(), e)));
            } finally {
                content.release();
                synchronized (this) {
                    pending--;
                    notifyAll();
                }
            }
        });
    }

    /** Whether no write is queued or running. */
    synchronized boolean idle() {
        return pending == 0;
    }

    /** Waits until every submitted write has ended. */
    synchronized void awaitIdle() throws InterruptedIOException {
        while (pending > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for restored files to be written");
            }
        }
    }

    /** The next failed write, or null. */
    Failure pollFailure() {
        return failures.poll();
    }

    /** Waits for the writes still running, so none goes on after the restore returned, and ends the threads. */
    @Override
    public void close() throws InterruptedIOException {
        List<Thread> ending;
        try {
            awaitIdle();
        } finally {
            synchronized (this) {
                if (threads != null) {
                    threads.shutdown();
                }
                ending = List.copyOf(started);
            }
        }
        try {
            // Idle threads end at once; joining them leaves no thread behind a returned restore.
            for (Thread thread : ending) {
                thread.join(TimeUnit.MINUTES.toMillis(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the restore's writer threads stopped");
        }
    }

    private byte[] takeBuffer() throws InterruptedIOException {
        try {
            return buffers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a buffer to restore into");
        }
    }

    /** A file's data (or its first part) in pooled buffers. */
    final class Content {
        private final List<byte[]> buffers = new ArrayList<>();
        private long length;
        private boolean complete;
        private boolean released;

        boolean complete() {
            return complete;
        }

        long length() {
            return length;
        }

        /** Writes the whole content to {@code out}. */
        void writeTo(FileOutput out) throws IOException {
            if (length == 0) {
                return;
            }
            ByteBuffer[] pieces = new ByteBuffer[buffers.size()];
            long left = length;
            for (int i = 0; i < pieces.length; i++) {
                int n = (int) Math.min(left, BUFFER);
                pieces[i] = ByteBuffer.wrap(buffers.get(i), 0, n);
                left -= n;
            }
            out.write(pieces);
        }

        /** The buffered part followed by the rest of {@code data}; closing it gives the buffers back. */
        InputStream withRest(InputStream data) {
            List<InputStream> parts = new ArrayList<>();
            long left = length;
            for (byte[] b : buffers) {
                int n = (int) Math.min(left, BUFFER);
                parts.add(new ByteArrayInputStream(b, 0, n));
                left -= n;
            }
            parts.add(data);
            return new SequenceInputStream(Collections.enumeration(parts)) {
                @Override
                public void close() {
                    release();
                }
            };
        }

        private void release() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            for (byte[] b : buffers) {
                FileWritePool.this.buffers.give(b);
            }
        }
    }
}
