package camelback.rsync;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** Streams a file's bytes into its signature, written to out as they complete. */
public final class SignatureBuilder {

    private static final int RECORD_LENGTH = 4 + SignatureFormat.STRONG_LENGTH;
    private static final int RECORDS_PER_WRITE = 512;

    private final int blockLength;
    private final OutputStream out;
    private final byte[] block;
    // Starts small and grows: most files are a few blocks, and a full backup makes one builder per file.
    private byte[] records = new byte[RECORD_LENGTH * 4];
    private final byte[] digest = new byte[Md4.DIGEST_LENGTH];
    private final BlockMd4 md4 = BlockMd4.create();
    private final ZeroBlock zeros;
    private final MatchedBlocks matches;
    /** File offset of the next block to add. */
    private long offset;
    private int blockFill;
    private int recordFill;
    private long length;
    private boolean finished;

    /** Writes the MD4 signature header for blocks of {@code blockLength} bytes at once. */
    public SignatureBuilder(int blockLength, OutputStream out) throws IOException {
        this(blockLength, out, null);
    }

    /**
     * Like {@link #SignatureBuilder(int, OutputStream)}, taking the sums of blocks a delta over the same bytes
     * matched from {@code matches} (null for none), which must be fed each piece of data before this builder.
     */
    public SignatureBuilder(int blockLength, OutputStream out, MatchedBlocks matches) throws IOException {
        this(blockLength, out, matches, 0);
        byte[] header = new byte[SignatureFormat.HEADER_LENGTH];
        BigEndian.putInt(header, 0, SignatureFormat.MD4_SIG_MAGIC);
        BigEndian.putInt(header, 4, blockLength);
        BigEndian.putInt(header, 8, SignatureFormat.STRONG_LENGTH);
        out.write(header);
        length = SignatureFormat.HEADER_LENGTH;
    }

    private SignatureBuilder(int blockLength, OutputStream out, MatchedBlocks matches, long offset) {
        if (blockLength <= 0) {
            throw new IllegalArgumentException("block length must be positive, was " + blockLength);
        }
        if (matches != null && matches.blockLength() != blockLength) {
            throw new IllegalArgumentException("matched blocks of " + matches.blockLength()
                    + " bytes cannot serve a signature of " + blockLength + "-byte blocks");
        }
        if (offset % blockLength != 0) {
            throw new IllegalArgumentException("a signature can continue at a block boundary only, not at " + offset
                    + " with " + blockLength + "-byte blocks");
        }
        this.matches = matches;
        this.blockLength = blockLength;
        this.out = out;
        this.block = new byte[blockLength];
        this.zeros = new ZeroBlock(blockLength, md4);
        this.offset = offset;
    }

    /**
     * The block records of a file's bytes from {@code offset} (a multiple of the block length) on, without the header:
     * appended to the records of a builder over the bytes before it, they make one signature.
     */
    public static SignatureBuilder continuing(int blockLength, OutputStream out, MatchedBlocks matches, long offset) {
        return new SignatureBuilder(blockLength, out, matches, offset);
    }

    public void update(byte[] b, int off, int len) throws IOException {
        if (finished) {
            throw new IllegalStateException("signature already finished");
        }
        int end = off + len;
        int pos = off;
        if (blockFill > 0) {
            int take = Math.min(blockLength - blockFill, len);
            System.arraycopy(b, pos, block, blockFill, take);
            blockFill += take;
            pos += take;
            if (blockFill == blockLength) {
                addBlock(block, 0, blockLength);
                blockFill = 0;
            }
        }
        // Whole blocks are hashed straight from the caller's array.
        while (end - pos >= blockLength) {
            addBlock(b, pos, blockLength);
            pos += blockLength;
        }
        if (pos < end) {
            System.arraycopy(b, pos, block, blockFill, end - pos);
            blockFill += end - pos;
        }
        flushRecords();
    }

    /** Flushes the last partial block; does not close out. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        if (blockFill > 0) {
            addBlock(block, 0, blockFill);
            blockFill = 0;
        }
        flushRecords();
        finished = true;
    }

    /** Bytes of signature produced so far (header included); the total once finished. */
    public long signatureLength() {
        return length;
    }

    private void addBlock(byte[] b, int off, int len) throws IOException {
        if (recordFill == records.length) {
            if (records.length < RECORD_LENGTH * RECORDS_PER_WRITE) {
                records = Arrays.copyOf(records, records.length * 2);
            } else {
                flushRecords();
            }
        }
        int known = matches != null && len == blockLength ? matches.take(offset) : -1;
        if (known >= 0) {
            BigEndian.putInt(records, recordFill, matches.weakSum(known));
            matches.copyStrongSum(known, records, recordFill + 4);
        } else if (zeros.matches(b, off, len)) {
            BigEndian.putInt(records, recordFill, zeros.weakSum());
            zeros.copyStrongSum(records, recordFill + 4, SignatureFormat.STRONG_LENGTH);
        } else {
            BigEndian.putInt(records, recordFill, Rollsum.of(b, off, len));
            md4.digest(b, off, len, digest, 0);
            System.arraycopy(digest, 0, records, recordFill + 4, SignatureFormat.STRONG_LENGTH);
        }
        offset += len;
        recordFill += RECORD_LENGTH;
        length += RECORD_LENGTH;
    }

    private void flushRecords() throws IOException {
        if (recordFill > 0) {
            out.write(records, 0, recordFill);
            recordFill = 0;
        }
    }
}
