package camelback.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Copies a file's data from a stream into a {@link FileOutput}, handing its runs of zeros on as runs: where the output
 * can, they are allocated instead of written (1.5 GiB of zeros cost 1.2 s of kernel time to write into the page cache,
 * and as much again to write back). Only whole blocks of {@link #BLOCK} bytes at offsets that are multiples of it
 * count, so a file's data is found zero or not at the first byte that is not. Not thread-safe: one per writing thread.
 */
final class ZeroRunCopy {
    /** 16 of the file system's 4 KiB blocks. */
    static final int BLOCK = 64 << 10;
    private static final byte[] ZERO_BLOCK = new byte[BLOCK];

    private final byte[] buffer;

    /** Reads {@code chunk} bytes at a time; a multiple of {@link #BLOCK}. */
    ZeroRunCopy(int chunk) {
        if (chunk <= 0 || chunk % BLOCK != 0) {
            throw new IllegalArgumentException("the chunk must be a multiple of " + BLOCK + ", not " + chunk);
        }
        this.buffer = new byte[chunk];
    }

    /** Copies all of {@code data} into {@code out}; returns the bytes copied. */
    long copy(InputStream data, FileOutput out) throws IOException {
        long total = 0;
        // a run is handed on whole, when data follows it or the file ends: one allocation, not one per chunk
        long zeros = 0;
        for (int n; (n = data.readNBytes(buffer, 0, buffer.length)) > 0; ) {
            int at = 0;
            while (at < n) {
                int run = zeroBlocks(at, n);
                if (run > 0) {
                    zeros += run;
                    at += run;
                    continue;
                }
                int end = Math.min(n, at + BLOCK);
                while (end < n && zeroBlocks(end, n) == 0) {
                    end = Math.min(n, end + BLOCK);
                }
                if (zeros > 0) {
                    out.writeZeros(zeros);
                    zeros = 0;
                }
                out.write(ByteBuffer.wrap(buffer, at, end - at));
                at = end;
            }
            total += n;
        }
        if (zeros > 0) {
            out.writeZeros(zeros);
        }
        return total;
    }

    /** The length of the whole blocks of zeros from {@code at}, up to {@code end}. */
    private int zeroBlocks(int at, int end) {
        int length = 0;
        while (at + length + BLOCK <= end
                && Arrays.mismatch(buffer, at + length, at + length + BLOCK, ZERO_BLOCK, 0, BLOCK) < 0) {
            length += BLOCK;
        }
        return length;
    }
}
