package camelback.rsync;

import java.util.Arrays;

/**
 * The sums of a block of zeros, worked out once per builder, when it first meets one: disk images, database files and
 * sparse files are mostly such blocks, and finding a block all zeros runs at memory speed, where its MD4 and rolling
 * sum cost about 1.5 CPU s per GiB.
 */
final class ZeroBlock {
    private static final byte[] ZEROS = new byte[64 << 10];

    private final int length;
    private final BlockMd4 md4;
    private byte[] strongSum;
    private int weakSum;

    /** Blocks of {@code length} bytes, hashed by {@code md4} when first needed. */
    ZeroBlock(int length, BlockMd4 md4) {
        this.length = length;
        this.md4 = md4;
    }

    /** Whether {@code b[off, off+len)} is a whole block of zeros; the sums are then ready. */
    boolean matches(byte[] b, int off, int len) {
        if (len != length || b[off] != 0 || b[off + len - 1] != 0) {
            return false;
        }
        for (int at = 0; at < len; at += ZEROS.length) {
            int n = Math.min(ZEROS.length, len - at);
            if (Arrays.mismatch(b, off + at, off + at + n, ZEROS, 0, n) >= 0) {
                return false;
            }
        }
        if (strongSum == null) {
            strongSum = new byte[Md4.DIGEST_LENGTH];
            weakSum = Rollsum.of(b, off, len);
            md4.digest(b, off, len, strongSum, 0);
        }
        return true;
    }

    /** The rolling sum of a block of zeros; after {@link #matches} returned true. */
    int weakSum() {
        return weakSum;
    }

    /** Copies the first {@code len} bytes of the block's MD4 to {@code out}; after {@link #matches} returned true. */
    void copyStrongSum(byte[] out, int outOff, int len) {
        System.arraycopy(strongSum, 0, out, outOff, len);
    }
}
