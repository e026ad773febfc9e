package camelback.camel;

import org.apache.camel.Exchange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runs going right now, from the lock to the unlock, so a stopping daemon can wait for them and, past its grace
 * period, end them. Quartz's own shutdown waits for a running job however long it takes: a six-hour pre-command kept
 * {@code camelback run} from stopping for six hours, and a service manager's SIGKILL meanwhile left the pre-command
 * running with nobody waiting for it.
 *
 * <p>Ending a run is cooperative where camelback's own code runs (no further volume is cut, see {@link SetFiles}) and
 * an interrupt only where a pre-command is waited for: Camel skips the error handler of an exchange whose processor
 * threw {@link InterruptedException}, so an interrupt anywhere else would end the run without its report, the removal
 * of its incomplete set, its post-command or its unlock.
 */
public final class ActiveRuns {
    /** By exchange, not thread: the route goes on after the split on whichever thread ended the last volume. */
    private final Map<String, String> runs = new HashMap<>();
    private final Set<Thread> interruptible = new HashSet<>();
    private volatile boolean stopping;

    /** Something a run waits for that may be interrupted, a pre-command. */
    @FunctionalInterface
    public interface Wait<T> {
        T call() throws Exception;
    }

    /** The exchange runs {@code job} until {@link #ended}. */
    synchronized void started(Exchange exchange, String job) {
        runs.put(exchange.getExchangeId(), job);
    }

    /** The exchange's run is over (reported, post-command run, unlocked). */
    synchronized void ended(Exchange exchange) {
        if (runs.remove(exchange.getExchangeId()) != null) {
            notifyAll();
        }
    }

    /** True once the grace period is over: runs end before their next volume. */
    boolean stopping() {
        return stopping;
    }

    /**
     * Runs {@code wait} so that {@link #stop()} can interrupt it.
     *
     * @throws RunStoppedException camelback is stopping: {@code wait} was interrupted, or not started at all
     */
    <T> T interruptibly(String what, Wait<T> wait) throws Exception {
        synchronized (this) {
            if (stopping) {
                throw new RunStoppedException("camelback is stopping: " + what + " was not started");
            }
            interruptible.add(Thread.currentThread());
        }
        try {
            return wait.call();
        } catch (InterruptedException e) {
            throw new RunStoppedException("camelback is stopping: " + what + " was killed after the grace period");
        } finally {
            synchronized (this) {
                interruptible.remove(Thread.currentThread());
                // an interrupt that arrived as the wait ended must not hit the next step
                Thread.interrupted();
            }
        }
    }

    /** Waits up to {@code timeout} for every run to end; true when none is left. */
    synchronized boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!runs.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Ends every run going: no further volume is cut, a pre-command is killed; returns their jobs. */
    synchronized List<String> stop() {
        stopping = true;
        interruptible.forEach(Thread::interrupt);
        return new ArrayList<>(runs.values());
    }
}
