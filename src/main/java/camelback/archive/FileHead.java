package camelback.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * One entry of a {@link ReadAhead} walk; for a regular file also its head, read on a reader thread into a pooled
 * buffer and handed to the cutter as the start of the file's stream. The reader finishes it and the cutter opens or
 * abandons it, in either order, under the entry's monitor; whichever comes last gives the buffer back.
 */
final class FileHead {
    private final FileMetadata meta;
    private final BufferPool pool;
    /** How much of the file to read ahead: its lstat size and one byte more, to see that it ended. */
    private final int limit;
    private byte[] buffer;
    private int headLength;
    private InputStream rest;
    private boolean done;
    private boolean failed;
    private boolean abandoned;
    private boolean released;

    /** An entry whose content is not read ahead. */
    FileHead(FileMetadata meta) {
        this.meta = meta;
        this.pool = null;
        this.limit = 0;
    }

    /** A regular file whose head is read into {@code buffer}, which goes back to {@code pool} when released. */
    FileHead(FileMetadata meta, BufferPool pool, byte[] buffer) {
        this.meta = meta;
        this.pool = pool;
        this.buffer = buffer;
        this.limit = (int) Math.min(meta.size() + 1, buffer.length);
    }

    FileMetadata meta() {
        return meta;
    }

    boolean reading() {
        return pool != null;
    }

    int limit() {
        return limit;
    }

    /** Reads the head; keeps the file open when there may be more. {@code files} null: the walk stopped. */
    void read(FileOpener files) {
        int n;
        InputStream in = null;
        try {
            if (files == null || isAbandoned()) {
                throw new IOException("read-ahead stopped");
            }
            in = files.open(meta.path());
            n = in.readNBytes(buffer, 0, limit);
            if (n < limit) {
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

    /** Finishes a head no reader will take, as a failed read: abandoning it then gives its buffer back. */
    void skip() {
        if (reading()) {
            finish(0, null, true);
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

    /** The file's content: the head, then the rest of the same open file; closing it releases the head. */
    InputStream stream() {
        synchronized (this) {
            return new HeadStream(buffer, headLength, rest);
        }
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
            pool.give(spare);
        }
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

    /** The head, then the rest of the open file. */
    private final class HeadStream extends BulkReadStream {
        private final byte[] head;
        private final int headLength;
        private final InputStream rest;
        private int position;

        HeadStream(byte[] head, int headLength, InputStream rest) {
            this.head = head;
            this.headLength = headLength;
            this.rest = rest;
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
            release();
        }
    }
}
