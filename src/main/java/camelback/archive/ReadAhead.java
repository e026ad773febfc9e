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
    private Ahead current;

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
        return current.meta;
    }

    /**
     * Opens the file of the entry {@link #next()} returned last, before any further {@link #hasNext()}, with its head
     * already read; any other path, or a file whose read ahead failed, is opened now.
     */
    @Override
    public InputStream open(Path path) throws IOException {
        Ahead ahead = current;
        if (ahead == null || !ahead.reading || !ahead.meta.path().equals(path)) {
            return opener.open(path);
        }
        current = null;
        if (!ahead.awaitRead()) {
            ahead.release();
            return opener.open(path);
        }
        return new HeadStream(ahead);
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
                Ahead ahead = new Ahead(walker.next());
                if (readContents && ahead.meta.type() == FileType.REGULAR) {
                    ahead.reading = true;
                    ahead.limit = (int) Math.min(ahead.meta.size() + 1, HEAD);
                    ahead.buffer = buffers.poll();
                    if (ahead.buffer == null) {
                        // The cutter may be waiting for this batch's files; it must not wait for a buffer too.
                        filling = publish(filling);
                        ahead.buffer = buffers.take();
                    }
                    filling.bytes += ahead.limit;
                }
                filling.entries.add(ahead);
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
                throw new InterruptedException("closed");
            }
        }
        queue.put(filling);
        return new Batch();
    }

    /** Runs on a reader thread: the batch's files in order, which is the order the cutter wants them. */
    private void readAll(List<Ahead> entries) {
        for (Ahead ahead : entries) {
            if (ahead.reading) {
                ahead.read(closed ? null : opener);
            }
        }
    }

    private static void abandon(Ahead ahead) {
        if (ahead != null && ahead.reading) {
            ahead.abandon();
        }
    }

    private static void rethrow(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        throw (Error) failure;
    }

    private static final class Batch {
        final List<Ahead> entries = new ArrayList<>(BATCH_ENTRIES);
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

    /** One walked entry; for a regular file also its read-ahead state, guarded by the entry's monitor. */
    private final class Ahead {
        final FileMetadata meta;
        boolean reading;
        /** How much of the file to read ahead: its lstat size and one byte more, to see that it ended. */
        int limit;
        byte[] buffer;
        private int headLength;
        private InputStream rest;
        private boolean done;
        private boolean failed;
        private boolean abandoned;
        private boolean released;

        Ahead(FileMetadata meta) {
            this.meta = meta;
        }

        /** Reads the head (at most {@link #limit} bytes); keeps the file open when there may be more. */
        void read(FileOpener files) {
            int n = 0;
            InputStream in = null;
            boolean more = false;
            try {
                if (files == null || isAbandoned()) {
                    throw new IOException("read-ahead stopped");
                }
                in = files.open(meta.path());
                while (n < limit) {
                    int r = in.read(buffer, n, limit - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
                more = n == limit;
                if (!more) {
                    in.close();
                    in = null;
                }
            } catch (IOException | RuntimeException e) {
                closeQuietly(in);
                finish(0, null, true);
                return;
            }
            finish(n, in, false);
        }

        private synchronized boolean isAbandoned() {
            return abandoned;
        }

        private void finish(int length, InputStream open, boolean failure) {
            boolean drop;
            synchronized (this) {
                headLength = length;
                rest = open;
                failed = failure;
                done = true;
                drop = abandoned;
                notifyAll();
            }
            if (drop) {
                release();
            }
        }

        /** Waits for the reader; true when the head was read. */
        synchronized boolean awaitRead() throws InterruptedIOException {
            while (!done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    abandoned = true;
                    throw new InterruptedIOException("interrupted while waiting for " + meta.path() + " to be read");
                }
            }
            return !failed;
        }

        /** The cutter moved on without opening the file, or the walk stopped. */
        void abandon() {
            boolean drop;
            synchronized (this) {
                abandoned = true;
                drop = done;
            }
            if (drop) {
                release();
            }
        }

        /** Gives the buffer back and closes the file; once. */
        void release() {
            InputStream open;
            byte[] spare;
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
                open = rest;
                rest = null;
                spare = buffer;
                buffer = null;
            }
            closeQuietly(open);
            if (spare != null) {
                buffers.give(spare);
            }
        }
    }

    /** A file's content: the head read ahead, then the rest of the same open file. */
    private static final class HeadStream extends InputStream {
        private final Ahead ahead;
        private final byte[] head;
        private final int headLength;
        private final InputStream rest;
        private int position;

        HeadStream(Ahead ahead) {
            this.ahead = ahead;
            synchronized (ahead) {
                this.head = ahead.buffer;
                this.headLength = ahead.headLength;
                this.rest = ahead.rest;
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (position < headLength) {
                int n = Math.min(len, headLength - position);
                System.arraycopy(head, position, b, off, n);
                position += n;
                return n;
            }
            return rest == null ? -1 : rest.read(b, off, len);
        }

        @Override
        public void close() {
            ahead.release();
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException e) {
            // only a read-ahead copy of the file: the cutter's own read reports what matters
        }
    }
}
