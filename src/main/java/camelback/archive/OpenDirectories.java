package camelback.archive;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * For each thread that writes a restore's files, a descriptor of the directory it last created a file in: files are
 * created relative to it, so the kernel does not walk the whole path for each (a fifth of the CPU time of writing
 * 40,000 small files 30 directories deep). Entries come in index order, so a thread stays in one directory for many
 * files.
 * {@link #close} once no thread writes any more.
 */
final class OpenDirectories implements Closeable {
    /** The longest path Linux takes, in bytes (PATH_MAX less the terminating NUL). */
    private static final int MAX_PATH = 4095;

    /** One thread's directory; only that thread touches it until {@link #close}. */
    private static final class Held {
        final Thread owner = Thread.currentThread();
        Path directory;
        int fd = -1;
        int pathLength;
    }

    private final LibcFiles libc;
    private final ThreadLocal<Held> held = new ThreadLocal<>();
    private final Queue<Held> all = new ConcurrentLinkedQueue<>();

    OpenDirectories(LibcFiles libc) {
        this.libc = libc;
    }

    /**
     * This thread's descriptor of {@code directory} to create a file with a name of {@code nameLength} bytes in; -1
     * when it cannot be opened, or when the file's whole path would be longer than the system takes. Relative to a
     * descriptor such a file could be made, but nothing could reach it by its path afterwards (its owner is set by
     * path, a failed write deletes it by path): it stays the JDK's to refuse, as it did.
     */
    int of(Path directory, int nameLength) {
        Held h = held.get();
        if (h == null) {
            h = new Held();
            held.set(h);
            all.add(h);
        }
        if (!directory.equals(h.directory)) {
            if (h.fd >= 0) {
                libc.close(h.fd);
            }
            h.fd = libc.openDirectory(directory);
            h.directory = directory;
            h.pathLength = PathBytes.of(directory.toAbsolutePath()).length;
        }
        return h.pathLength + 1 + nameLength <= MAX_PATH ? h.fd : -1;
    }

    /**
     * Closes the descriptors of this thread and of threads that have ended. One of a thread still running (a writer
     * that did not stop) is left open: closed, its number could be reused for another directory while it writes.
     */
    @Override
    public void close() {
        for (Held h; (h = all.poll()) != null; ) {
            if (h.fd >= 0 && (h.owner == Thread.currentThread() || !h.owner.isAlive())) {
                libc.close(h.fd);
                h.fd = -1;
            }
        }
        held.remove();
    }
}
