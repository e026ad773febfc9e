package camelback.rsync;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Streams new data against a basis signature, writing librsync delta commands to out. Reproduces
 * librsync 2.3's choices byte for byte: first block wins, adjacent COPYs merge, literal runs are
 * cut at 32,768 bytes, the window shrinks from the front at the end, integers use the smallest width;
 * against an empty signature, literals are cut at 65,536 bytes as in duplicity's own deltas.
 */
public final class DeltaBuilder {

    private static final int MAX_LITERAL = 32768;
    /**
     * librsync sends new data against an empty signature as one literal per input buffer it is given
     * ("slack delta"); duplicity's buffers are 64 KiB, so its deltas cut literals there.
     */
    private static final int SLACK_LITERAL = 65536;
    private static final int INPUT_ROOM = 65536;
    /**
     * The buffer starts this small and grows only while literals pile up in it: an incremental makes one builder per
     * changed file, and its full-size buffer was most of the garbage of one with many changed small files.
     */
    private static final int FIRST_BUFFER = 16384;
    private static final int LITERAL_N1 = 0x41;
    private static final int COPY_N1_N1 = 0x45;
    private static final int END = 0;

    private final Signature basis;
    private final MatchedBlocks matches;
    private final OutputStream out;
    private final int blockLength;
    private final boolean slack;
    private final BlockMd4 md4 = BlockMd4.create();
    private final byte[] digest = new byte[Md4.DIGEST_LENGTH];
    private final ZeroBlock zeros;
    private final byte[] command = new byte[1 + 8 + 8];
    /** Holds the pending literal [literalStart, pos) followed by the window and unscanned input up to avail. */
    private byte[] buf;
    /** Largest length of buf: the longest literal, a window and room for input. */
    private final int maxBuffer;
    /** File offset of buf[0]. */
    private long bufBase;
    private int literalStart;
    private int pos;
    private int avail;
    /** Rollsum halves and length of the window [pos, pos + count); count 0 means not yet computed. */
    private int s1;
    private int s2;
    private int count;
    private long copyPos;
    private long copyLen;
    private boolean finished;

    /** Writes the delta magic at once. */
    public DeltaBuilder(Signature basis, OutputStream out) throws IOException {
        this(basis, out, null);
    }

    /** Also reports whole-block matches at block boundaries to {@code matches} (null for none). */
    public DeltaBuilder(Signature basis, OutputStream out, MatchedBlocks matches) throws IOException {
        this(basis, out, matches, 0);
        byte[] magic = new byte[4];
        BigEndian.putInt(magic, 0, SignatureFormat.DELTA_MAGIC);
        out.write(magic);
    }

    private DeltaBuilder(Signature basis, OutputStream out, MatchedBlocks matches, long offset) {
        this.basis = basis;
        this.matches = matches;
        this.out = out;
        this.blockLength = basis.blockLength();
        this.zeros = new ZeroBlock(blockLength, md4);
        this.slack = basis.blockCount() == 0;
        this.maxBuffer = MAX_LITERAL + blockLength + Math.max(INPUT_ROOM, blockLength);
        this.buf = new byte[Math.min(maxBuffer, Math.max(FIRST_BUFFER, 4 * blockLength))];
        this.bufBase = offset;
    }

    /**
     * The commands for a file's bytes from {@code offset} on, without the magic: appended to the commands of a builder
     * over the bytes before it, ended with {@link #finishPart}, they make one delta. Lets two threads share the search
     * of one big file; the delta may differ from librsync's where the parts meet, and patches to the same file.
     */
    public static DeltaBuilder continuing(Signature basis, OutputStream out, MatchedBlocks matches, long offset) {
        return new DeltaBuilder(basis, out, matches, offset);
    }

    public void update(byte[] b, int off, int len) throws IOException {
        if (finished) {
            throw new IllegalStateException("delta already finished");
        }
        while (len > 0) {
            if (avail == buf.length) {
                makeRoom();
            }
            int take = Math.min(len, buf.length - avail);
            System.arraycopy(b, off, buf, avail, take);
            avail += take;
            off += take;
            len -= take;
            scan();
        }
    }

    /** Matches what is left with a shrinking window, flushes, writes END; does not close out. */
    public void finish() throws IOException {
        if (!finished) {
            finishPart();
            out.write(END);
        }
    }

    /** Like {@link #finish} without the END: a {@linkplain #continuing continuing} builder's commands follow. */
    public void finishPart() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        byte[] b = buf;
        int p = pos;
        int a1 = s1;
        int a2 = s2;
        int n = count;
        while (p < avail) {
            if (n == 0) {
                n = Math.min(blockLength, avail - p);
                int weak = Rollsum.of(b, p, n);
                a1 = weak & 0xffff;
                a2 = weak >>> 16;
            }
            int weak = (a2 << 16) | (a1 & 0xffff);
            int block = basis.mayContain(weak) ? findBlock(weak, p, n) : -1;
            if (block >= 0) {
                appendMatch(block, p, n);
                p += n;
                n = 0;
            } else {
                appendMiss(p);
                int drop = (b[p] & 0xff) + Rollsum.CHAR_OFFSET;
                a1 -= drop;
                a2 -= n * drop;
                n--;
                p++;
            }
        }
        pos = p;
        count = 0;
        flush(p);
    }

    private void scan() throws IOException {
        if (slack) {
            while (avail - literalStart >= SLACK_LITERAL) {
                flush(literalStart + SLACK_LITERAL);
            }
            pos = avail;
            return;
        }
        final int bl = blockLength;
        final byte[] b = buf;
        int p = pos;
        int a1 = s1;
        int a2 = s2;
        int n = count;
        // librsync needs the byte after the window to roll, so it stops one byte short of a full window.
        while (avail - p > bl) {
            if (n == 0) {
                int weak = Rollsum.of(b, p, bl);
                a1 = weak & 0xffff;
                a2 = weak >>> 16;
                n = bl;
            }
            int weak = (a2 << 16) | (a1 & 0xffff);
            int block = basis.mayContain(weak) ? findBlock(weak, p, bl) : -1;
            if (block >= 0) {
                appendMatch(block, p, bl);
                p += bl;
                n = 0;
                continue;
            }
            if (copyLen != 0 || p - literalStart >= MAX_LITERAL) {
                flush(p);
            }
            // Run of misses: nothing to flush before the literal limit or the end of the buffered input.
            int stop = Math.min(avail - bl, literalStart + MAX_LITERAL);
            do {
                int drop = b[p] & 0xff;
                a1 += (b[p + bl] & 0xff) - drop;
                a2 += a1 - bl * (drop + Rollsum.CHAR_OFFSET);
                p++;
            } while (p < stop && !basis.mayContain((a2 << 16) | (a1 & 0xffff)));
        }
        pos = p;
        s1 = a1;
        s2 = a2;
        count = n;
    }

    private int findBlock(int weak, int p, int n) {
        if (zeros.matches(buf, p, n)) {
            zeros.copyStrongSum(digest, 0, Md4.DIGEST_LENGTH);
        } else {
            md4.digest(buf, p, n, digest, 0);
        }
        return basis.find(weak, digest, 0);
    }

    private void appendMiss(int p) throws IOException {
        if (copyLen != 0 || p - literalStart >= MAX_LITERAL) {
            flush(p);
        }
    }

    private void appendMatch(int block, int p, int n) throws IOException {
        if (matches != null && n == blockLength && (bufBase + p) % blockLength == 0) {
            matches.matched(bufBase + p, block);
        }
        long matchPos = (long) block * blockLength;
        if (copyLen != 0 && copyPos + copyLen == matchPos) {
            copyLen += n;
        } else {
            flush(p);
            copyPos = matchPos;
            copyLen = n;
        }
        literalStart = p + n;
    }

    /** Emits the pending COPY, or else the pending literal [literalStart, p). */
    private void flush(int p) throws IOException {
        if (copyLen != 0) {
            int pw = BigEndian.width(copyPos);
            int lw = BigEndian.width(copyLen);
            command[0] = (byte) (COPY_N1_N1 + 4 * widthCode(pw) + widthCode(lw));
            int end = BigEndian.putUnsigned(command, 1, copyPos, pw);
            end = BigEndian.putUnsigned(command, end, copyLen, lw);
            out.write(command, 0, end);
            copyLen = 0;
        } else if (p > literalStart) {
            int len = p - literalStart;
            int end;
            if (len <= 64) {
                command[0] = (byte) len;
                end = 1;
            } else {
                int w = BigEndian.width(len);
                command[0] = (byte) (LITERAL_N1 + widthCode(w));
                end = BigEndian.putUnsigned(command, 1, len, w);
            }
            out.write(command, 0, end);
            out.write(buf, literalStart, len);
            literalStart = p;
        }
    }

    private static int widthCode(int width) {
        return Integer.numberOfTrailingZeros(width);
    }

    /** Drops what was flushed; grows the buffer (up to maxBuffer) when that leaves it more than half full. */
    private void makeRoom() {
        compact();
        if (avail > buf.length / 2 && buf.length < maxBuffer) {
            buf = Arrays.copyOf(buf, Math.min(maxBuffer, 2 * buf.length));
        }
    }

    private void compact() {
        int shift = literalStart;
        if (shift == 0) {
            return;
        }
        System.arraycopy(buf, shift, buf, 0, avail - shift);
        bufBase += shift;
        literalStart = 0;
        pos -= shift;
        avail -= shift;
    }
}
