package camelback.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Another run holds the archive dir's lock; the message names the holder when it is known. */
public class LockedException extends IOException {
    private final transient LockHolder holder;

    public LockedException(Path lockFile, LockHolder holder) {
        super("archive dir " + lockFile.getParent() + " is in use by another run: "
                + (holder == null ? "its lock file " + lockFile + " is locked by a process that left no details "
                + "(duplicity locks the same file)" : "locked by " + holder)
                + "; wait for that run to finish");
        this.holder = holder;
    }

    public Optional<LockHolder> holder() {
        return Optional.ofNullable(holder);
    }
}
