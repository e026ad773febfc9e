package camelback.archive;

import camelback.rsync.DeltaBuilder;
import camelback.rsync.MatchedBlocks;
import camelback.rsync.Signature;
import camelback.rsync.SignatureBuilder;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delta and new signature of the second half of a big changed file, made on a thread of its own while the
 * cutter makes those of the first half. The rolling search and the MD4 of one file were one thread's work while the
 * other vCPU idled: an incremental after a VM image or database file changed took longer than duplicity's. The halves'
 * commands and block records are joined in order ({@link DeltaBuilder#continuing}, {@link SignatureBuilder#continuing}).
 */
final class DeltaTail implements Closeable {
    /** Below this a file's delta takes a fraction of a second, less than a thread's and the JIT's start. */
    static final long MIN_FILE_SIZE = 64L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(DeltaTail.class);
    private static final int PIECE = 1 << 16;

    private final SpillBuffer delta;
    private final SpillBuffer signature;
    private FutureTask<Long> task;
    /** Set when the first half ended early: the second half's thread stops at its next piece. */
    private volatile boolean dropped;

    DeltaTail(SpillBuffer delta, SpillBuffer signature) {
        this.delta = delta;
        this.signature = signature;
    }

    /** Where a file of {@code size} is split, a multiple of the new signature's block length; -1 for no split. */
    static long splitAt(long size, int blockLength) {
        if (size < MIN_FILE_SIZE) {
            return -1;
        }
        long half = size / 2;
        return half - half % blockLength;
    }

    /**
     * Starts on the bytes of {@code path} from {@code from} to its end; false, with nothing started, when the file
     * cannot be opened again (its first half is then read on through).
     */
    boolean start(Path path, long from, Signature basis, int blockLength) throws IOException {
        delta.reset();
        signature.reset();
        dropped = false;
        SeekableByteChannel channel;
        try {
            channel = Files.newByteChannel(path, LinkOption.NOFOLLOW_LINKS).position(from);
        } catch (IOException e) {
            LOG.debug("Cannot open {} a second time, making its delta on one thread: {}", path, e.toString());
            return false;
        }
        MatchedBlocks matches = MatchedBlocks.forSignature(basis, blockLength);
        DeltaBuilder deltaBuilder = DeltaBuilder.continuing(basis, delta, matches, from);
        SignatureBuilder signatureBuilder = SignatureBuilder.continuing(blockLength, signature, matches, from);
        task = new FutureTask<>(() -> {
            try (channel) {
                return read(path, from, channel, deltaBuilder, signatureBuilder);
            }
        });
        Thread thread = new Thread(task, "camelback-delta-tail");
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    /** Feeds the half to both builders; a read error ends it with what was read, as for a whole file (spec 10.6). */
    private long read(Path path, long from, SeekableByteChannel channel, DeltaBuilder deltaBuilder,
            SignatureBuilder signatureBuilder) throws IOException {
        byte[] piece = new byte[PIECE];
        ByteBuffer buffer = ByteBuffer.wrap(piece);
        long read = 0;
        while (!dropped) {
            int n;
            try {
                buffer.clear();
                n = channel.read(buffer);
            } catch (IOException e) {
                LOG.warn("Error reading {} after {} bytes, storing what was read: {}", path, from + read, e.toString());
                break;
            }
            if (n < 0) {
                break;
            }
            deltaBuilder.update(piece, 0, n);
            signatureBuilder.update(piece, 0, n);
            read += n;
        }
        deltaBuilder.finish();
        signatureBuilder.finish();
        return read;
    }

    /** Waits for the half; returns how many bytes of it were read. */
    long await() throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the delta of a file's second half");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("the delta of a file's second half failed: " + e.getCause(), e.getCause());
        } finally {
            task = null;
        }
    }

    /** Appends the half's commands (ending with END) and block records, after those of the first half. */
    void appendTo(OutputStream deltaOut, OutputStream signatureOut) throws IOException {
        delta.copyTo(deltaOut);
        signature.copyTo(signatureOut);
    }

    /** Stops and waits for a half started but no longer wanted (its first half ended early), dropping what it made. */
    void discard() throws IOException {
        if (task != null) {
            dropped = true;
            try {
                await();
            } catch (IOException e) {
                LOG.debug("The dropped delta of a file's second half failed: {}", e.toString());
            }
        }
        delta.reset();
        signature.reset();
    }

    @Override
    public void close() throws IOException {
        try (delta; signature) {
            discard();
        }
    }
}
