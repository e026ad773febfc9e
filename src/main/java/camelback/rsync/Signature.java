package camelback.rsync;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** A loaded signature (weak-sum index for delta search). */
public final class Signature {

    private static final int MAX_MD4_STRONG_LENGTH = Md4.DIGEST_LENGTH;
    /** Small: an incremental reads one signature per changed file, most of them a few hundred records. */
    private static final int RECORDS_PER_READ = 256;

    private final int blockLength;
    private final int strongLength;
    private final int blockCount;
    private final int[] weakSums;
    private final byte[] strongSums;
    /** Open addressing, linear probing, load factor at most 3/4: block index + 1, 0 marks an empty slot. */
    private final int[] table;
    private final int tableMask;
    /**
     * Blocked Bloom filter over the weak sums (two bits in one word, 16 to 32 bits per block): small enough
     * to stay in cache, so the test made at every byte of unmatched data rarely touches the larger table.
     */
    private final long[] filter;
    private final int filterShift;

    private Signature(int blockLength, int strongLength, int blockCount, int[] weakSums, byte[] strongSums) {
        this.blockLength = blockLength;
        this.strongLength = strongLength;
        this.blockCount = blockCount;
        this.weakSums = weakSums;
        this.strongSums = strongSums;
        int slots = powerOfTwoAtLeast(blockCount + blockCount / 3 + 1);
        this.table = new int[slots];
        this.tableMask = slots - 1;
        int filterWords = powerOfTwoAtLeast(Math.max(2, blockCount / 4));
        this.filter = new long[filterWords];
        this.filterShift = 64 - Integer.numberOfTrailingZeros(filterWords);
        for (int i = 0; i < blockCount; i++) {
            index(i);
        }
    }

    /** Reads a whole signature stream (to its end) and indexes it; only MD4 + rollsum signatures are usable. */
    public static Signature read(InputStream in) throws IOException {
        return read(in, Integer.MAX_VALUE);
    }

    /**
     * Like {@link #read(InputStream)}, refusing ({@link SignatureTooLargeException}) a signature of more than
     * {@code maxBlocks} blocks before its index outgrows the heap.
     */
    public static Signature read(InputStream in, int maxBlocks) throws IOException {
        byte[] header = new byte[SignatureFormat.HEADER_LENGTH];
        int got = in.readNBytes(header, 0, header.length);
        if (got < header.length) {
            throw new SignatureFormatException("signature truncated: only " + got + " of the 12 header bytes present");
        }
        int magic = BigEndian.getInt(header, 0);
        int blockLength = BigEndian.getInt(header, 4);
        int strongLength = BigEndian.getInt(header, 8);
        if (magic != SignatureFormat.MD4_SIG_MAGIC) {
            throw new SignatureFormatException(String.format(
                    "signature magic 0x%08x (%s) is not supported: only 0x%08x (MD4 + rollsum, what duplicity writes) can be used",
                    magic, SignatureFormat.describeMagic(magic), SignatureFormat.MD4_SIG_MAGIC));
        }
        if (blockLength <= 0) {
            throw new SignatureFormatException("signature header at offset 4: invalid block length " + (blockLength & 0xffffffffL));
        }
        if (strongLength < 1 || strongLength > MAX_MD4_STRONG_LENGTH) {
            throw new SignatureFormatException("signature header at offset 8: invalid MD4 strong sum length "
                    + (strongLength & 0xffffffffL) + " (must be 1..16)");
        }
        int recordLength = 4 + strongLength;
        byte[] records = new byte[recordLength * RECORDS_PER_READ];
        int[] weak = new int[64];
        byte[] strong = new byte[64 * strongLength];
        int count = 0;
        int n;
        do {
            n = in.readNBytes(records, 0, records.length);
            int whole = n / recordLength;
            if ((long) count + whole > maxBlocks) {
                throw new SignatureTooLargeException("signature of more than " + maxBlocks + " blocks of " + blockLength
                        + " bytes: more than a delta holds in memory");
            }
            if (count + whole > weak.length) {
                int capacity = Math.max(weak.length * 2, count + whole);
                weak = Arrays.copyOf(weak, capacity);
                strong = Arrays.copyOf(strong, capacity * strongLength);
            }
            for (int r = 0; r < whole; r++) {
                weak[count] = BigEndian.getInt(records, r * recordLength);
                System.arraycopy(records, r * recordLength + 4, strong, count * strongLength, strongLength);
                count++;
            }
            if (whole * recordLength < n) {
                throw new SignatureFormatException("signature truncated: block record " + count + " at offset "
                        + (SignatureFormat.HEADER_LENGTH + (long) count * recordLength) + " has only "
                        + (n - whole * recordLength) + " of " + recordLength + " bytes");
            }
        } while (n == records.length);
        return new Signature(blockLength, strongLength, count, weak, strong);
    }

    public int blockLength() {
        return blockLength;
    }

    public int strongLength() {
        return strongLength;
    }

    public int blockCount() {
        return blockCount;
    }

    int weakSum(int block) {
        return weakSums[block];
    }

    /** Copies the first {@code length} bytes of a block's strong sum. */
    void copyStrongSum(int block, byte[] to, int at, int length) {
        System.arraycopy(strongSums, block * strongLength, to, at, length);
    }

    /** Home slot of a weak sum; spread because rollsums of similar data cluster in their low bits. */
    private int slot(int weak) {
        int h = weak * 0x9e3779b9;
        return (h ^ (h >>> 16)) & tableMask;
    }

    /** Whether some block has exactly this weak sum: the cheap test done at every byte position. */
    boolean mayContain(int weak) {
        long h = filterHash(weak);
        long bits = filterBits(h);
        if ((filter[(int) (h >>> filterShift)] & bits) != bits) {
            return false;
        }
        for (int s = slot(weak); table[s] != 0; s = (s + 1) & tableMask) {
            if (weakSums[table[s] - 1] == weak) {
                return true;
            }
        }
        return false;
    }

    /**
     * First block (in file order) whose weak sum is {@code weak} and whose strong sum equals the
     * truncated {@code md4} digest, or -1.
     */
    int find(int weak, byte[] md4, int md4Off) {
        for (int s = slot(weak); table[s] != 0; s = (s + 1) & tableMask) {
            int block = table[s] - 1;
            if (weakSums[block] == weak && sameStrongSum(block, md4, md4Off)) {
                return block;
            }
        }
        return -1;
    }

    private boolean sameStrongSum(int block, byte[] other, int otherOff) {
        int from = block * strongLength;
        return Arrays.equals(strongSums, from, from + strongLength, other, otherOff, otherOff + strongLength);
    }

    /** The high half of this product is well mixed: the word comes from its top bits, the two bit positions below. */
    private static long filterHash(int weak) {
        return (weak & 0xffffffffL) * 0x9e3779b97f4a7c15L;
    }

    private static long filterBits(long h) {
        return (1L << (int) (h >>> 32)) | (1L << (int) (h >>> 38));
    }

    private static int powerOfTwoAtLeast(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    private void index(int block) {
        int weak = weakSums[block];
        int s = slot(weak);
        for (; table[s] != 0; s = (s + 1) & tableMask) {
            int other = table[s] - 1;
            // A repeated block keeps its first position, as librsync does, and need not be probed twice.
            if (weakSums[other] == weak && sameStrongSum(other, strongSums, block * strongLength)) {
                return;
            }
        }
        table[s] = block + 1;
        long h = filterHash(weak);
        filter[(int) (h >>> filterShift)] |= filterBits(h);
    }
}
