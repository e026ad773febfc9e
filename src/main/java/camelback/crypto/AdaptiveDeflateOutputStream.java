package camelback.crypto;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One standard deflate stream (zlib or raw) whose level is chosen per 32 KiB block of input: blocks that a quick
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

    private static final int BLOCK = AdaptiveBlockDeflater.BLOCK;

    private final OutputStream out;
    private final AdaptiveBlockDeflater deflater;
    private final byte[] block = new byte[BLOCK];
    private int filled;
    private boolean finished;

    /** @param level 1..9, used for every block the sample finds compressible; 0 stores every block */
    public AdaptiveDeflateOutputStream(OutputStream out, int level, Framing framing) {
        this.out = out;
        this.deflater = new AdaptiveBlockDeflater(out, level, framing == Framing.RAW);
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
        } finally {
            deflater.end();
        }
    }

    @Override
    public void close() throws IOException {
        try (out) {
            finish();
        }
    }

    private void compressBlock() throws IOException {
        deflater.deflateBlock(block, 0, filled);
        filled = 0;
    }
}
