package camelback.crypto;

import java.util.zip.Deflater;

/**
 * Decides whether a block of input is worth deflating, from a level-1 deflate of four 512-byte slices spread over it
 * (a sixteenth of a 32 KiB block):
 * random or already-compressed data comes out at ~1.00 of its size and is better stored.
 */
final class CompressibilitySample {
    private static final int SLICES = 4;
    private static final int SLICE = 512;
    // A level-1 sample of random bytes comes out at ~1.00; anything structured enough to be worth the CPU, below.
    private static final double STORE_ABOVE = 0.95;
    // Zeros and a record repeated within a slice come out at about 0.6 %; text and database pages at 25-45 %.
    private static final double REDUNDANT_BELOW = 1.0 / 32;

    private final NativeDeflate encoder;
    private final Deflater sampler;
    /** The slices side by side, for an encoder that takes one buffer; null with zlib, which is fed them one by one. */
    private final byte[] slices;
    private final byte[] discard;

    /** Samples with zlib. */
    CompressibilitySample() {
        this(null);
    }

    /** Samples with {@code encoder} when given (libdeflate's level 1 is about twice as fast as zlib's), else zlib. */
    CompressibilitySample(NativeDeflate encoder) {
        this.encoder = encoder;
        this.sampler = encoder == null ? new Deflater(1, true) : null;
        this.slices = encoder == null ? null : new byte[SLICES * SLICE];
        this.discard = new byte[encoder == null ? SLICES * SLICE : encoder.bound(SLICES * SLICE)];
    }

    /** True when the block at {@code b[off, off+len)} shrinks enough to be deflated rather than stored. */
    boolean shrinks(byte[] b, int off, int len) {
        return shrinks(ratio(b, off, len));
    }

    /** Whether a block whose sample came out at {@code ratio} of its size is worth deflating. */
    static boolean shrinks(double ratio) {
        return ratio < STORE_ABOVE;
    }

    /** Whether a block whose sample came out at {@code ratio} is nearly all redundant. */
    static boolean redundant(double ratio) {
        return ratio < REDUNDANT_BELOW;
    }

    /** The level-1 sample's output over its input for the block at {@code b[off, off+len)}; 0.5 when too short. */
    double ratio(byte[] b, int off, int len) {
        int sliceLength = Math.min(SLICE, len / SLICES);
        if (sliceLength == 0) {
            return 0.5;
        }
        int stride = len / SLICES;
        int sampled = SLICES * sliceLength;
        if (encoder != null) {
            for (int i = 0; i < SLICES; i++) {
                System.arraycopy(b, off + i * stride, slices, i * sliceLength, sliceLength);
            }
            int written = encoder.compress(1, slices, 0, sampled, discard, 0);
            return written > 0 ? (double) written / sampled : 1.0;
        }
        sampler.reset();
        for (int i = 0; i < SLICES; i++) {
            sampler.setInput(b, off + i * stride, sliceLength);
            while (!sampler.needsInput()) {
                sampler.deflate(discard, 0, discard.length, Deflater.NO_FLUSH);
            }
        }
        sampler.finish();
        while (!sampler.finished()) {
            sampler.deflate(discard, 0, discard.length, Deflater.NO_FLUSH);
        }
        return (double) sampler.getBytesWritten() / sampled;
    }

    /** Frees the sampler's native zlib state. */
    void end() {
        if (sampler != null) {
            sampler.end();
        }
    }
}
