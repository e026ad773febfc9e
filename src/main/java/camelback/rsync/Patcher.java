package camelback.rsync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;

/**
 * Applies a librsync delta, streaming the result: to a seekable basis, or to a basis read once, front to back, keeping
 * in memory the few parts the delta copies again after the read passed them ({@link BasisReuse}).
 */
public final class Patcher {

    private static final int BUFFER = 65536;
    private static final int LAST_LITERAL_SHORT = 0x40;
    private static final int LITERAL_N1 = 0x41;
    private static final int COPY_N1_N1 = 0x45;
    private static final int LAST_LITERAL_N = 0x44;
    private static final int LAST_COPY = 0x54;
    // beyond this many separate ranges to keep, a seekable basis is cheaper than the bookkeeping
    private static final int MAX_REUSED_RANGES = 1 << 16;

    private Patcher() {
    }

    /** What a delta's commands do: LITERAL bytes follow in the delta, COPY names a range of the basis. */
    private interface Commands {
        void literal(DeltaInput in, long len, long at) throws IOException;

        void copy(long from, long len, long at) throws IOException;
    }

    /** Commands that write the result to {@code out}: literals as they are, copies as the basis allows. */
    private abstract static class Patching implements Commands {
        final OutputStream out;

        Patching(OutputStream out) {
            this.out = out;
        }

        @Override
        public void literal(DeltaInput in, long len, long at) throws IOException {
            in.copyTo(out, len, at);
        }
    }

    /**
     * Writes basis patched by delta to out (which is not closed) and returns the number of bytes written.
     * Reads the delta up to its END command; anything after it is left unread.
     */
    public static long apply(InputStream delta, SeekableByteChannel basis, OutputStream out) throws IOException {
        long basisSize = basis.size();
        byte[] data = new byte[BUFFER];
        return run(delta, new Patching(out) {
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
     * What {@link #applyStreaming} must keep of the basis to apply this delta while reading the basis once, front to
     * back: the ranges that COPY commands read after the read has passed them. Empty when that is more than
     * {@code maxBytes}, or too scattered; the delta then needs a seekable basis. Reads the delta up to its END.
     */
    public static Optional<BasisReuse> basisReuse(InputStream delta, long maxBytes) throws IOException {
        BasisReuse reuse = new BasisReuse();
        long[] position = {0};
        boolean[] tooMuch = {false};
        run(delta, new Commands() {
            @Override
            public void literal(DeltaInput in, long len, long at) throws IOException {
                in.copyTo(OutputStream.nullOutputStream(), len, at);
            }

            @Override
            public void copy(long from, long len, long at) {
                if (from < position[0] && !tooMuch[0]) {
                    reuse.add(from, Math.min(from + len, position[0]));
                    tooMuch[0] = reuse.bytes() > maxBytes || reuse.rangeCount() > MAX_REUSED_RANGES;
                }
                position[0] = Math.max(position[0], from + len);
            }
        });
        if (tooMuch[0]) {
            return Optional.empty();
        }
        reuse.seal();
        return Optional.of(reuse);
    }

    /**
     * Like {@link #apply}, with a basis that is read once, front to back, up to the end of the last COPY; what the
     * delta copies again comes from {@code reuse}, made by {@link #basisReuse} from the same delta.
     */
    public static long applyStreaming(InputStream delta, InputStream basis, BasisReuse reuse, OutputStream out)
            throws IOException {
        byte[] data = new byte[BUFFER];
        long[] position = {0};
        return run(delta, new Patching(out) {
            @Override
            public void copy(long from, long len, long at) throws IOException {
                long end = from + len;
                if (from < position[0]) {
                    long behind = Math.min(end, position[0]) - from;
                    reuse.copy(from, behind, out);
                    from += behind;
                }
                if (from < end) {
                    stream(from - position[0], null, from, len, at);
                    stream(end - from, out, from, len, at);
                    position[0] = end;
                }
            }

            /** Reads {@code count} basis bytes from the current position, writing them to {@code to} unless null. */
            private void stream(long count, OutputStream to, long from, long len, long at) throws IOException {
                long left = count;
                while (left > 0) {
                    int n = basis.read(data, 0, (int) Math.min(data.length, left));
                    if (n < 0) {
                        throw new DeltaFormatException("COPY at delta offset " + at + ": basis ended at "
                                + position[0] + " while copying " + len + " bytes from " + from);
                    }
                    reuse.capture(data, 0, n, position[0]);
                    if (to != null) {
                        to.write(data, 0, n);
                    }
                    position[0] += n;
                    left -= n;
                }
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
