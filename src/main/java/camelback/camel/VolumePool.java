package camelback.camel;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that encrypt and upload volumes while the next one is cut. Backpressure instead of a
 * queue: when every thread is busy the splitter encrypts the volume itself, so at most
 * threads + 2 volumes exist on disk at any time.
 */
final class VolumePool {
    private VolumePool() {
    }

    static ExecutorService create(int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1), r -> {
                    Thread t = new Thread(r, "camelback-volume-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
