package camelback.crypto;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;

/**
 * Deflates one chunk of a parallel stream with a {@link NativeDeflate} encoder: blocks the sample finds
 * incompressible (for an encoder {@linkplain NativeDeflate#worthSampling worth sampling} for) become stored blocks,
 * runs of the others one native deflate each, ending on a sync marker (written so by the encoder, or reopened: final
 * bit cleared, marker appended) so the chunk's output ends byte-aligned and the next chunk's output can follow it.
 */
final class NativeChunkDeflater {
    private static final int STORED_MAX = 65_535;
    private static final byte[] FINAL_EMPTY_STORED = {1, 0, 0, (byte) 0xff, (byte) 0xff};

    private final NativeDeflate encoder;
    private final int level;
    private final DeflateReopener reopener = new DeflateReopener();
    // Reused for every chunk this deflater serves; null when the encoder is not worth sampling for.
    private final CompressibilitySample sample;
    private byte[] scratch = new byte[0];
    private final RepeatProbe repeats = new RepeatProbe();
    private boolean[] compresses = new boolean[0];

    /** @param level 1..9; libdeflate's levels match zlib's in speed class and beat them in ratio */
    NativeChunkDeflater(NativeDeflate encoder, int level) {
        if (level < 1 || level > 9) {
            throw new IllegalArgumentException("deflate level must be 1..9, was " + level);
        }
        this.encoder = encoder.forLevel(level);
        this.level = level;
        this.sample = this.encoder.worthSampling(level) ? new CompressibilitySample(this.encoder) : null;
    }

    /** Appends the deflate data for {@code in[0, len)} to {@code out}; when {@code last}, ends the stream. */
    void deflate(byte[] in, int len, boolean last, ByteArrayOutputStream out) {
        int blocks = (len + AdaptiveBlockDeflater.BLOCK - 1) / AdaptiveBlockDeflater.BLOCK;
        if (compresses.length < blocks) {
            compresses = new boolean[blocks];
        }
        for (int i = 0; i < blocks; i++) {
            int off = i * AdaptiveBlockDeflater.BLOCK;
            int blockLength = Math.min(AdaptiveBlockDeflater.BLOCK, len - off);
            compresses[i] = sample == null || sample.shrinks(in, off, blockLength);
            // The block before joins the run too: the copies are found only when the earlier one is in the same run.
            if (!compresses[i] && repeats.repeats(in, 0, off, blockLength)) {
                compresses[i] = true;
                if (i > 0) {
                    compresses[i - 1] = true;
                }
            }
        }
        int runStart = 0;
        for (int i = 1; i <= blocks; i++) {
            if (i == blocks || compresses[i] != compresses[i - 1]) {
                int off = i * AdaptiveBlockDeflater.BLOCK;
                int end = Math.min(off, len);
                writeRun(in, runStart, end - runStart, compresses[i - 1], out);
                runStart = end;
            }
        }
        if (last) {
            out.write(FINAL_EMPTY_STORED, 0, FINAL_EMPTY_STORED.length);
        }
    }

    private void writeRun(byte[] in, int off, int len, boolean compresses, ByteArrayOutputStream out) {
        if (compresses && writeNative(in, off, len, out)) {
            return;
        }
        writeStored(in, off, len, out);
    }

    private boolean writeNative(byte[] in, int off, int len, ByteArrayOutputStream out) {
        int room = encoder.bound(len) + DeflateReopener.SPARE;
        if (scratch.length < room) {
            scratch = new byte[room];
        }
        int n = encoder.compress(level, in, off, len, scratch, 0);
        if (n == 0) {
            return false;
        }
        if (encoder.endsOnSyncMarker(level)) {
            out.write(scratch, 0, n);
            return true;
        }
        try {
            n = reopener.reopen(scratch, 0, n);
        } catch (DataFormatException e) {
            // Not expected from libdeflate; zlib still gives a correct stream for this run.
            writeZlib(in, off, len, out);
            return true;
        }
        out.write(scratch, 0, n);
        return true;
    }

    private void writeZlib(byte[] in, int off, int len, ByteArrayOutputStream out) {
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setInput(in, off, len);
            byte[] buffer = new byte[64 << 10];
            int n;
            do {
                n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                out.write(buffer, 0, n);
            } while (n == buffer.length || !deflater.needsInput());
        } finally {
            deflater.end();
        }
    }

    private static void writeStored(byte[] in, int off, int len, ByteArrayOutputStream out) {
        for (int done = 0; done < len; done += STORED_MAX) {
            int n = Math.min(STORED_MAX, len - done);
            // BFINAL 0, BTYPE 00, padded to the byte: output is byte-aligned between runs.
            out.write(0);
            out.write(n & 0xff);
            out.write(n >>> 8);
            out.write(~n & 0xff);
            out.write((~n >>> 8) & 0xff);
            out.write(in, off + done, n);
        }
    }
}
