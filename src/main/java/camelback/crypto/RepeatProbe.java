package camelback.crypto;

/**
 * Whether a block the {@link CompressibilitySample} finds incompressible repeats the 32 KiB before it, as a tar of
 * small random files that are hard links or copies of each other does (duplicity stores every hard link whole): each
 * sampled slice alone is random, but deflate's window holds the earlier copy, and gpg's zlib shrank such a tree to a
 * fifth of what the stored blocks took. Tar members start 512 bytes apart, so a copy lies a multiple of 512 bytes back:
 * 16-byte windows 512 bytes apart are compared with those at the same phase in the 32 KiB before, 128 lookups per
 * 32 KiB block.
 */
final class RepeatProbe {
    private static final int WINDOW = 32 << 10;
    private static final int STRIDE = 512;
    private static final int SLOTS = 256;
    /**
     * Tar headers of different members agree on some 16-byte windows ("ustar", owner names), one per member: a block
     * counts as repeating only when a quarter of its windows are, which small random files' headers stay under.
     */
    private static final int SHARE_DIVISOR = 4;

    private final long[] firsts = new long[SLOTS];
    private final long[] seconds = new long[SLOTS];
    private final boolean[] used = new boolean[SLOTS];

    /** True when enough of {@code b[off, off+len)} repeats bytes a multiple of 512 back, within {@code b[from, off)}. */
    boolean repeats(byte[] b, int from, int off, int len) {
        if (len > WINDOW) {
            // the table holds the windows of two 32 KiB spans; more would fill it and the probing would never end
            throw new IllegalArgumentException("a block of at most " + WINDOW + " bytes, not " + len);
        }
        int start = Math.max(from, off - WINDOW);
        if (off - start < STRIDE || len < STRIDE) {
            return false;
        }
        java.util.Arrays.fill(used, false);
        // Earlier windows at the same phase as the block's.
        for (int p = off - STRIDE; p >= start; p -= STRIDE) {
            if (p + 16 <= off) {
                add(word(b, p), word(b, p + 8));
            }
        }
        int windows = 0;
        int repeated = 0;
        for (int p = off; p + 16 <= off + len; p += STRIDE) {
            long first = word(b, p);
            long second = word(b, p + 8);
            windows++;
            if (uniform(first, second)) {
                continue;
            }
            if (contains(first, second)) {
                repeated++;
            }
            add(first, second);
        }
        return repeated > 0 && repeated * SHARE_DIVISOR >= windows;
    }

    /** A run of one byte (tar padding, zeros) matches itself anywhere and says nothing about copies. */
    private static boolean uniform(long first, long second) {
        return first == second && first == (first & 0xff) * 0x0101010101010101L;
    }

    private void add(long first, long second) {
        if (uniform(first, second)) {
            return;
        }
        for (int s = slot(first, second); ; s = (s + 1) & (SLOTS - 1)) {
            if (!used[s]) {
                used[s] = true;
                firsts[s] = first;
                seconds[s] = second;
                return;
            }
            if (firsts[s] == first && seconds[s] == second) {
                return;
            }
        }
    }

    private boolean contains(long first, long second) {
        for (int s = slot(first, second); used[s]; s = (s + 1) & (SLOTS - 1)) {
            if (firsts[s] == first && seconds[s] == second) {
                return true;
            }
        }
        return false;
    }

    private static int slot(long first, long second) {
        long h = (first * 0x9e3779b97f4a7c15L) ^ second;
        return (int) (h ^ (h >>> 32)) & (SLOTS - 1);
    }

    private static long word(byte[] b, int p) {
        return (b[p] & 0xffL) | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL) << 16 | (b[p + 3] & 0xffL) << 24
                | (b[p + 4] & 0xffL) << 32 | (b[p + 5] & 0xffL) << 40 | (b[p + 6] & 0xffL) << 48
                | (b[p + 7] & 0xffL) << 56;
    }
}
