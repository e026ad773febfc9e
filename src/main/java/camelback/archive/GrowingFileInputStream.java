package camelback.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a file another thread is still writing: at its current end it waits for more bytes or for the writer to
 * finish, and fails with the writer's failure. Bounded memory: the bytes pass through the file, not the heap.
 */
final class GrowingFileInputStream extends BulkReadStream {
    private static final long POLL_MILLIS = 2;

    private final FileChannel channel;
    private final CompletableFuture<?> writer;

    GrowingFileInputStream(Path file, CompletableFuture<?> writer) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.writer = writer;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
        for (;;) {
            // Checked before reading: once the writer is done, one more read sees all it wrote.
            boolean done = writer.isDone();
            int n = channel.read(buffer);
            if (n > 0) {
                return n;
            }
            if (done) {
                failIfWriterFailed();
                return -1;
            }
            awaitWriter();
        }
    }

    private void awaitWriter() throws IOException {
        try {
            writer.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException more) {
            // the writer is still at it: read what it added
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a volume being cut");
        } catch (ExecutionException e) {
            // surfaces on the next pass, after the bytes already written were read
        }
    }

    private void failIfWriterFailed() throws IOException {
        if (writer.isCompletedExceptionally()) {
            try {
                writer.get();
            } catch (ExecutionException e) {
                throw asIOException(e.getCause(), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for a volume being cut");
            }
        }
    }

    /** The cut's own IOException when it threw one, else one that names the failure. */
    static IOException asIOException(Throwable cause, int volume) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof UncheckedIOException unchecked) {
            return unchecked.getCause();
        }
        return new IOException("cutting " + (volume > 0 ? "volume " + volume : "a volume") + " failed: " + cause, cause);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
