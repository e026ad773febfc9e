package camelback.rsync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Big-endian integer access to byte arrays, the byte order of every librsync header field. */
final class BigEndian {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private BigEndian() {
    }

    static void putInt(byte[] b, int off, int value) {
        INT.set(b, off, value);
    }

    static int getInt(byte[] b, int off) {
        return (int) INT.get(b, off);
    }

    /** Writes the low {@code width} bytes (1, 2, 4 or 8) of {@code value}; returns the offset after them. */
    static int putUnsigned(byte[] b, int off, long value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            b[off + i] = (byte) value;
            value >>>= 8;
        }
        return off + width;
    }

    /** librsync's choice: the smallest of 1, 2, 4, 8 bytes that holds {@code value}. */
    static int width(long value) {
        if ((value & ~0xffL) == 0) {
            return 1;
        }
        if ((value & ~0xffffL) == 0) {
            return 2;
        }
        if ((value & ~0xffffffffL) == 0) {
            return 4;
        }
        return 8;
    }
}
