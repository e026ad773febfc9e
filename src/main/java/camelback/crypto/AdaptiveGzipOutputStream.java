package camelback.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;

/**
 * A single-member gzip file with the header Python's {@code GzipFile} writes (no name, XFL 0, OS 255, mtime = now)
 * around adaptive raw deflate ({@link ParallelDeflateOutputStream} when the pool has several threads, else
 * {@link AdaptiveDeflateOutputStream}): what duplicity writes for unencrypted volumes.
 */
public final class AdaptiveGzipOutputStream extends OutputStream {
    private final OutputStream out;
    private final DeflateStream deflate;
    private final CRC32 crc = new CRC32();
    private long length;
    private boolean closed;

    /** @param level 1..9 for blocks that compress (incompressible ones are stored); 0 stores everything */
    public AdaptiveGzipOutputStream(OutputStream out, int level) throws IOException {
        this(out, level, CompressionPool.shared());
    }

    /**
     * @param level 1..9 for blocks that compress (incompressible ones are stored); 0 stores everything
     * @param pool the threads that deflate; a single-threaded pool compresses on the writing thread
     */
    public AdaptiveGzipOutputStream(OutputStream out, int level, CompressionPool pool) throws IOException {
        this.out = out;
        long mtime = System.currentTimeMillis() / 1000;
        out.write(new byte[] {
            0x1f, (byte) 0x8b, 8, 0, (byte) mtime, (byte) (mtime >> 8), (byte) (mtime >> 16), (byte) (mtime >> 24),
            0, (byte) 0xff
        });
        this.deflate = DeflateStream.open(out, level, AdaptiveDeflateOutputStream.Framing.RAW, pool);
    }

    @Override
    public void write(int b) throws IOException {
        deflate.stream().write(b);
        crc.update(b);
        length++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        deflate.stream().write(b, off, len);
        crc.update(b, off, len);
        length += len;
    }

    /** Ends the deflate data, writes the CRC-32 and length trailer, and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            deflate.finish().run();
            long value = crc.getValue();
            out.write(new byte[] {
                (byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24),
                (byte) length, (byte) (length >> 8), (byte) (length >> 16), (byte) (length >> 24)
            });
        }
    }
}
