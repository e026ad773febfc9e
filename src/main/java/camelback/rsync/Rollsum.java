package camelback.rsync;

/** librsync's classic rolling checksum (Adler-like, bytes offset by 31), mod 2^16 halves. */
public final class Rollsum {

    static final int CHAR_OFFSET = 31;

    private int s1;
    private int s2;
    private int count;

    public Rollsum() {
    }

    /** Appends {@code len} bytes to the window. */
    public void update(byte[] b, int off, int len) {
        int a = s1;
        int c = s2;
        int end = off + len;
        for (int i = off; i < end; i++) {
            a += b[i] & 0xff;
            c += a;
        }
        // Only the low 16 bits matter, so int wrap-around is harmless; the triangle number needs a long.
        s1 = a + len * CHAR_OFFSET;
        s2 = c + (int) (((long) len * (len + 1) / 2) * CHAR_OFFSET);
        count += len;
    }

    /** Slides the window one byte: drops {@code outByte} at the front, appends {@code inByte}. */
    public void rotate(int outByte, int inByte) {
        int out = outByte & 0xff;
        s1 += (inByte & 0xff) - out;
        s2 += s1 - count * (out + CHAR_OFFSET);
    }

    /** Shrinks the window from the front by dropping {@code outByte}. */
    public void rollout(int outByte) {
        int out = (outByte & 0xff) + CHAR_OFFSET;
        s1 -= out;
        s2 -= count * out;
        count--;
    }

    /** The weak sum as librsync stores it: s2 in the high half, s1 in the low half. */
    public int digest() {
        return (s2 << 16) | (s1 & 0xffff);
    }

    /** Number of bytes in the window. */
    public int count() {
        return count;
    }

    public void reset() {
        s1 = 0;
        s2 = 0;
        count = 0;
    }

    /** Weak sum of one block, without allocating. */
    static int of(byte[] b, int off, int len) {
        int a = 0;
        int c = 0;
        int end = off + len;
        for (int i = off; i < end; i++) {
            a += b[i] & 0xff;
            c += a;
        }
        a += len * CHAR_OFFSET;
        c += (int) (((long) len * (len + 1) / 2) * CHAR_OFFSET);
        return (c << 16) | (a & 0xffff);
    }
}
