package camelback.archive;

import java.util.List;

/**
 * What a restore wrote: paths, bytes of file data, the errors it got past (first 100) and warnings
 * (e.g. a time before the first backup).
 */
public record RestoreResult(long files, long bytes, List<String> errors, List<String> warnings) {
}
