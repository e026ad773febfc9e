package camelback.rsync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/** Applies a librsync delta to a seekable basis, streaming the result. */
public final class Patcher {

    private static final int BUFFER = 65536;
    private static final int LAST_LITERAL_SHORT = 0x40;
    private static final int LITERAL_N1 = 0x41;
    private static final int COPY_N1_N1 = 0x45;
    private static final int LAST_LITERAL_N = 0x44;
    private static final int LAST_COPY = 0x54;

    private Patcher() {
    }

    /**
     * Writes basis patched by delta to out (which is not closed) and returns the number of bytes written.
     * Reads the delta up to its END command; anything after it is left unread.
     */
    public static long apply(InputStream delta, SeekableByteChannel basis, OutputStream out) throws IOException {
        DeltaInput in = new DeltaInput(delta);
        byte[] data = new byte[BUFFER];
        long magic = in.readUnsigned(4, "magic");
        if (magic != (SignatureFormat.DELTA_MAGIC & 0xffffffffL)) {
            throw new DeltaFormatException(String.format("bad delta magic 0x%08x at offset 0 (expected 0x%08x)%s",
                    magic, SignatureFormat.DELTA_MAGIC, magic == (SignatureFormat.MD4_SIG_MAGIC & 0xffffffffL)
                            ? ": this is a signature, not a delta" : ""));
        }
        long basisSize = basis.size();
        long written = 0;
        while (true) {
            long at = in.offset();
            int op = in.read();
            if (op < 0) {
                throw new DeltaFormatException("delta truncated at offset " + at + ": END command missing");
            }
            if (op == 0) {
                return written;
            }
            if (op <= LAST_LITERAL_SHORT) {
                in.copyTo(out, op, at);
                written += op;
            } else if (op <= LAST_LITERAL_N) {
                long len = in.readUnsigned(1 << (op - LITERAL_N1), "LITERAL length");
                in.copyTo(out, len, at);
                written += len;
            } else if (op <= LAST_COPY) {
                int code = op - COPY_N1_N1;
                long from = in.readUnsigned(1 << (code >> 2), "COPY offset");
                long len = in.readUnsigned(1 << (code & 3), "COPY length");
                copy(basis, basisSize, from, len, out, data, at);
                written += len;
            } else {
                throw new DeltaFormatException(String.format("reserved opcode 0x%02x at delta offset %d", op, at));
            }
        }
    }

    private static void copy(SeekableByteChannel basis, long basisSize, long from, long len, OutputStream out,
            byte[] data, long at) throws IOException {
        if (from < 0 || len < 0 || from > basisSize || len > basisSize - from) {
            throw new DeltaFormatException("COPY at delta offset " + at + " wants basis bytes "
                    + Long.toUnsignedString(from) + "+" + Long.toUnsignedString(len) + " beyond the basis end ("
                    + basisSize + " bytes): the delta was made against a different file");
        }
        basis.position(from);
        ByteBuffer bb = ByteBuffer.wrap(data);
        long left = len;
        while (left > 0) {
            bb.clear().limit((int) Math.min(data.length, left));
            int n = basis.read(bb);
            if (n < 0) {
                throw new DeltaFormatException("COPY at delta offset " + at + ": basis ended at "
                        + (from + len - left) + " while copying " + len + " bytes from " + from);
            }
            out.write(data, 0, n);
            left -= n;
        }
    }

    /** Buffered delta reader that knows its offset, for error messages. */
    private static final class DeltaInput {
        private final InputStream in;
        private final byte[] buf = new byte[BUFFER];
        private int pos;
        private int limit;
        private long consumed;

        DeltaInput(InputStream in) {
            this.in = in;
        }

        long offset() {
            return consumed + pos;
        }

        int read() throws IOException {
            if (pos == limit && !fill()) {
                return -1;
            }
            return buf[pos++] & 0xff;
        }

        long readUnsigned(int width, String what) throws IOException {
            long at = offset();
            long v = 0;
            for (int i = 0; i < width; i++) {
                int b = read();
                if (b < 0) {
                    throw new DeltaFormatException("delta truncated at offset " + offset() + " inside the " + width
                            + "-byte " + what + " that starts at offset " + at);
                }
                v = (v << 8) | b;
            }
            if (v < 0) {
                throw new DeltaFormatException(what + " at delta offset " + at + " is too large: "
                        + Long.toUnsignedString(v));
            }
            return v;
        }

        void copyTo(OutputStream out, long len, long at) throws IOException {
            long left = len;
            while (left > 0) {
                if (pos == limit && !fill()) {
                    throw new DeltaFormatException("delta truncated at offset " + offset() + ": LITERAL at offset "
                            + at + " promised " + len + " bytes, " + (len - left) + " present");
                }
                int n = (int) Math.min(left, limit - pos);
                out.write(buf, pos, n);
                pos += n;
                left -= n;
            }
        }

        private boolean fill() throws IOException {
            consumed += limit;
            pos = 0;
            limit = 0;
            int n;
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
            if (n < 0) {
                return false;
            }
            limit = n;
            return true;
        }
    }
}
