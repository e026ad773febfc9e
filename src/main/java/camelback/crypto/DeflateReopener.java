package camelback.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.DataFormatException;

/**
 * Turns one complete raw deflate stream (RFC 1951) into a non-final piece that ends byte-aligned on an empty stored
 * block, as after a sync flush, so that streams compressed apart (e.g. by libdeflate) can be spliced into one.
 * An instance keeps its decoding tables between calls: use one per thread.
 */
final class DeflateReopener {
    /** Bytes {@link #reopen} may write after the stream: the sync marker, with at most one byte of header bits. */
    static final int SPARE = 5;

    private static final VarHandle LITTLE_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int MAX_CODE_BITS = 15;
    private static final int MAX_LITLEN_SYMBOLS = 286;
    private static final int MAX_DIST_SYMBOLS = 30;
    private static final int END_OF_BLOCK = 256;
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    // A table entry is one byte: its low 5 bits are the bits a symbol takes (code plus extra bits), so a match costs
    // one literal/length and one distance lookup. Literal/length entries carry the kind in the bits above.
    private static final int LENGTH = 32;
    private static final int END = 64;
    private static final int BAD_LITLEN = 96;
    // Distance entries below this are valid.
    private static final int BAD_DIST = 32;
    private static final byte[] LITLEN_BASE = litlenBase();
    private static final byte[] DIST_BASE = distBase();
    private static final byte[] CODE_LENGTH_BASE = codeLengthBase();

    private final byte[] litlenTable = new byte[1 << MAX_CODE_BITS];
    private final byte[] distTable = new byte[1 << MAX_CODE_BITS];
    private final byte[] codeLengthTable = new byte[1 << 7];
    private final byte[] fixedLitlenTable = new byte[1 << 9];
    private final byte[] fixedDistTable = new byte[1 << 5];
    private final int[] lengths = new int[MAX_LITLEN_SYMBOLS + MAX_DIST_SYMBOLS];
    private final int[] lengthCount = new int[MAX_CODE_BITS + 1];
    private final int[] nextCode = new int[MAX_CODE_BITS + 1];

    // The walk's position: bytes from pos on are unread; the low count bits of bits are the next stream bits (bits
    // above them are zero or the start of the byte at pos). Past end, pos runs on over virtual zero bytes.
    private byte[] in;
    private int start;
    private int end;
    private int pos;
    private long bits;
    private int count;

    DeflateReopener() {
        int[] fixed = new int[288];
        Arrays.fill(fixed, 0, 144, 8);
        Arrays.fill(fixed, 144, 256, 9);
        Arrays.fill(fixed, 256, 280, 7);
        Arrays.fill(fixed, 280, 288, 8);
        buildFixed(fixed, fixedLitlenTable, LITLEN_BASE);
        Arrays.fill(fixed, 0, 32, 5);
        buildFixed(fixed, fixedDistTable, DIST_BASE);
    }

    /**
     * Clears the final block's BFINAL bit in {@code buf[off, off+len)}, which must hold exactly one complete raw
     * deflate stream, and writes an empty non-final stored block after its last end-of-block code (over the padding
     * bits of the last byte, then at most {@link #SPARE} bytes after it).
     *
     * @return the piece's new length
     * @throws DataFormatException if the bytes are not exactly one complete, valid deflate stream
     */
    int reopen(byte[] buf, int off, int len) throws DataFormatException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (buf.length - off - len < SPARE) {
            throw new IllegalArgumentException("need " + SPARE + " spare bytes after the stream, have "
                    + (buf.length - off - len));
        }
        in = buf;
        start = off;
        end = off + len;
        pos = off;
        bits = 0;
        count = 0;
        try {
            long finalHeader = walkBlocks(len);
            long eob = bitPosition();
            long used = (eob + 7) >>> 3;
            if (used != len) {
                throw new DataFormatException("not one deflate stream: " + (len - used)
                        + " bytes follow the final block, which ends at byte " + used);
            }
            buf[off + (int) (finalHeader >>> 3)] &= (byte) ~(1 << (finalHeader & 7));
            return writeSyncMarker(buf, off, eob);
        } finally {
            in = null;
        }
    }

    /** Walks every block; returns the bit position of the final block's header. */
    private long walkBlocks(int len) throws DataFormatException {
        for (;;) {
            long header = bitPosition();
            int h = take(3);
            switch (h >>> 1) {
                case 0 -> skipStored(header);
                case 1 -> walkCodes(fixedLitlenTable, (1 << 9) - 1, fixedDistTable, (1 << 5) - 1, header);
                case 2 -> walkDynamic(header);
                default -> throw new DataFormatException("invalid deflate block type 3 in the block at bit " + header);
            }
            if (bitPosition() > 8L * len) {
                throw ranPastEnd(header);
            }
            if ((h & 1) != 0) {
                return header;
            }
        }
    }

    /** Overwrites the padding after bit {@code eob} with 3 header bits 000, zeros to the byte, LEN 0 and NLEN ~0. */
    private static int writeSyncMarker(byte[] buf, int off, long eob) {
        int used = (int) (eob & 7);
        int at = off + (int) (eob >>> 3);
        if (used != 0) {
            buf[at] &= (byte) ((1 << used) - 1);
            at++;
        }
        // With fewer than 3 free bits in the last byte the header spills into a byte of its own.
        if (used == 0 || used > 5) {
            buf[at++] = 0;
        }
        buf[at] = 0;
        buf[at + 1] = 0;
        buf[at + 2] = (byte) 0xFF;
        buf[at + 3] = (byte) 0xFF;
        return at + 4 - off;
    }

    private void skipStored(long header) throws DataFormatException {
        bits >>>= count & 7;
        count &= ~7;
        int lenField = take(16);
        int nlenField = take(16);
        if (bitPosition() > 8L * (end - start)) {
            throw ranPastEnd(header);
        }
        if (nlenField != (~lenField & 0xFFFF)) {
            throw new DataFormatException(String.format(
                    "stored block at bit %d: NLEN %04x is not the complement of LEN %04x", header, nlenField, lenField));
        }
        int data = pos - (count >>> 3);
        if (data + lenField > end) {
            throw ranPastEnd(header);
        }
        pos = data + lenField;
        bits = 0;
        count = 0;
    }

    private void walkDynamic(long header) throws DataFormatException {
        ensure(14);
        int litlenCount = take(5) + 257;
        int distCount = take(5) + 1;
        int codeLengthCount = take(4) + 4;
        if (litlenCount > MAX_LITLEN_SYMBOLS || distCount > MAX_DIST_SYMBOLS) {
            throw new DataFormatException("dynamic block at bit " + header + " declares " + litlenCount
                    + " literal/length and " + distCount + " distance codes (at most 286 and 30)");
        }
        Arrays.fill(lengths, 0, CODE_LENGTH_ORDER.length, 0);
        for (int i = 0; i < codeLengthCount; i++) {
            lengths[CODE_LENGTH_ORDER[i]] = take(3);
        }
        if (bitPosition() > 8L * (end - start)) {
            throw ranPastEnd(header);
        }
        int codeLengthBits = buildTable(lengths, 0, CODE_LENGTH_ORDER.length, false, codeLengthTable,
                CODE_LENGTH_BASE, 0, "code length", header);
        readCodeLengths(litlenCount + distCount, (1 << codeLengthBits) - 1, header);
        if (lengths[END_OF_BLOCK] == 0) {
            throw new DataFormatException("dynamic block at bit " + header + " has no end-of-block code");
        }
        int litlenBits = buildTable(lengths, 0, litlenCount, true, litlenTable, LITLEN_BASE, BAD_LITLEN,
                "literal/length", header);
        int distBits = buildTable(lengths, litlenCount, distCount, true, distTable, DIST_BASE, BAD_DIST,
                "distance", header);
        walkCodes(litlenTable, (1 << litlenBits) - 1, distTable, (1 << distBits) - 1, header);
    }

    private void readCodeLengths(int total, int mask, long header) throws DataFormatException {
        int i = 0;
        while (i < total) {
            ensure(7 + 7);
            int entry = codeLengthTable[(int) bits & mask] & 0xFF;
            int codeBits = entry & 7;
            bits >>>= codeBits;
            count -= codeBits;
            int symbol = entry >>> 3;
            if (symbol < 16) {
                lengths[i++] = symbol;
                continue;
            }
            int value = 0;
            int repeat;
            if (symbol == 16) {
                if (i == 0) {
                    throw new DataFormatException("dynamic block at bit " + header
                            + ": code length repeat before any length");
                }
                value = lengths[i - 1];
                repeat = 3 + take(2);
            } else if (symbol == 17) {
                repeat = 3 + take(3);
            } else {
                repeat = 11 + take(7);
            }
            if (i + repeat > total) {
                throw new DataFormatException("dynamic block at bit " + header + ": code length repeat runs "
                        + (i + repeat - total) + " past the " + total + " lengths");
            }
            Arrays.fill(lengths, i, i + repeat, value);
            i += repeat;
        }
        if (bitPosition() > 8L * (end - start)) {
            throw ranPastEnd(header);
        }
    }

    /**
     * Fills {@code table}, indexed by the next table-bits stream bits, for the canonical code of these lengths;
     * returns the table bits. Codes must be complete, except that {@code allowSingle} admits one code of one bit
     * or none at all (unassigned entries then hold {@code bad}).
     */
    private int buildTable(int[] lens, int from, int n, boolean allowSingle, byte[] table, byte[] base, int bad,
            String what, long header) throws DataFormatException {
        Arrays.fill(lengthCount, 0);
        for (int s = 0; s < n; s++) {
            lengthCount[lens[from + s]]++;
        }
        int left = 1;
        int longest = 0;
        for (int l = 1; l <= MAX_CODE_BITS; l++) {
            left = (left << 1) - lengthCount[l];
            if (left < 0) {
                throw new DataFormatException("dynamic block at bit " + header + ": over-subscribed " + what
                        + " code");
            }
            if (lengthCount[l] != 0) {
                longest = l;
            }
        }
        if (left > 0 && !(allowSingle && longest <= 1)) {
            throw new DataFormatException("dynamic block at bit " + header + ": incomplete " + what + " code");
        }
        int code = 0;
        lengthCount[0] = 0;
        for (int l = 1; l <= MAX_CODE_BITS; l++) {
            code = (code + lengthCount[l - 1]) << 1;
            nextCode[l] = code;
        }
        int size = 1 << longest;
        if (left > 0) {
            Arrays.fill(table, 0, size, (byte) bad);
        }
        for (int s = 0; s < n; s++) {
            int l = lens[from + s];
            if (l != 0) {
                byte entry = (byte) (base[s] + l);
                // Deflate sends a Huffman code's first bit first, so tables are indexed by the reversed code.
                for (int i = Integer.reverse(nextCode[l]++) >>> (32 - l); i < size; i += 1 << l) {
                    table[i] = entry;
                }
            }
        }
        return longest;
    }

    private void buildFixed(int[] lens, byte[] table, byte[] base) {
        try {
            buildTable(lens, 0, base.length, false, table, base, 0, "fixed", 0);
        } catch (DataFormatException e) {
            throw new IllegalStateException("the fixed Huffman code is complete", e);
        }
    }

    /** Decodes the block's symbols up to its end-of-block code without producing output. */
    private void walkCodes(byte[] litlen, int litlenMask, byte[] dist, int distMask, long header)
            throws DataFormatException {
        final byte[] buf = in;
        final int limit = end;
        final int fastEnd = limit - 8;
        int p = pos;
        long b = bits;
        int c = count;
        for (;;) {
            // A match takes at most 15 + 5 + 15 + 13 = 48 bits; a refill leaves 56 or more.
            if (p <= fastEnd) {
                b |= (long) LITTLE_ENDIAN_LONG.get(buf, p) << c;
                p += (63 - c) >>> 3;
                c |= 56;
            } else if (c < 48) {
                while (c < 56) {
                    b |= (long) (p < limit ? buf[p] & 0xFF : 0) << c;
                    p++;
                    c += 8;
                }
                if (p - limit > 8) {
                    throw ranPastEnd(header);
                }
            }
            int e = litlen[(int) b & litlenMask];
            if (e >= BAD_LITLEN) {
                throw new DataFormatException("block at bit " + header + ": invalid literal/length code at bit "
                        + ((long) (p - start) * 8 - c));
            }
            int n = e & 31;
            b >>>= n;
            c -= n;
            // Literal or match is a coin toss to the branch predictor: every step looks up a distance and masks it
            // away unless the symbol is a length.
            int d = dist[(int) b & distMask] & -((e >>> 5) & 1);
            if (d >= BAD_DIST) {
                throw new DataFormatException("block at bit " + header + ": invalid distance code at bit "
                        + ((long) (p - start) * 8 - c));
            }
            b >>>= d;
            c -= d;
            if (e >= END) {
                break;
            }
        }
        pos = p;
        bits = b;
        count = c;
    }

    private int take(int n) throws DataFormatException {
        ensure(n);
        int v = (int) bits & ((1 << n) - 1);
        bits >>>= n;
        count -= n;
        return v;
    }

    private void ensure(int n) throws DataFormatException {
        if (count >= n) {
            return;
        }
        if (pos <= end - 8) {
            bits |= (long) LITTLE_ENDIAN_LONG.get(in, pos) << count;
            pos += (63 - count) >>> 3;
            count |= 56;
            return;
        }
        while (count < 56) {
            bits |= (long) (pos < end ? in[pos] & 0xFF : 0) << count;
            pos++;
            count += 8;
        }
        if (pos - end > 8) {
            throw ranPastEnd(bitPosition());
        }
    }

    private long bitPosition() {
        return (long) (pos - start) * 8 - count;
    }

    private DataFormatException ranPastEnd(long header) {
        return new DataFormatException("deflate stream of " + (end - start) + " bytes ends inside the block at bit "
                + header + " (truncated, or not one complete stream)");
    }

    private static byte[] litlenBase() {
        byte[] base = new byte[288];
        base[END_OF_BLOCK] = END;
        for (int s = 257; s < 288; s++) {
            int extra = s < 265 || s == 285 ? 0 : (s - 261) >>> 2;
            base[s] = (byte) (s < MAX_LITLEN_SYMBOLS ? LENGTH + extra : BAD_LITLEN);
        }
        return base;
    }

    private static byte[] distBase() {
        byte[] base = new byte[32];
        for (int s = 0; s < 32; s++) {
            base[s] = (byte) (s >= MAX_DIST_SYMBOLS ? BAD_DIST : s < 4 ? 0 : (s - 2) >>> 1);
        }
        return base;
    }

    private static byte[] codeLengthBase() {
        byte[] base = new byte[19];
        for (int s = 0; s < base.length; s++) {
            base[s] = (byte) (s << 3);
        }
        return base;
    }
}
