package camelback.crypto;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that deflate chunks for {@link ParallelDeflateOutputStream}, how many of them may run at once, and
 * with which encoder. Streams that share one pool share its cores: two volumes compressed at once still use
 * {@code parallelism} threads.
 *
 * @param executor runs chunk compressions, never on the thread that writes to the stream; null when parallelism is 1
 * @param parallelism how many threads {@code executor} runs at once (1 = compress on the writing thread)
 * @param encoder the native encoder for compressible chunks, or null for the JDK's zlib
 */
public record CompressionPool(Executor executor, int parallelism, NativeDeflate encoder) {
    public CompressionPool {
        if (parallelism < 1) {
            throw new IllegalArgumentException("compression parallelism must be at least 1, was " + parallelism);
        }
        if (executor == null && parallelism > 1) {
            throw new IllegalArgumentException("an executor is required for parallel compression");
        }
    }

    /** A pool that deflates with the JDK's zlib. */
    public CompressionPool(Executor executor, int parallelism) {
        this(executor, parallelism, null);
    }

    /** zlib on the writing thread only. */
    public static CompressionPool singleThreaded() {
        return new CompressionPool(null, 1);
    }

    /**
     * One daemon thread per available processor, created on first use and shared by every stream in this JVM, with
     * the system's libdeflate when there is one.
     */
    public static CompressionPool shared() {
        return Shared.POOL;
    }

    /** True when chunks are compressed on other threads than the writer's. */
    public boolean isParallel() {
        return parallelism > 1;
    }

    // The holder class defers creating the threads until a stream first asks for them.
    private static final class Shared {
        static final CompressionPool POOL = create(Runtime.getRuntime().availableProcessors(),
                NativeDeflate.system().orElse(null));

        private static CompressionPool create(int processors, NativeDeflate encoder) {
            if (processors < 2) {
                return new CompressionPool(null, 1, encoder);
            }
            AtomicInteger count = new AtomicInteger();
            ExecutorService executor = Executors.newFixedThreadPool(processors, task -> {
                Thread thread = new Thread(task, "camelback-deflate-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            return new CompressionPool(executor, processors, encoder);
        }
    }
}
