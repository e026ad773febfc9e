package camelback.crypto;

import camelback.ffi.NativeFunctions;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipException;
import jdk.incubator.foreign.MemoryAccess;
import jdk.incubator.foreign.MemoryAddress;
import jdk.incubator.foreign.MemorySegment;
import jdk.incubator.foreign.ResourceScope;

/**
 * Intel's ISA-L inflater (Debian package {@code libisal2}) called through Java 17's foreign-function API. ISA-L has
 * no accessor functions, so the fields of its {@code struct inflate_state} are written at their offsets in ISA-L 2.x
 * on 64-bit Linux; a library whose layout differs fails the self-test in {@link #open} and is not used.
 */
final class IsalInflate implements NativeInflate {
    // struct inflate_state (igzip_lib.h, ISA-L 2.30): the stream fields lead; block_state follows the Huffman tables.
    private static final long NEXT_OUT = 0;
    private static final long AVAIL_OUT = 8;
    private static final long NEXT_IN = 16;
    private static final long READ_IN = 24;
    private static final long AVAIL_IN = 32;
    private static final long READ_IN_LENGTH = 36;
    private static final long BLOCK_STATE = 21160;
    private static final int BLOCK_FINISH = 5;
    // The struct is 87,368 bytes in 2.30; the headroom keeps a slightly larger future struct inside our memory.
    private static final long STATE_SIZE = 256 << 10;
    private static final int BUFFER = 64 << 10;
    // Packet readers do not close the decompressed stream, so memory of a stream dropped before its end is freed
    // when it is collected; a stream that ends or is closed frees it at once.
    private static final Cleaner CLEANER = Cleaner.create();

    private final MethodHandle inflateInit;
    private final MethodHandle inflate;
    private final MethodHandle adler32;

    private IsalInflate(MethodHandle inflateInit, MethodHandle inflate, MethodHandle adler32) {
        this.inflateInit = inflateInit;
        this.inflate = inflate;
        this.adler32 = adler32;
    }

    /**
     * The library at {@code path}, or the first one found in the usual directories when {@code path} is null; empty
     * when there is none, it lacks a symbol, or it does not inflate a test stream correctly.
     */
    static Optional<IsalInflate> open(String path) {
        if (!NativeFunctions.load(path, "libisal.so.2", "libisal.so")) {
            return Optional.empty();
        }
        Optional<MethodHandle> init = NativeFunctions.function("isal_inflate_init", NativeFunctions.POINTER_TO_VOID);
        Optional<MethodHandle> run = NativeFunctions.function("isal_inflate", NativeFunctions.POINTER_TO_INT);
        Optional<MethodHandle> adler = NativeFunctions.function("isal_adler32", NativeFunctions.CHECKSUM);
        if (init.isEmpty() || run.isEmpty() || adler.isEmpty()) {
            return Optional.empty();
        }
        IsalInflate isal = new IsalInflate(init.get(), run.get(), adler.get());
        return isal.inflatesCorrectly() ? Optional.of(isal) : Optional.empty();
    }

    @Override
    public InputStream inflate(InputStream compressed, boolean zlibWrapped) {
        return new Stream(compressed, zlibWrapped);
    }

    /** Inflates a zlib stream with trailing bytes, fed in small pieces, and compares it with what went in. */
    private boolean inflatesCorrectly() {
        byte[] plain = new byte[300_000];
        Random random = new Random(1950);
        for (int i = 0; i < plain.length; i++) {
            plain[i] = (byte) ('a' + random.nextInt(1 + (i >> 14)));
        }
        Deflater deflater = new Deflater(6);
        deflater.setInput(plain);
        deflater.finish();
        byte[] packed = new byte[plain.length + 1024];
        int length = 0;
        while (!deflater.finished()) {
            length += deflater.deflate(packed, length, packed.length - length);
        }
        deflater.end();
        packed[length++] = 42; // a byte after the stream, as OpenPGP packets may have
        byte[] back = new byte[plain.length + 1];
        int total = 0;
        try (InputStream in = inflate(new TrickleStream(packed, length, 7919), true)) {
            for (int n; (n = in.read(back, total, Math.min(5000, back.length - total))) > 0; ) {
                total += n;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return total == plain.length && Arrays.equals(plain, 0, total, back, 0, total);
    }

    /** Hands out at most {@code piece} bytes per read, so the self-test crosses input refills. */
    private static final class TrickleStream extends InputStream {
        private final byte[] data;
        private final int length;
        private final int piece;
        private int position;

        TrickleStream(byte[] data, int length, int piece) {
            this.data = data;
            this.length = length;
            this.piece = piece;
        }

        @Override
        public int read() {
            return position < length ? data[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= length) {
                return -1;
            }
            int n = Math.min(Math.min(len, piece), length - position);
            System.arraycopy(data, position, b, off, n);
            position += n;
            return n;
        }
    }

    /**
     * One inflate state with its native input and output buffers; reads are served from the output buffer, so a
     * reader asking for a few bytes at a time does not cost a native call each. Not thread-safe, like any InputStream.
     */
    private final class Stream extends InputStream {
        private final InputStream in;
        private final boolean zlibWrapped;
        private final ResourceScope scope = ResourceScope.newSharedScope(CLEANER);
        private final MemorySegment state = MemorySegment.allocateNative(STATE_SIZE, 64, scope);
        private final MemorySegment input = MemorySegment.allocateNative(BUFFER, scope);
        private final MemorySegment output = MemorySegment.allocateNative(BUFFER, scope);
        private final byte[] chunk = new byte[BUFFER];
        private final byte[] single = new byte[1];
        private boolean headerRead;
        private boolean inputEnded;
        private boolean ended;
        private boolean closed;
        private int outPos;
        private int outEnd;
        private int adler = 1;

        Stream(InputStream in, boolean zlibWrapped) {
            this.in = in;
            this.zlibWrapped = zlibWrapped;
            try {
                inflateInit.invokeExact(state.address());
            } catch (Throwable e) {
                scope.close();
                throw new IllegalStateException("isal_inflate_init failed: " + e, e);
            }
        }

        @Override
        public int read() throws IOException {
            if (outPos < outEnd) {
                return MemoryAccess.getByteAtOffset(output, outPos++) & 0xff;
            }
            int n = read(single, 0, 1);
            return n < 0 ? -1 : single[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (len == 0) {
                return 0;
            }
            while (outPos == outEnd) {
                if (ended) {
                    release();
                    return -1;
                }
                inflateMore();
            }
            int n = Math.min(len, outEnd - outPos);
            MemorySegment.ofArray(b).asSlice(off, n).copyFrom(output.asSlice(outPos, n));
            outPos += n;
            return n;
        }

        /** Refills the output buffer with whatever one call of the inflater makes, which may be nothing. */
        private void inflateMore() throws IOException {
            if (!headerRead) {
                readHeader();
            }
            if (availableInput() == 0 && !inputEnded) {
                refill(0);
            }
            MemoryAccess.setAddressAtOffset(state, NEXT_OUT, output.address());
            MemoryAccess.setIntAtOffset(state, AVAIL_OUT, BUFFER);
            int before = availableInput();
            int status;
            try {
                status = (int) inflate.invokeExact(state.address());
            } catch (Throwable e) {
                throw new IllegalStateException("isal_inflate failed: " + e, e);
            }
            if (status < 0) {
                throw new ZipException("invalid deflate data (ISA-L error " + status + ")");
            }
            int produced = BUFFER - MemoryAccess.getIntAtOffset(state, AVAIL_OUT);
            if (produced > 0 && zlibWrapped) {
                adler = checksum(produced);
            }
            outPos = 0;
            outEnd = produced;
            if (MemoryAccess.getIntAtOffset(state, BLOCK_STATE) == BLOCK_FINISH) {
                ended = true;
                if (zlibWrapped) {
                    checkTrailer();
                }
                return;
            }
            int after = availableInput();
            if (produced > 0 || after < before) {
                return;
            }
            if (inputEnded) {
                throw new EOFException("the compressed data ends before its deflate stream does");
            }
            if (after == BUFFER) {
                throw new ZipException("invalid deflate data: the inflater makes no progress");
            }
            refill(after);
        }

        private int availableInput() {
            return MemoryAccess.getIntAtOffset(state, AVAIL_IN);
        }

        /** Moves the unread input to the front of the native buffer and reads more after it from {@code in}. */
        private void refill(int keep) throws IOException {
            if (keep > 0) {
                long from = MemoryAccess.getAddressAtOffset(state, NEXT_IN).segmentOffset(input);
                input.asSlice(0, keep).copyFrom(input.asSlice(from, keep));
            }
            int n = in.read(chunk, 0, BUFFER - keep);
            if (n < 0) {
                inputEnded = true;
                n = 0;
            } else {
                input.asSlice(keep, n).copyFrom(MemorySegment.ofArray(chunk).asSlice(0, n));
            }
            MemoryAccess.setAddressAtOffset(state, NEXT_IN, input.address());
            MemoryAccess.setIntAtOffset(state, AVAIL_IN, keep + n);
        }

        /** At least {@code count} unread input bytes, or EOFException. */
        private void need(int count) throws IOException {
            while (availableInput() < count) {
                if (inputEnded) {
                    throw new EOFException("the compressed data ends inside its zlib header or trailer");
                }
                refill(availableInput());
            }
        }

        private int takeByte() {
            MemoryAddress next = MemoryAccess.getAddressAtOffset(state, NEXT_IN);
            int value = MemoryAccess.getByteAtOffset(input, next.segmentOffset(input)) & 0xff;
            MemoryAccess.setAddressAtOffset(state, NEXT_IN, next.addOffset(1));
            MemoryAccess.setIntAtOffset(state, AVAIL_IN, availableInput() - 1);
            return value;
        }

        private void readHeader() throws IOException {
            headerRead = true;
            refill(0);
            if (!zlibWrapped) {
                return;
            }
            need(2);
            int cmf = takeByte();
            int flags = takeByte();
            if ((cmf & 0x0f) != 8 || (cmf >> 4) > 7 || ((cmf << 8) | flags) % 31 != 0) {
                throw new ZipException("incorrect zlib header");
            }
            if ((flags & 0x20) != 0) {
                throw new ZipException("the zlib stream needs a preset dictionary, which OpenPGP never uses");
            }
        }

        private void checkTrailer() throws IOException {
            // ISA-L 2.30 keeps up to 8 bytes read past the stream's end in its bit buffer (later versions hand them
            // back and empty it): the trailer starts with the whole bytes above the final block's last bits.
            int heldBits = Math.max(0, MemoryAccess.getIntAtOffset(state, READ_IN_LENGTH));
            long held = MemoryAccess.getLongAtOffset(state, READ_IN) >>> (heldBits & 7);
            int heldBytes = heldBits >> 3;
            int stored = 0;
            for (int i = 0; i < 4; i++) {
                int next;
                if (i < heldBytes) {
                    next = (int) (held >>> (8 * i)) & 0xff;
                } else {
                    need(1);
                    next = takeByte();
                }
                stored = (stored << 8) | next;
            }
            if (stored != adler) {
                throw new ZipException("incorrect data check (Adler-32 of the inflated data)");
            }
        }

        private int checksum(int produced) {
            try {
                return (int) adler32.invokeExact(adler, output.address(), (long) produced);
            } catch (Throwable e) {
                throw new IllegalStateException("isal_adler32 failed: " + e, e);
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            outPos = outEnd = 0;
            try {
                in.close();
            } finally {
                release();
            }
        }

        private void release() {
            if (scope.isAlive()) {
                scope.close();
            }
        }
    }
}
