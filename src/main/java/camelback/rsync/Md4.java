package camelback.rsync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * MD4 (RFC 1320) over byte arrays, one-shot per block. Hand-unrolled because it runs once per
 * signature block and once per weak-sum hit, and beats the general-purpose digests there.
 */
final class Md4 implements BlockMd4 {

    static final int DIGEST_LENGTH = 16;

    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int ROUND2 = 0x5a827999;
    private static final int ROUND3 = 0x6ed9eba1;

    private final byte[] tail = new byte[128];
    private int h0;
    private int h1;
    private int h2;
    private int h3;

    @Override
    public void digest(byte[] in, int off, int len, byte[] out, int outOff) {
        h0 = 0x67452301;
        h1 = 0xefcdab89;
        h2 = 0x98badcfe;
        h3 = 0x10325476;
        int full = len & ~63;
        for (int i = 0; i < full; i += 64) {
            compress(in, off + i);
        }
        int rest = len - full;
        System.arraycopy(in, off + full, tail, 0, rest);
        tail[rest] = (byte) 0x80;
        int padded = rest < 56 ? 64 : 128;
        Arrays.fill(tail, rest + 1, padded - 8, (byte) 0);
        LE_LONG.set(tail, padded - 8, (long) len << 3);
        compress(tail, 0);
        if (padded == 128) {
            compress(tail, 64);
        }
        LE_INT.set(out, outOff, h0);
        LE_INT.set(out, outOff + 4, h1);
        LE_INT.set(out, outOff + 8, h2);
        LE_INT.set(out, outOff + 12, h3);
    }

    private static int f(int x, int y, int z) {
        return z ^ (x & (y ^ z));
    }

    private static int g(int x, int y, int z) {
        return (x & y) | ((x | y) & z);
    }

    private static int h(int x, int y, int z) {
        return x ^ y ^ z;
    }

    private void compress(byte[] p, int o) {
        int x0 = (int) LE_INT.get(p, o);
        int x1 = (int) LE_INT.get(p, o + 4);
        int x2 = (int) LE_INT.get(p, o + 8);
        int x3 = (int) LE_INT.get(p, o + 12);
        int x4 = (int) LE_INT.get(p, o + 16);
        int x5 = (int) LE_INT.get(p, o + 20);
        int x6 = (int) LE_INT.get(p, o + 24);
        int x7 = (int) LE_INT.get(p, o + 28);
        int x8 = (int) LE_INT.get(p, o + 32);
        int x9 = (int) LE_INT.get(p, o + 36);
        int x10 = (int) LE_INT.get(p, o + 40);
        int x11 = (int) LE_INT.get(p, o + 44);
        int x12 = (int) LE_INT.get(p, o + 48);
        int x13 = (int) LE_INT.get(p, o + 52);
        int x14 = (int) LE_INT.get(p, o + 56);
        int x15 = (int) LE_INT.get(p, o + 60);
        int a = h0;
        int b = h1;
        int c = h2;
        int d = h3;
        a = Integer.rotateLeft(a + f(b, c, d) + x0, 3);
        d = Integer.rotateLeft(d + f(a, b, c) + x1, 7);
        c = Integer.rotateLeft(c + f(d, a, b) + x2, 11);
        b = Integer.rotateLeft(b + f(c, d, a) + x3, 19);
        a = Integer.rotateLeft(a + f(b, c, d) + x4, 3);
        d = Integer.rotateLeft(d + f(a, b, c) + x5, 7);
        c = Integer.rotateLeft(c + f(d, a, b) + x6, 11);
        b = Integer.rotateLeft(b + f(c, d, a) + x7, 19);
        a = Integer.rotateLeft(a + f(b, c, d) + x8, 3);
        d = Integer.rotateLeft(d + f(a, b, c) + x9, 7);
        c = Integer.rotateLeft(c + f(d, a, b) + x10, 11);
        b = Integer.rotateLeft(b + f(c, d, a) + x11, 19);
        a = Integer.rotateLeft(a + f(b, c, d) + x12, 3);
        d = Integer.rotateLeft(d + f(a, b, c) + x13, 7);
        c = Integer.rotateLeft(c + f(d, a, b) + x14, 11);
        b = Integer.rotateLeft(b + f(c, d, a) + x15, 19);
        a = Integer.rotateLeft(a + g(b, c, d) + x0 + ROUND2, 3);
        d = Integer.rotateLeft(d + g(a, b, c) + x4 + ROUND2, 5);
        c = Integer.rotateLeft(c + g(d, a, b) + x8 + ROUND2, 9);
        b = Integer.rotateLeft(b + g(c, d, a) + x12 + ROUND2, 13);
        a = Integer.rotateLeft(a + g(b, c, d) + x1 + ROUND2, 3);
        d = Integer.rotateLeft(d + g(a, b, c) + x5 + ROUND2, 5);
        c = Integer.rotateLeft(c + g(d, a, b) + x9 + ROUND2, 9);
        b = Integer.rotateLeft(b + g(c, d, a) + x13 + ROUND2, 13);
        a = Integer.rotateLeft(a + g(b, c, d) + x2 + ROUND2, 3);
        d = Integer.rotateLeft(d + g(a, b, c) + x6 + ROUND2, 5);
        c = Integer.rotateLeft(c + g(d, a, b) + x10 + ROUND2, 9);
        b = Integer.rotateLeft(b + g(c, d, a) + x14 + ROUND2, 13);
        a = Integer.rotateLeft(a + g(b, c, d) + x3 + ROUND2, 3);
        d = Integer.rotateLeft(d + g(a, b, c) + x7 + ROUND2, 5);
        c = Integer.rotateLeft(c + g(d, a, b) + x11 + ROUND2, 9);
        b = Integer.rotateLeft(b + g(c, d, a) + x15 + ROUND2, 13);
        a = Integer.rotateLeft(a + h(b, c, d) + x0 + ROUND3, 3);
        d = Integer.rotateLeft(d + h(a, b, c) + x8 + ROUND3, 9);
        c = Integer.rotateLeft(c + h(d, a, b) + x4 + ROUND3, 11);
        b = Integer.rotateLeft(b + h(c, d, a) + x12 + ROUND3, 15);
        a = Integer.rotateLeft(a + h(b, c, d) + x2 + ROUND3, 3);
        d = Integer.rotateLeft(d + h(a, b, c) + x10 + ROUND3, 9);
        c = Integer.rotateLeft(c + h(d, a, b) + x6 + ROUND3, 11);
        b = Integer.rotateLeft(b + h(c, d, a) + x14 + ROUND3, 15);
        a = Integer.rotateLeft(a + h(b, c, d) + x1 + ROUND3, 3);
        d = Integer.rotateLeft(d + h(a, b, c) + x9 + ROUND3, 9);
        c = Integer.rotateLeft(c + h(d, a, b) + x5 + ROUND3, 11);
        b = Integer.rotateLeft(b + h(c, d, a) + x13 + ROUND3, 15);
        a = Integer.rotateLeft(a + h(b, c, d) + x3 + ROUND3, 3);
        d = Integer.rotateLeft(d + h(a, b, c) + x11 + ROUND3, 9);
        c = Integer.rotateLeft(c + h(d, a, b) + x7 + ROUND3, 11);
        b = Integer.rotateLeft(b + h(c, d, a) + x15 + ROUND3, 15);
        h0 += a;
        h1 += b;
        h2 += c;
        h3 += d;
    }
}
