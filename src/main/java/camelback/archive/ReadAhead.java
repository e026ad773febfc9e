package camelback.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Walks the source tree on its own thread, a bounded distance ahead of the set's cutter, and (for a full set) reads
 * the head of every regular file on reader threads. On a cold page cache each lstat and each first read of a file
 * waits for the disk; done ahead, several at a time, those waits overlap with each other and with the cutting and
 * compressing instead of stalling the one thread that writes the volumes.
 *
 * <p>The cutter sees the walk's entries in their order through {@link Iterator}, and gets a file's content through
 * {@link #open}: the head read ahead, then the rest of the same open file. Entries travel in batches so the threads
 * hand over rarely. Memory is bounded by the batches in the queue and the pooled head buffers; a file whose read
 * failed is opened again on the cutter's thread, so its error is reported there as before.
 */
final class ReadAhead implements Iterator<FileMetadata>, FileOpener, Closeable {
    /** Bytes read ahead of each file: one block of the set, the most the cutter takes at once. */
    static final int HEAD = SnapshotBlocks.CHUNK;
    private static final int BATCH_ENTRIES = 64;
    private static final int BATCH_BYTES = 4 * HEAD;
    private static final int QUEUED_BATCHES = 32;
    private static final int READERS = 4;
    /** Files read ahead at most: 8 MiB of buffers, allocated once, so the heads make no garbage. */
    private static final int BUFFERS = 128;

    private final Iterator<FileMetadata> walker;
    private final FileOpener opener;
    private final boolean readContents;
    private final BufferPool buffers;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private ExecutorService readers;
    private Thread walkThread;
    private volatile boolean closed;

    private Batch batch;
    private int position;
    private FileHead current;

    /**
     * @param readContents whether to read files ahead: worth it when (nearly) every regular file is read, as in a full
     *                     set; an incremental reads only the changed ones and just walks ahead
     */
    ReadAhead(Iterator<FileMetadata> walker, FileOpener opener, boolean readContents) {
        this(walker, opener, readContents, BUFFERS);
    }

    ReadAhead(Iterator<FileMetadata> walker, FileOpener opener, boolean readContents, int maxBuffers) {
        this.walker = walker;
        this.opener = opener;
        this.readContents = readContents;
        this.buffers = new BufferPool(HEAD, maxBuffers);
    }

    @Override
    public boolean hasNext() {
        while (batch == null || position == batch.entries.size()) {
            if (batch != null && batch.end) {
                return false;
            }
            // The walk may be waiting for the buffer of the last entry to go on.
            abandon(current);
            current = null;
            batch = take();
            position = 0;
            if (batch.failure != null) {
                Throwable failure = batch.failure;
                batch = Batch.last();
                rethrow(failure);
            }
        }
        return true;
    }

    @Override
    public FileMetadata next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        abandon(current);
        current = batch.entries.get(position++);
        return current.meta();
    }

    /**
     * Opens the file of the entry {@link #next()} returned last, before any further {@link #hasNext()}, with its head
     * already read; any other path, or a file whose read ahead failed, is opened now.
     */
    @Override
    public InputStream open(Path path) throws IOException {
        FileHead head = current;
        if (head == null || !head.reading() || !head.meta().path().equals(path)) {
            return opener.open(path);
        }
        current = null;
        if (!head.awaitRead()) {
            head.release();
            return opener.open(path);
        }
        return head.stream();
    }

    /** Stops the walk and the readers; closes the files they opened. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (this) {
            if (walkThread != null) {
                walkThread.interrupt();
            }
            if (readers != null) {
                // Reads still queued run, find the walk closed, and give their buffers back without opening a file.
                readers.shutdown();
            }
        }
        abandon(current);
        current = null;
        if (batch != null) {
            batch.abandonFrom(position);
        }
        for (Batch queued; (queued = queue.poll()) != null; ) {
            queued.abandonFrom(0);
        }
    }

    /** Buffers holding a head not yet handed over or dropped; for tests. */
    int buffersHeld() {
        return buffers.inUse();
    }

    /** Whether the walk and every reader have stopped; for tests. */
    synchronized boolean stopped() {
        return (walkThread == null || !walkThread.isAlive()) && (readers == null || readers.isTerminated());
    }

    private Batch take() {
        start();
        try {
            Batch taken;
            while ((taken = queue.poll(1, TimeUnit.SECONDS)) == null) {
                if (closed) {
                    throw new IllegalStateException("the source walk was closed");
                }
            }
            return taken;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while walking the source tree"));
        }
    }

    private synchronized void start() {
        if (walkThread != null || closed) {
            return;
        }
        if (readContents) {
            AtomicInteger count = new AtomicInteger();
            readers = Executors.newFixedThreadPool(READERS, task -> daemon(task, "camelback-read-" + count.incrementAndGet()));
        }
        walkThread = daemon(this::walk, "camelback-walk");
        walkThread.start();
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private void walk() {
        Batch filling = new Batch();
        try {
            while (walker.hasNext()) {
                FileMetadata meta = walker.next();
                FileHead head;
                if (readContents && meta.type() == FileType.REGULAR) {
                    byte[] buffer = buffers.poll();
                    if (buffer == null) {
                        // The cutter may be waiting for this batch's files; it must not wait for a buffer too.
                        filling = publish(filling);
                        buffer = buffers.take();
                    }
                    head = new FileHead(meta, buffers, buffer);
                    filling.bytes += head.limit();
                } else {
                    head = new FileHead(meta);
                }
                filling.entries.add(head);
                if (filling.entries.size() == BATCH_ENTRIES || filling.bytes >= BATCH_BYTES) {
                    filling = publish(filling);
                }
            }
            publish(filling);
            queue.put(Batch.last());
        } catch (InterruptedException e) {
            filling.abandonFrom(0);
        } catch (RuntimeException | Error e) {
            Batch failed = new Batch();
            failed.failure = e;
            try {
                // The cutter gets the entries walked before the failure, then the failure.
                publish(filling);
                queue.put(failed);
            } catch (InterruptedException stopped) {
                filling.abandonFrom(0);
            }
        } finally {
            // A walk given up midway still holds the listings of the directories it was in.
            if (walker instanceof Closeable closeable) {
                try {
                    closeable.close();
                } catch (IOException | RuntimeException e) {
                    // the walk is over either way; what it held lies in the set's temp dir, which goes as a whole
                }
            }
        }
    }

    private Batch publish(Batch filling) throws InterruptedException {
        if (filling.entries.isEmpty()) {
            return filling;
        }
        if (filling.bytes > 0) {
            try {
                readers.execute(() -> readAll(filling.entries));
            } catch (RejectedExecutionException e) {
                // The readers were shut down: no reader will finish these heads, so the walk's abandon must free them.
                filling.entries.forEach(FileHead::skip);
                throw new InterruptedException("closed");
            }
        }
        queue.put(filling);
        return new Batch();
    }

    /** Runs on a reader thread: the batch's files in order, which is the order the cutter wants them. */
    private void readAll(List<FileHead> entries) {
        int finished = 0;
        try {
            for (FileHead head : entries) {
                if (head.reading()) {
                    head.read(closed ? null : opener);
                }
                finished++;
            }
        } finally {
            // After an Error (out of memory), the heads left must still end, or the cutter waits for them forever.
            for (int i = finished; i < entries.size(); i++) {
                entries.get(i).skip();
            }
        }
    }

    private static void abandon(FileHead head) {
        if (head != null && head.reading()) {
            head.abandon();
        }
    }

    private static void rethrow(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        throw (Error) failure;
    }

    private static final class Batch {
        final List<FileHead> entries = new ArrayList<>(BATCH_ENTRIES);
        int bytes;
        boolean end;
        Throwable failure;

        static Batch last() {
            Batch batch = new Batch();
            batch.end = true;
            return batch;
        }

        void abandonFrom(int from) {
            for (int i = from; i < entries.size(); i++) {
                abandon(entries.get(i));
            }
        }
    }
}
