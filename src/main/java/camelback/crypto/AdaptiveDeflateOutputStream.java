package camelback.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;

/**
 * One standard deflate stream (zlib or raw) whose level is chosen per 128 KiB block of input: blocks that a quick
 * level-1 sample cannot shrink are written as stored blocks, the rest at the configured level. Any inflater reads it.
 */
public final class AdaptiveDeflateOutputStream extends OutputStream {
    /** The container around the deflate data. */
    public enum Framing {
        /** RFC 1950 zlib: header and Adler-32 trailer (OpenPGP compression algorithm 2). */
        ZLIB,
        /** RFC 1951 raw deflate (OpenPGP compression algorithm 1, and inside gzip). */
        RAW
    }

    private static final int BLOCK = 128 << 10;
    private static final int SLICES = 4;
    private static final int SLICE = 2 << 10;
    // A level-1 sample of random bytes comes out at ~1.00; anything structured enough to be worth the CPU, below.
    private static final double STORE_ABOVE = 0.95;

    private final OutputStream out;
    private final int level;
    private final Deflater deflater;
    private final Deflater sampler = new Deflater(1, true);
    private final byte[] block = new byte[BLOCK];
    private final byte[] output = new byte[BLOCK];
    private int filled;
    private int currentLevel;
    private boolean finished;

    /** @param level 1..9, used for every block the sample finds compressible; 0 stores every block */
    public AdaptiveDeflateOutputStream(OutputStream out, int level, Framing framing) {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("deflate level must be 0..9, was " + level);
        }
        this.out = out;
        this.level = level;
        this.currentLevel = level;
        this.deflater = new Deflater(level, framing == Framing.RAW);
    }

    @Override
    public void write(int b) throws IOException {
        if (finished) {
            throw new IOException("write after the deflate stream was finished");
        }
        block[filled++] = (byte) b;
        if (filled == BLOCK) {
            compressBlock();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (finished) {
            throw new IOException("write after the deflate stream was finished");
        }
        while (len > 0) {
            int n = Math.min(len, BLOCK - filled);
            System.arraycopy(b, off, block, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == BLOCK) {
                compressBlock();
            }
        }
    }

    /** Writes the rest of the deflate stream (and the zlib trailer) without closing the underlying stream. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            compressBlock();
            deflater.finish();
            while (!deflater.finished()) {
                drain();
            }
        } finally {
            deflater.end();
            sampler.end();
        }
    }

    @Override
    public void close() throws IOException {
        try (out) {
            finish();
        }
    }

    private void compressBlock() throws IOException {
        if (filled == 0) {
            return;
        }
        int blockLevel = level != Deflater.NO_COMPRESSION && sampleShrinks() ? level : Deflater.NO_COMPRESSION;
        if (blockLevel != currentLevel) {
            switchLevel(blockLevel);
        }
        deflater.setInput(block, 0, filled);
        while (!deflater.needsInput()) {
            drain();
        }
        filled = 0;
    }

    /*
     * zlib applies a level change by flushing what it holds with the old level, and that flush would also swallow
     * any input already handed over; so the change is applied with no input pending, before the block's data.
     */
    private void switchLevel(int newLevel) throws IOException {
        deflater.setLevel(newLevel);
        while (drain() == output.length) {
            // the flush filled the buffer: there may be more
        }
        currentLevel = newLevel;
    }

    private int drain() throws IOException {
        int n = deflater.deflate(output, 0, output.length, Deflater.NO_FLUSH);
        out.write(output, 0, n);
        return n;
    }

    private boolean sampleShrinks() {
        int sliceLength = Math.min(SLICE, filled / SLICES);
        if (sliceLength == 0) {
            return true;
        }
        sampler.reset();
        int stride = filled / SLICES;
        long sampled = 0;
        for (int i = 0; i < SLICES; i++) {
            sampler.setInput(block, i * stride, sliceLength);
            sampled += sliceLength;
            while (!sampler.needsInput()) {
                sampler.deflate(output, 0, output.length, Deflater.NO_FLUSH);
            }
        }
        sampler.finish();
        while (!sampler.finished()) {
            sampler.deflate(output, 0, output.length, Deflater.NO_FLUSH);
        }
        return sampler.getBytesWritten() < STORE_ABOVE * sampled;
    }
}
