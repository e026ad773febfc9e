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
    /**
     * ISA-L's level 1 when the job's level is another encoder's, else null: for blocks the sample finds nearly all
     * redundant (zeros, a repeated record) at its level 1, which deflates them several times as fast as libdeflate's
     * level 5 (632 MB/s on zeros, 536 MB/s on repeated log lines) to about the same size.
     */
    private final NativeDeflate redundant;
    private byte[] kinds = new byte[0];
    private static final byte STORED = 0;
    private static final byte DEFLATED = 1;
    private static final byte REDUNDANT = 2;
    private static final int MIN_REDUNDANT_RUN = 4;

    /** @param level 1..9; libdeflate's levels match zlib's in speed class and beat them in ratio */
    NativeChunkDeflater(NativeDeflate encoder, int level) {
        if (level < 1 || level > 9) {
            throw new IllegalArgumentException("deflate level must be 1..9, was " + level);
        }
        this.encoder = encoder.forLevel(level);
        this.level = level;
        this.sample = this.encoder.worthSampling(level) ? new CompressibilitySample(this.encoder) : null;
        NativeDeflate fastest = encoder.forLevel(1);
        this.redundant = sample != null && fastest != this.encoder && !fastest.worthSampling(1) ? fastest : null;
    }

    /** Appends the deflate data for {@code in[0, len)} to {@code out}; when {@code last}, ends the stream. */
    void deflate(byte[] in, int len, boolean last, ByteArrayOutputStream out) {
        int blocks = (len + AdaptiveBlockDeflater.BLOCK - 1) / AdaptiveBlockDeflater.BLOCK;
        if (kinds.length < blocks) {
            kinds = new byte[blocks];
        }
        for (int i = 0; i < blocks; i++) {
            int off = i * AdaptiveBlockDeflater.BLOCK;
            int blockLength = Math.min(AdaptiveBlockDeflater.BLOCK, len - off);
            kinds[i] = kind(in, off, blockLength);
            // The block before joins the run too: the copies are found only when the earlier one is in the same run.
            if (kinds[i] == STORED && repeats.repeats(in, 0, off, blockLength)) {
                kinds[i] = DEFLATED;
                if (i > 0) {
                    kinds[i - 1] = DEFLATED;
                }
            }
        }
        demoteShortRedundantRuns(blocks);
        int runStart = 0;
        for (int i = 1; i <= blocks; i++) {
            if (i == blocks || kinds[i] != kinds[i - 1]) {
                int end = Math.min(i * AdaptiveBlockDeflater.BLOCK, len);
                writeRun(in, runStart, end - runStart, kinds[i - 1], out);
                runStart = end;
            }
        }
        if (last) {
            out.write(FINAL_EMPTY_STORED, 0, FINAL_EMPTY_STORED.length);
        }
    }

    /**
     * A redundant block among deflated ones (a page's zero padding) stays in their run: a run of its own would cut
     * the run around it in two, each starting with an empty window (the bench's 1 GiB tree came out 0.08 % larger).
     */
    private void demoteShortRedundantRuns(int blocks) {
        for (int i = 0; i < blocks; ) {
            int end = i;
            while (end < blocks && kinds[end] == REDUNDANT) {
                end++;
            }
            if (end - i < MIN_REDUNDANT_RUN) {
                for (int j = i; j < end; j++) {
                    kinds[j] = DEFLATED;
                }
            }
            i = Math.max(end, i + 1);
        }
    }

    private byte kind(byte[] in, int off, int len) {
        if (sample == null) {
            return DEFLATED;
        }
        double ratio = sample.ratio(in, off, len);
        if (!CompressibilitySample.shrinks(ratio)) {
            return STORED;
        }
        return redundant != null && CompressibilitySample.redundant(ratio) ? REDUNDANT : DEFLATED;
    }

    private void writeRun(byte[] in, int off, int len, byte kind, ByteArrayOutputStream out) {
        // A sample of four slices can land on a page's zero padding only: ISA-L's output is kept when the run shrank
        // to a 64th, else the run is deflated at the job's level after all.
        if (kind == REDUNDANT && writeNative(redundant, 1, in, off, len, len / 64, out)) {
            return;
        }
        if (kind != STORED && writeNative(encoder, level, in, off, len, Integer.MAX_VALUE, out)) {
            return;
        }
        writeStored(in, off, len, out);
    }

    /** Writes the run deflated by {@code by}; false, with nothing written, when that failed or exceeded {@code most}. */
    private boolean writeNative(NativeDeflate by, int byLevel, byte[] in, int off, int len, int most,
            ByteArrayOutputStream out) {
        int room = by.bound(len) + DeflateReopener.SPARE;
        if (scratch.length < room) {
            scratch = new byte[room];
        }
        int n = by.compress(byLevel, in, off, len, scratch, 0);
        if (n == 0 || n > most) {
            return false;
        }
        if (by.endsOnSyncMarker(byLevel)) {
            out.write(scratch, 0, n);
            return true;
        }
        try {
            n = reopener.reopen(scratch, 0, n);
        } catch (DataFormatException e) {
            // Not expected from libdeflate; zlib still gives a correct stream for this run.
            writeZlib(byLevel, in, off, len, out);
            return true;
        }
        out.write(scratch, 0, n);
        return true;
    }

    private void writeZlib(int zlibLevel, byte[] in, int off, int len, ByteArrayOutputStream out) {
        Deflater deflater = new Deflater(zlibLevel, true);
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
