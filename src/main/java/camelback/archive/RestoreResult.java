package camelback.archive;

import java.util.List;

/** What a restore wrote: paths, bytes of file data, and the errors it got past (first 100). */
public record RestoreResult(long files, long bytes, List<String> errors) {
}
