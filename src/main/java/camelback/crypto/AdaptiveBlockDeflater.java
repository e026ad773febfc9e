package camelback.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;

/**
 * One zlib deflater whose level is chosen per block of input: blocks that a quick level-1 sample cannot shrink are
 * deflated as stored blocks, the rest at the configured level. Shared by the single- and multi-threaded streams.
 */
final class AdaptiveBlockDeflater {
    /**
     * Input is judged and deflated in blocks of this size. Small enough that a tree of ~100 KiB files, random and text
     * in turn, is not judged a tar member's neighbour at a time: with 128 KiB blocks nearly every block held some
     * text, so the random half was deflated at the full level too.
     */
    static final int BLOCK = 32 << 10;

    private final OutputStream out;
    private final int level;
    private final Deflater deflater;
    private final CompressibilitySample sample = new CompressibilitySample();
    private final RepeatProbe repeats = new RepeatProbe();
    private final byte[] output = new byte[BLOCK];
    private int currentLevel;

    /** @param level 1..9 for blocks that compress; 0 stores every block */
    AdaptiveBlockDeflater(OutputStream out, int level, boolean raw) {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("deflate level must be 0..9, was " + level);
        }
        this.out = out;
        this.level = level;
        this.currentLevel = level;
        this.deflater = new Deflater(level, raw);
    }

    /** Primes the window with the input that precedes this stream's part, before the first block. */
    void setDictionary(byte[] b, int off, int len) {
        deflater.setDictionary(b, off, len);
    }

    /** Deflates one block of at most {@link #BLOCK} bytes. */
    void deflateBlock(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        // b[0, off) is the input before the block (the chunk's), which zlib's window holds.
        int blockLevel = level != Deflater.NO_COMPRESSION && (sample.shrinks(b, off, len) || repeats.repeats(b, 0, off, len))
                ? level : Deflater.NO_COMPRESSION;
        if (blockLevel != currentLevel) {
            switchLevel(blockLevel);
        }
        deflater.setInput(b, off, len);
        while (!deflater.needsInput()) {
            drain(Deflater.NO_FLUSH);
        }
    }

    /** Ends the output on a byte boundary without ending the stream, so another deflater's output may follow. */
    void syncFlush() throws IOException {
        while (drain(Deflater.SYNC_FLUSH) == output.length) {
            // the flush filled the buffer: there may be more
        }
    }

    /** Writes the final block (and, unless raw, the zlib trailer). */
    void finish() throws IOException {
        deflater.finish();
        while (!deflater.finished()) {
            drain(Deflater.NO_FLUSH);
        }
    }

    /** Frees the native zlib state; required, as each holds a few hundred KiB outside the heap. */
    void end() {
        deflater.end();
        sample.end();
    }

    /*
     * zlib applies a level change by flushing what it holds with the old level, and that flush would also swallow
     * any input already handed over; so the change is applied with no input pending, before the block's data.
     */
    private void switchLevel(int newLevel) throws IOException {
        deflater.setLevel(newLevel);
        while (drain(Deflater.NO_FLUSH) == output.length) {
            // the flush filled the buffer: there may be more
        }
        currentLevel = newLevel;
    }

    private int drain(int flush) throws IOException {
        int n = deflater.deflate(output, 0, output.length, flush);
        out.write(output, 0, n);
        return n;
    }
}
