package camelback.job;

import camelback.archive.Selection;
import camelback.archive.SelectionException;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

/**
 * A job's file selection as configured, with duplicity's options of the same names: {@code --exclude-filelist}
 * (duply's {@code exclude} file), {@code --include-filelist}, include and exclude globs and regular expressions,
 * {@code --exclude-older-than}, {@code --exclude-if-present}, {@code --exclude-other-filesystems} and
 * {@code --exclude-device-files}. duplicity tries its options in command-line order; keys have none, so they are tried
 * in one fixed order (README, "Leaving paths out"): the marker and device files, the exclude filelist, the include
 * filelist, includes, excludes, older files, other file systems. The filelists are read when a backup starts, so a
 * restore needs neither them nor the source, and an edited filelist applies from the next run.
 *
 * @param excludeOlderThan a duplicity time string; an interval ({@code 1Y}) counts back from each backup's start
 */
public record SourceSelection(Path filelist, Path includeFilelist, List<String> includes, List<String> includeRegexps,
                              List<String> excludes, List<String> excludeRegexps, String excludeOlderThan,
                              String excludeIfPresent, boolean otherFilesystems, boolean deviceFiles) {
    public static final SourceSelection EVERYTHING = new SourceSelection(null, null, List.of(), List.of(), List.of(),
            List.of(), null, null, false, false);

    public SourceSelection {
        includes = List.copyOf(includes);
        includeRegexps = List.copyOf(includeRegexps);
        excludes = List.copyOf(excludes);
        excludeRegexps = List.copyOf(excludeRegexps);
    }

    /**
     * The selection of {@code source}'s paths.
     *
     * @param keyPrefix the job's key prefix, for the error message
     * @throws ConfigException for a glob that cannot match anything in the source, a regular expression that is not
     *                         valid (or not translatable), an unreadable filelist, a bad time, or rules that end in an
     *                         include
     */
    Selection build(Path source, String keyPrefix) {
        Selection.Builder builder = Selection.under(source);
        if (excludeIfPresent != null) {
            apply(keyPrefix + "exclude-if-present", () -> builder.excludeIfPresent(excludeIfPresent));
        }
        if (deviceFiles) {
            builder.excludeDeviceFiles();
        }
        if (filelist != null) {
            apply(keyPrefix + "exclude-filelist", () -> builder.excludeFilelist(filelist));
        }
        if (includeFilelist != null) {
            apply(keyPrefix + "include-filelist", () -> builder.includeFilelist(includeFilelist));
        }
        includes.forEach(glob -> apply(keyPrefix + "include", () -> builder.include(glob)));
        includeRegexps.forEach(regex -> apply(keyPrefix + "include-regexp", () -> builder.includeRegexp(regex)));
        excludes.forEach(glob -> apply(keyPrefix + "exclude", () -> builder.exclude(glob)));
        excludeRegexps.forEach(regex -> apply(keyPrefix + "exclude-regexp", () -> builder.excludeRegexp(regex)));
        if (excludeOlderThan != null) {
            long limit = olderThan(keyPrefix);
            builder.excludeOlderThan(limit);
        }
        if (otherFilesystems) {
            apply(keyPrefix + "exclude-other-filesystems", builder::excludeOtherFilesystems);
        }
        return apply(keyPrefix + lastKey(), builder::build);
    }

    private long olderThan(String keyPrefix) {
        try {
            return TimeSpec.parse(excludeOlderThan, System.currentTimeMillis() / 1000, ZoneId.systemDefault());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(keyPrefix + "exclude-older-than: " + e.getMessage());
        }
    }

    /** The key of the last rule that can include, which the check that the rules end in an exclude names. */
    private String lastKey() {
        if (!includeRegexps.isEmpty()) {
            return "include-regexp";
        }
        if (!includes.isEmpty()) {
            return "include";
        }
        return includeFilelist != null ? "include-filelist" : "exclude-filelist";
    }

    /**
     * Checks the rules written in the properties (globs, regular expressions, the marker name, the time) at start, so a
     * mistake there stops the daemon before its first night; the filelists, read by each backup, are checked then.
     *
     * @throws ConfigException as {@link #build} does
     */
    void checkWrittenRules(Path source, String keyPrefix) {
        boolean endsInExclude = !excludes.isEmpty() || !excludeRegexps.isEmpty() || excludeOlderThan != null;
        // exclude-other-filesystems, left out here (it reads the source's file system), ends the rules in an exclude
        List<String> checked = otherFilesystems && !endsInExclude ? List.of("**") : excludes;
        new SourceSelection(null, null, includes, includeRegexps, checked, excludeRegexps, excludeOlderThan,
                excludeIfPresent, false, false).build(source, keyPrefix);
    }

    private static <T> T apply(String key, Supplier<T> step) {
        try {
            return step.get();
        } catch (SelectionException e) {
            throw new ConfigException(key + ": " + e.getMessage());
        }
    }
}
