package camelback.rsync;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * Applies a librsync delta, streaming the result: to a seekable basis, or, when every COPY reads the basis at or
 * after where the previous one ended (as deltas of files changed in place are), to a basis read once front to back.
 */
public final class Patcher {

    private static final int BUFFER = 65536;
    private static final int LAST_LITERAL_SHORT = 0x40;
    private static final int LITERAL_N1 = 0x41;
    private static final int COPY_N1_N1 = 0x45;
    private static final int LAST_LITERAL_N = 0x44;
    private static final int LAST_COPY = 0x54;

    private Patcher() {
    }

    /** What a delta's commands do: LITERAL bytes follow in the delta, COPY names a range of the basis. */
    private interface Commands {
        void literal(DeltaInput in, long len, long at) throws IOException;

        void copy(long from, long len, long at) throws IOException;
    }

    /**
     * Writes basis patched by delta to out (which is not closed) and returns the number of bytes written.
     * Reads the delta up to its END command; anything after it is left unread.
     */
    public static long apply(InputStream delta, SeekableByteChannel basis, OutputStream out) throws IOException {
        long basisSize = basis.size();
        byte[] data = new byte[BUFFER];
        return run(delta, new Commands() {
            @Override
            public void literal(DeltaInput in, long len, long at) throws IOException {
                in.copyTo(out, len, at);
            }

            @Override
            public void copy(long from, long len, long at) throws IOException {
                checkRange(from, len, basisSize, at);
                basis.position(from);
                ByteBuffer bb = ByteBuffer.wrap(data);
                long left = len;
                while (left > 0) {
                    bb.clear().limit((int) Math.min(data.length, left));
                    int n = basis.read(bb);
                    if (n < 0) {
                        throw basisEnded(from, len, left, at);
                    }
                    out.write(data, 0, n);
                    left -= n;
                }
            }
        });
    }

    /**
     * Whether every COPY of the delta starts at or after the end of the COPY before it, so that
     * {@link #applyInOrder} can read the basis once, front to back. Reads the delta up to its END command.
     */
    public static boolean copiesInOrder(InputStream delta) throws IOException {
        boolean[] inOrder = {true};
        long[] end = {0};
        run(delta, new Commands() {
            @Override
            public void literal(DeltaInput in, long len, long at) throws IOException {
                in.copyTo(OutputStream.nullOutputStream(), len, at);
            }

            @Override
            public void copy(long from, long len, long at) {
                inOrder[0] &= from >= end[0];
                end[0] = Math.max(end[0], from + len);
            }
        });
        return inOrder[0];
    }

    /**
     * Like {@link #apply}, with a basis that is read forward only; the delta's copies must be in order
     * ({@link #copiesInOrder}). The basis is read up to the end of the last COPY.
     */
    public static long applyInOrder(InputStream delta, InputStream basis, OutputStream out) throws IOException {
        byte[] data = new byte[BUFFER];
        long[] position = {0};
        return run(delta, new Commands() {
            @Override
            public void literal(DeltaInput in, long len, long at) throws IOException {
                in.copyTo(out, len, at);
            }

            @Override
            public void copy(long from, long len, long at) throws IOException {
                if (from < position[0]) {
                    throw new IllegalArgumentException("COPY at delta offset " + at + " goes back to basis offset "
                            + from + " after " + position[0] + ": check copiesInOrder first");
                }
                try {
                    basis.skipNBytes(from - position[0]);
                } catch (EOFException e) {
                    throw basisEnded(from, len, len, at);
                }
                long left = len;
                while (left > 0) {
                    int n = basis.read(data, 0, (int) Math.min(data.length, left));
                    if (n < 0) {
                        throw basisEnded(from, len, left, at);
                    }
                    out.write(data, 0, n);
                    left -= n;
                }
                position[0] = from + len;
            }
        });
    }

    private static long run(InputStream delta, Commands commands) throws IOException {
        DeltaInput in = new DeltaInput(delta);
        long magic = in.readUnsigned(4, "magic");
        if (magic != (SignatureFormat.DELTA_MAGIC & 0xffffffffL)) {
            throw new DeltaFormatException(String.format("bad delta magic 0x%08x at offset 0 (expected 0x%08x)%s",
                    magic, SignatureFormat.DELTA_MAGIC, magic == (SignatureFormat.MD4_SIG_MAGIC & 0xffffffffL)
                            ? ": this is a signature, not a delta" : ""));
        }
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
            long len;
            if (op <= LAST_LITERAL_SHORT) {
                len = op;
                commands.literal(in, len, at);
            } else if (op <= LAST_LITERAL_N) {
                len = in.readUnsigned(1 << (op - LITERAL_N1), "LITERAL length");
                commands.literal(in, len, at);
            } else if (op <= LAST_COPY) {
                int code = op - COPY_N1_N1;
                long from = in.readUnsigned(1 << (code >> 2), "COPY offset");
                len = in.readUnsigned(1 << (code & 3), "COPY length");
                commands.copy(from, len, at);
            } else {
                throw new DeltaFormatException(String.format("reserved opcode 0x%02x at delta offset %d", op, at));
            }
            written += len;
        }
    }

    private static void checkRange(long from, long len, long basisSize, long at) throws DeltaFormatException {
        if (from < 0 || len < 0 || from > basisSize || len > basisSize - from) {
            throw new DeltaFormatException("COPY at delta offset " + at + " wants basis bytes "
                    + Long.toUnsignedString(from) + "+" + Long.toUnsignedString(len) + " beyond the basis end ("
                    + basisSize + " bytes): the delta was made against a different file");
        }
    }

    private static DeltaFormatException basisEnded(long from, long len, long left, long at) {
        return new DeltaFormatException("COPY at delta offset " + at + ": basis ended at " + (from + len - left)
                + " while copying " + len + " bytes from " + from);
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
