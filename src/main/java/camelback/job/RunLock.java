package camelback.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run per archive dir, across processes: an OS file lock on {@code ARCHIVE_DIR/lockfile} (the
 * file duplicity locks too), which the OS drops when the holder dies, so a stale file is simply
 * taken over. The file names the holder for whoever is refused.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE_NAME = "lockfile";
    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);
    private static final int MAX_FILE_BYTES = 4096;
    private static final int ATTEMPTS = 5;

    /**
     * Lock files this process holds. The OS lock belongs to the process, and closing any descriptor
     * of the file drops it, so a second acquire must be refused here without opening the file.
     */
    private static final Map<Path, LockHolder> HELD = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code archiveDir} (created if missing) for this run.
     *
     * @param description what runs, e.g. {@code backup mongodb}; shown to runs that are refused
     * @throws LockedException another run, in this process or another, holds it
     */
    public static RunLock acquire(Path archiveDir, String description) throws IOException {
        Files.createDirectories(archiveDir);
        Path file = archiveDir.toRealPath().resolve(FILE_NAME);
        LockHolder me = new LockHolder(ProcessHandle.current().pid(), hostName(), description,
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        LockHolder other = HELD.putIfAbsent(file, me);
        if (other != null) {
            throw new LockedException(file, other);
        }
        try {
            for (int attempt = 1; ; attempt++) {
                RunLock taken = tryTake(file, me);
                if (taken != null) {
                    return taken;
                }
                if (attempt == ATTEMPTS) {
                    throw new IOException("could not lock " + file + ": it kept being replaced while locking; "
                            + "is another program deleting it?");
                }
            }
        } catch (IOException | RuntimeException e) {
            HELD.remove(file, me);
            throw e;
        }
    }

    /** Returns null when the file was replaced between opening and locking, so the caller tries again. */
    private static RunLock tryTake(Path file, LockHolder me) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            Object opened = fileKey(file);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // Locked in this JVM by code outside this class (another class loader's RunLock, say).
                throw new LockedException(file, parse(channel).orElse(null));
            }
            if (lock == null) {
                throw new LockedException(file, parse(channel).orElse(null));
            }
            // A holder deletes the file while still locking it, then releases: whoever opened the old
            // file meanwhile now holds a lock on a file nobody else will ever open again.
            if (!Files.exists(file) || !Objects.equals(opened, fileKey(file))) {
                channel.close();
                return null;
            }
            String previous = read(channel);
            if (!previous.isBlank()) {
                LOG.info("taking over the lock of {} left behind by {}; that run is gone", file.getParent(),
                        LockHolder.parse(previous).map(Object::toString).orElse("another process"));
            }
            byte[] text = me.text().getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text), 0);
            channel.force(true);
            return new RunLock(file, channel, lock);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** Deletes the lock file, then releases the lock. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Files.deleteIfExists(file);
        } finally {
            try {
                lock.release();
                channel.close();
            } finally {
                HELD.remove(file);
            }
        }
    }

    /** The file's identity (device and inode), null when it is gone or the file system has none. */
    private static Object fileKey(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static Optional<LockHolder> parse(FileChannel channel) throws IOException {
        return LockHolder.parse(read(channel));
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(MAX_FILE_BYTES);
        int n;
        do {
            n = channel.read(buf, buf.position());
        } while (n > 0 && buf.hasRemaining());
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return Objects.requireNonNullElse(System.getenv("HOSTNAME"), "unknown host");
        }
    }
}
