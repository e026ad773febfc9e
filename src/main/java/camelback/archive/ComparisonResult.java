package camelback.archive;

import java.util.List;

/**
 * What {@link Restorer#compare} found: the first 100 differences as "path: what differs" and how many there were;
 * errors are paths that could not be compared.
 */
public record ComparisonResult(long files, long bytes, List<String> differences, long differenceCount,
        List<String> errors, List<String> warnings) {
}
