package camelback.crypto;

import java.util.zip.Deflater;

/**
 * Decides whether a block of input is worth deflating, from a level-1 deflate of four 2 KiB slices spread over it:
 * random or already-compressed data comes out at ~1.00 of its size and is better stored.
 */
final class CompressibilitySample {
    private static final int SLICES = 4;
    private static final int SLICE = 2 << 10;
    // A level-1 sample of random bytes comes out at ~1.00; anything structured enough to be worth the CPU, below.
    private static final double STORE_ABOVE = 0.95;

    private final Deflater sampler = new Deflater(1, true);
    private final byte[] discard = new byte[4 * SLICE];

    /** True when the block at {@code b[off, off+len)} shrinks enough to be deflated rather than stored. */
    boolean shrinks(byte[] b, int off, int len) {
        int sliceLength = Math.min(SLICE, len / SLICES);
        if (sliceLength == 0) {
            return true;
        }
        sampler.reset();
        int stride = len / SLICES;
        long sampled = 0;
        for (int i = 0; i < SLICES; i++) {
            sampler.setInput(b, off + i * stride, sliceLength);
            sampled += sliceLength;
            while (!sampler.needsInput()) {
                sampler.deflate(discard, 0, discard.length, Deflater.NO_FLUSH);
            }
        }
        sampler.finish();
        while (!sampler.finished()) {
            sampler.deflate(discard, 0, discard.length, Deflater.NO_FLUSH);
        }
        return sampler.getBytesWritten() < STORE_ABOVE * sampled;
    }

    /** Frees the sampler's native zlib state. */
    void end() {
        sampler.end();
    }
}
