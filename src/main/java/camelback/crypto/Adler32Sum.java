package camelback.crypto;

import java.util.zip.Adler32;

/**
 * Adler-32 (RFC 1950) of pieces checksummed apart, joined in order: the chunks of a parallel zlib stream are
 * checksummed on the threads that compress them, and the writer only joins the sums.
 */
final class Adler32Sum {
    private static final int MOD = 65521;

    /** The checksum of no bytes. */
    static final int EMPTY = 1;

    private Adler32Sum() {
    }

    /** Adler-32 of {@code b[off, off+len)}, by {@code encoder}'s library when given (vectorized), else by zlib. */
    static int of(byte[] b, int off, int len, NativeDeflate encoder) {
        return encoder != null ? encoder.adler32(b, off, len) : zlib(b, off, len);
    }

    /** Adler-32 of {@code b[off, off+len)} by the JDK's zlib. */
    static int zlib(byte[] b, int off, int len) {
        Adler32 adler = new Adler32();
        adler.update(b, off, len);
        return (int) adler.getValue();
    }

    /**
     * The checksum of A followed by B, from A's, B's and B's length. Each byte of B adds to the second sum once per
     * byte from it to the end, and A's first sum (less the initial 1) once for every byte of B.
     */
    static int join(int first, int second, long secondLength) {
        long a1 = first & 0xffff;
        long b1 = first >>> 16;
        long a2 = second & 0xffff;
        long b2 = second >>> 16;
        long a = (a1 + a2 + MOD - 1) % MOD;
        long b = (b1 + b2 + (secondLength % MOD) * ((a1 + MOD - 1) % MOD)) % MOD;
        return (int) (b << 16 | a);
    }
}
