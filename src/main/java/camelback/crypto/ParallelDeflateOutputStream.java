package camelback.crypto;

import camelback.crypto.AdaptiveDeflateOutputStream.Framing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * One standard deflate stream (zlib or raw), adaptive like {@link AdaptiveDeflateOutputStream}, whose chunks are
 * compressed on several threads: each chunk's deflater is primed with the 32 KiB before it and ends on a sync flush,
 * so the pieces, written in order, form a single stream any inflater reads.
 */
public final class ParallelDeflateOutputStream extends OutputStream {
    static final int DEFAULT_CHUNK = 512 << 10;
    private static final int WINDOW = 32 << 10;

    private final OutputStream out;
    private final int level;
    private final Framing framing;
    private final CompressionPool pool;
    private final int chunkSize;
    private final int maxInFlight;
    private final boolean checksummed;
    /** Adler-32 of the chunks written so far (zlib framing). */
    private int adler = Adler32Sum.EMPTY;
    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    private final ArrayDeque<Chunk> spare = new ArrayDeque<>();
    private Chunk current;
    private boolean headerWritten;
    private boolean finished;

    private record Pending(Chunk chunk, FutureTask<Chunk> task) {}

    /** Compresses on the {@linkplain CompressionPool#shared() shared pool}. */
    public ParallelDeflateOutputStream(OutputStream out, int level, Framing framing) {
        this(out, level, framing, CompressionPool.shared());
    }

    /** @param level 1..9 for chunks' blocks the sample finds compressible; 0 stores every block */
    public ParallelDeflateOutputStream(OutputStream out, int level, Framing framing, CompressionPool pool) {
        this(out, level, framing, pool, DEFAULT_CHUNK);
    }

    ParallelDeflateOutputStream(OutputStream out, int level, Framing framing, CompressionPool pool, int chunkSize) {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("deflate level must be 0..9, was " + level);
        }
        if (chunkSize < WINDOW) {
            throw new IllegalArgumentException("chunks must hold at least the 32 KiB window, was " + chunkSize);
        }
        this.out = out;
        this.level = level;
        this.framing = framing;
        this.pool = pool;
        this.chunkSize = chunkSize;
        // Enough queued work to keep every thread busy while the writer waits on the oldest chunk.
        this.maxInFlight = 2 * pool.parallelism();
        this.checksummed = framing == Framing.ZLIB;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        current.input[current.length++] = (byte) b;
        if (current.length == chunkSize) {
            submitCurrent();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        while (len > 0) {
            int n = Math.min(len, chunkSize - current.length);
            System.arraycopy(b, off, current.input, current.length, n);
            current.length += n;
            off += n;
            len -= n;
            if (current.length == chunkSize) {
                submitCurrent();
            }
        }
    }

    /**
     * Compresses the last chunk on this thread, writes every chunk in order, then the zlib trailer; does not close
     * the underlying stream.
     */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            if (current == null) {
                current = new Chunk(0);
            }
            current.last = true;
            // While the pool works through the queue, this thread compresses the tail.
            current.compress(level, pool.encoder(), checksummed);
            while (!inFlight.isEmpty()) {
                collectOldest();
            }
            writeOutput(current);
            if (checksummed) {
                out.write(new byte[] {(byte) (adler >> 24), (byte) (adler >> 16), (byte) (adler >> 8), (byte) adler});
            }
        } finally {
            for (Pending pending : inFlight) {
                pending.task().cancel(false);
            }
            inFlight.clear();
            spare.clear();
            current = null;
        }
    }

    @Override
    public void close() throws IOException {
        try (out) {
            finish();
        }
    }

    private void ensureOpen() throws IOException {
        if (finished) {
            throw new IOException("write after the deflate stream was finished");
        }
        if (current == null) {
            current = new Chunk(chunkSize);
        }
    }

    private void submitCurrent() throws IOException {
        Chunk full = current;
        // Should the pool fail below, finish() must not compress this chunk again while a pool thread still does.
        current = null;
        if (pool.isParallel()) {
            FutureTask<Chunk> task = new FutureTask<>(() -> full.compress(level, pool.encoder(), checksummed));
            try {
                pool.executor().execute(task);
            } catch (RejectedExecutionException e) {
                throw new IOException("the compression pool refused a chunk (shut down?): " + e.getMessage(), e);
            }
            inFlight.add(new Pending(full, task));
        } else {
            writeOutput(full.compress(level, pool.encoder(), checksummed));
        }
        while (inFlight.size() >= maxInFlight || (!inFlight.isEmpty() && inFlight.peek().task().isDone())) {
            collectOldest();
        }
        // When its thread was quick, full itself is back among the spares; priming copies its tail before reuse.
        Chunk next = spare.isEmpty() ? new Chunk(chunkSize) : spare.pop();
        next.primeWith(full);
        if (!pool.isParallel()) {
            spare.push(full);
        }
        current = next;
    }

    private void collectOldest() throws IOException {
        Pending oldest = inFlight.poll();
        try {
            writeOutput(oldest.task().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a compressed chunk");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io
                    : new IOException("compressing a chunk failed: " + cause, cause);
        }
        spare.push(oldest.chunk());
    }

    private void writeOutput(Chunk chunk) throws IOException {
        if (!headerWritten && framing == Framing.ZLIB) {
            // RFC 1950: deflate with a 32 KiB window, and the level class zlib itself would record.
            int levelClass = level < 2 ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3;
            int header = 0x7800 | levelClass << 6;
            header += 31 - header % 31;
            out.write(new byte[] {(byte) (header >> 8), (byte) header});
        }
        headerWritten = true;
        chunk.output.writeTo(out);
        if (checksummed) {
            adler = Adler32Sum.join(adler, chunk.adler, chunk.length);
        }
    }

    /** A piece of input with the window before it, and its compressed form once a thread has deflated it. */
    private static final class Chunk {
        final byte[] input;
        final byte[] dictionary = new byte[WINDOW];
        final ByteArrayOutputStream output = new ByteArrayOutputStream(64 << 10);
        int length;
        int dictionaryLength;
        /** Adler-32 of the input, when the stream is checksummed. */
        int adler;
        boolean last;
        NativeChunkDeflater nativeDeflater;

        Chunk(int size) {
            this.input = new byte[size];
        }

        void primeWith(Chunk previous) {
            int n = Math.min(WINDOW, previous.length);
            System.arraycopy(previous.input, previous.length - n, dictionary, 0, n);
            dictionaryLength = n;
            length = 0;
        }

        /** @param encoder the native encoder, or null for zlib */
        Chunk compress(int level, NativeDeflate encoder, boolean checksummed) throws IOException {
            if (checksummed) {
                adler = Adler32Sum.of(input, 0, length, encoder);
            }
            output.reset();
            if (level > 0 && encoder != null) {
                if (nativeDeflater == null) {
                    nativeDeflater = new NativeChunkDeflater(encoder, level);
                }
                nativeDeflater.deflate(input, length, last, output);
                return this;
            }
            AdaptiveBlockDeflater deflater = new AdaptiveBlockDeflater(output, level, true);
            try {
                if (dictionaryLength > 0) {
                    deflater.setDictionary(dictionary, 0, dictionaryLength);
                }
                for (int off = 0; off < length; off += AdaptiveBlockDeflater.BLOCK) {
                    deflater.deflateBlock(input, off, Math.min(AdaptiveBlockDeflater.BLOCK, length - off));
                }
                if (last) {
                    deflater.finish();
                } else {
                    deflater.syncFlush();
                }
            } finally {
                deflater.end();
            }
            return this;
        }
    }
}
