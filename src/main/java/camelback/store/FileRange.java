package camelback.store;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * One byte range of a local file as a request body: the SDK may read it more than once (signing, retries),
 * so each {@link #newStream()} reopens the range and closes the previous stream.
 */
final class FileRange implements ContentStreamProvider, Closeable {

    private final Path file;
    private final long offset;
    private final long length;
    private InputStream current;

    FileRange(Path file, long offset, long length) {
        this.file = file;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public InputStream newStream() {
        try {
            close();
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            current = new Limited(Channels.newInputStream(channel), length);
            return current;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bytes " + offset + ".." + (offset + length) + " of " + file, e);
        }
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    /** Ends after {@code remaining} bytes, so a part never reads into the next one. */
    private static final class Limited extends FilterInputStream {
        private long remaining;

        Limited(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (remaining <= 0) {
                return len == 0 ? 0 : -1;
            }
            int n = in.read(buffer, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
