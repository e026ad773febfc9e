package camelback.archive;

import java.nio.file.Path;

/**
 * What to restore: into {@code destination}, the state at {@code time} (epoch seconds,
 * {@code Long.MAX_VALUE} = latest), the whole tree ({@code path} null) or one path below the root;
 * {@code force} allows a non-empty destination; {@code ignoreErrors} skips volumes with a bad hash.
 */
public record RestoreOptions(Path destination, long time, PathIndex path, boolean force, boolean ignoreErrors) {
}
