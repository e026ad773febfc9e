package camelback.crypto;

import camelback.ffi.NativeBuffer;
import camelback.ffi.NativeFunctions;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import jdk.incubator.foreign.CLinker;
import jdk.incubator.foreign.FunctionDescriptor;
import jdk.incubator.foreign.MemoryAddress;
import jdk.incubator.foreign.MemorySegment;

/**
 * The system's libdeflate (Debian package {@code libdeflate0}) called through Java 17's foreign-function API. Needs
 * {@code --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED}, which {@code bin/camelback} passes.
 */
final class Libdeflate implements NativeDeflate {
    // struct libdeflate_compressor *libdeflate_alloc_compressor(int compression_level)
    private static final NativeFunctions.Signature ALLOC_COMPRESSOR = new NativeFunctions.Signature(
            MethodType.methodType(MemoryAddress.class, int.class),
            FunctionDescriptor.of(CLinker.C_POINTER, CLinker.C_INT));
    // size_t libdeflate_deflate_compress(struct libdeflate_compressor *, const void *in, size_t, void *out, size_t)
    private static final NativeFunctions.Signature DEFLATE_COMPRESS = new NativeFunctions.Signature(
            MethodType.methodType(long.class, MemoryAddress.class, MemoryAddress.class, long.class,
                    MemoryAddress.class, long.class),
            FunctionDescriptor.of(CLinker.C_LONG, CLinker.C_POINTER, CLinker.C_POINTER, CLinker.C_LONG,
                    CLinker.C_POINTER, CLinker.C_LONG));

    private final MethodHandle allocCompressor;
    private final MethodHandle deflateCompress;
    private final MethodHandle adler32;
    // Native copies of the input for adler32, one per thread that checksummed at once.
    private final Queue<NativeBuffer> checksumBuffers = new ConcurrentLinkedQueue<>();
    // A compressor holds hash tables sized for its level and is not thread-safe: each call borrows one with its
    // native buffers. The queues never hold more than the number of threads that compressed at once.
    private final Map<Integer, Queue<Compressor>> idle = new ConcurrentHashMap<>();

    private Libdeflate(MethodHandle allocCompressor, MethodHandle deflateCompress, MethodHandle adler32) {
        this.allocCompressor = allocCompressor;
        this.deflateCompress = deflateCompress;
        this.adler32 = adler32;
    }

    /** The library at {@code path}, or the first one found in the usual directories when {@code path} is null. */
    static Optional<Libdeflate> open(String path) {
        if (!NativeFunctions.load(path, "libdeflate.so.0", "libdeflate.so")) {
            return Optional.empty();
        }
        Optional<MethodHandle> alloc = NativeFunctions.function("libdeflate_alloc_compressor", ALLOC_COMPRESSOR);
        Optional<MethodHandle> compress = NativeFunctions.function("libdeflate_deflate_compress", DEFLATE_COMPRESS);
        Optional<MethodHandle> adler = NativeFunctions.function("libdeflate_adler32", NativeFunctions.CHECKSUM);
        if (alloc.isEmpty() || compress.isEmpty() || adler.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Libdeflate(alloc.get(), compress.get(), adler.get()));
    }

    @Override
    public int adler32(byte[] in, int off, int len) {
        NativeBuffer buffer = checksumBuffers.poll();
        if (buffer == null) {
            buffer = new NativeBuffer(64 << 10);
        }
        try {
            MemorySegment copy = buffer.holding(in, off, len);
            return (int) adler32.invokeExact(Adler32Sum.EMPTY, copy.address(), (long) len);
        } catch (Throwable e) {
            throw new IllegalStateException("libdeflate_adler32 failed: " + e, e);
        } finally {
            checksumBuffers.add(buffer);
        }
    }

    @Override
    public int bound(int len) {
        // Stored blocks at worst, with libdeflate's smallest block size; generous so compress never runs short.
        return len + (len >> 3) + 1024;
    }

    @Override
    public int compress(int level, byte[] in, int off, int len, byte[] out, int outOff) {
        if (level < 1 || level > 12) {
            throw new IllegalArgumentException("libdeflate level must be 1..12, was " + level);
        }
        Queue<Compressor> queue = idle.computeIfAbsent(level, l -> new ConcurrentLinkedQueue<>());
        Compressor compressor = queue.poll();
        if (compressor == null) {
            compressor = new Compressor(allocate(level));
        }
        try {
            return compressor.compress(in, off, len, out, outOff, bound(len));
        } finally {
            queue.add(compressor);
        }
    }

    private MemoryAddress allocate(int level) {
        MemoryAddress address;
        try {
            address = (MemoryAddress) allocCompressor.invokeExact(level);
        } catch (Throwable e) {
            throw new IllegalStateException("libdeflate_alloc_compressor(" + level + ") failed: " + e, e);
        }
        if (address.equals(MemoryAddress.NULL)) {
            throw new OutOfMemoryError("libdeflate could not allocate a compressor for level " + level);
        }
        return address;
    }

    /** One native compressor with input and output buffers that grow to the largest call seen. */
    private final class Compressor {
        private final MemoryAddress state;
        private final NativeBuffer input = new NativeBuffer(64 << 10);
        private final NativeBuffer output = new NativeBuffer(80 << 10);

        Compressor(MemoryAddress state) {
            this.state = state;
        }

        int compress(byte[] in, int off, int len, byte[] out, int outOff, int bound) {
            MemorySegment source = input.holding(in, off, len);
            MemorySegment target = output.of(bound);
            long written;
            try {
                written = (long) deflateCompress.invokeExact(state, source.address(), (long) len, target.address(),
                        (long) Math.min(target.byteSize(), out.length - outOff));
            } catch (Throwable e) {
                throw new IllegalStateException("libdeflate_deflate_compress failed: " + e, e);
            }
            output.copyTo((int) written, out, outOff);
            return (int) written;
        }
    }
}
