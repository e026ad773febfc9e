package camelback.archive;

import java.util.List;

/**
 * What a restore wrote: paths, bytes of file data, the errors it got past (first 100), warnings (e.g. a time before
 * the first backup), and whether any error was a damaged or missing volume rather than a path it could not write.
 */
public record RestoreResult(long files, long bytes, List<String> errors, List<String> warnings, boolean backupDamaged) {
}
