package camelback.job;

import java.nio.file.Path;

/** A separate JVM for {@link RunLockTest}: holds the lock on args[0], says so, then waits to be killed. */
public final class LockHoldingMain {
    private LockHoldingMain() {
    }

    public static void main(String[] args) throws Exception {
        RunLock lock = RunLock.acquire(Path.of(args[0]), "backup other-jvm");
        System.out.println("locked " + lock.file());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
