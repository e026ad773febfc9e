package camelback.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * A {@link PreparedVolume}'s plaintext as its decoder delivers it, chunk by chunk from memory or from the temp file it
 * spilled to. Closing it stops the volume's work and deletes its temp files, and raises a decode failure the reader
 * has not seen yet.
 */
final class VolumePlainStream extends BulkReadStream {
    private final PreparedVolume volume;
    private FileChannel channel;
    private int consumed;
    private boolean closed;

    VolumePlainStream(PreparedVolume volume) {
        this.volume = volume;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        PreparedVolume.Chunk chunk = volume.nextChunk(consumed);
        if (chunk == null) {
            return -1;
        }
        int n = Math.min(len, chunk.length() - consumed);
        if (chunk.bytes() != null) {
            System.arraycopy(chunk.bytes(), consumed, b, off, n);
        } else {
            if (channel == null) {
                channel = FileChannel.open(volume.plainFile(), StandardOpenOption.READ);
            }
            n = channel.read(ByteBuffer.wrap(b, off, n), chunk.offset() + consumed);
            if (n < 0) {
                throw new IOException(volume.name() + ": its plaintext temp file is shorter than what was decoded");
            }
        }
        consumed += n;
        if (consumed == chunk.length()) {
            volume.dropChunk(chunk);
            consumed = 0;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        Throwable undelivered;
        try {
            undelivered = volume.stopReading();
        } finally {
            try {
                if (channel != null) {
                    channel.close();
                }
            } finally {
                volume.discard();
            }
        }
        if (undelivered != null) {
            throw PreparedVolume.rethrowable(undelivered);
        }
    }
}
