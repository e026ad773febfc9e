package camelback.camel;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/** Work on a daemon thread of its own, started on one route thread and collected on another. */
final class BackgroundTask<T> {
    private final FutureTask<T> task;
    private final Thread thread;

    private BackgroundTask(Callable<T> work, String threadName) {
        this.task = new FutureTask<>(work);
        this.thread = new Thread(task, threadName);
        thread.setDaemon(true);
    }

    static <T> BackgroundTask<T> start(String threadName, Callable<T> work) {
        BackgroundTask<T> started = new BackgroundTask<>(work, threadName);
        started.thread.start();
        return started;
    }

    /** Waits for the result; a failure of the work is thrown as it was. */
    T result() throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw cause instanceof Exception failure ? failure : new IllegalStateException(cause);
        }
    }

    /** Interrupts the work unless it is done, then waits up to {@code seconds} for its thread to end. */
    void stop(long seconds) {
        task.cancel(true);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(seconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
