package camelback.rsync;

/**
 * Blocks of a changed file that its delta found whole in the basis, at the new signature's block boundaries: the
 * signature takes their sums from the basis instead of hashing the same bytes a second time. Handed from a
 * {@link DeltaBuilder} to a {@link SignatureBuilder} fed the same bytes, delta first.
 */
public final class MatchedBlocks {
    private final Signature basis;
    private long[] offsets = new long[256];
    private int[] blocks = new int[256];
    private int head;
    private int size;
    private long taken;

    private MatchedBlocks(Signature basis) {
        this.basis = basis;
    }

    /**
     * A hand-over for a new signature of {@code blockLength}, or null when the basis cannot provide its sums (other
     * block length, shorter strong sums).
     */
    public static MatchedBlocks forSignature(Signature basis, int blockLength) {
        boolean compatible = basis.blockLength() == blockLength && basis.strongLength() >= SignatureFormat.STRONG_LENGTH
                && basis.blockCount() > 0;
        return compatible ? new MatchedBlocks(basis) : null;
    }

    int blockLength() {
        return basis.blockLength();
    }

    /** The delta matched basis {@code block} at {@code offset} of the new file, a multiple of the block length. */
    void matched(long offset, int block) {
        if (size == offsets.length) {
            grow();
        }
        int at = (head + size) % offsets.length;
        offsets[at] = offset;
        blocks[at] = block;
        size++;
    }

    /** The basis block the new block at {@code offset} equals, or -1; forgets every match before it. */
    int take(long offset) {
        while (size > 0 && offsets[head] < offset) {
            head = (head + 1) % offsets.length;
            size--;
        }
        if (size == 0 || offsets[head] != offset) {
            return -1;
        }
        int block = blocks[head];
        head = (head + 1) % offsets.length;
        size--;
        taken++;
        return block;
    }

    /** How many blocks' sums the signature took from the basis. */
    long taken() {
        return taken;
    }

    int weakSum(int block) {
        return basis.weakSum(block);
    }

    void copyStrongSum(int block, byte[] to, int at) {
        basis.copyStrongSum(block, to, at, SignatureFormat.STRONG_LENGTH);
    }

    private void grow() {
        long[] moreOffsets = new long[offsets.length * 2];
        int[] moreBlocks = new int[blocks.length * 2];
        for (int i = 0; i < size; i++) {
            moreOffsets[i] = offsets[(head + i) % offsets.length];
            moreBlocks[i] = blocks[(head + i) % blocks.length];
        }
        offsets = moreOffsets;
        blocks = moreBlocks;
        head = 0;
    }
}
