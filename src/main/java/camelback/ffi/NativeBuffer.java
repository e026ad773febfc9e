package camelback.ffi;

import java.lang.ref.Cleaner;
import jdk.incubator.foreign.MemorySegment;
import jdk.incubator.foreign.ResourceScope;

/**
 * Native memory that grows to the largest size asked for: the foreign-function API cannot pass a heap array, so
 * input and output are copied through one of these. Not thread-safe; pools hand each to one thread at a time.
 */
public final class NativeBuffer {
    // A buffer dropped unclosed, as a thread's own buffer is when the thread ends, is freed when it is collected.
    private static final Cleaner CLEANER = Cleaner.create();

    private final int minimum;
    private ResourceScope scope;
    private MemorySegment segment;

    public NativeBuffer(int minimum) {
        this.minimum = minimum;
    }

    /** At least {@code size} bytes. */
    public MemorySegment of(long size) {
        if (segment == null || segment.byteSize() < size) {
            if (scope != null) {
                scope.close();
            }
            // Shared: the buffer moves between a pool's threads.
            scope = ResourceScope.newSharedScope(CLEANER);
            segment = MemorySegment.allocateNative(Math.max(size, minimum), scope);
        }
        return segment;
    }

    /** A copy of {@code in[off, off+len)}. */
    public MemorySegment holding(byte[] in, int off, int len) {
        MemorySegment copy = of(len);
        copy.copyFrom(MemorySegment.ofArray(in).asSlice(off, len));
        return copy;
    }

    /** Copies the first {@code len} bytes to {@code out} at {@code outOff}. */
    public void copyTo(int len, byte[] out, int outOff) {
        MemorySegment.ofArray(out).asSlice(outOff, len).copyFrom(segment.asSlice(0, len));
    }
}
