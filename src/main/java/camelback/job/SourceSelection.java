package camelback.job;

import camelback.archive.Selection;
import camelback.archive.SelectionException;

import java.nio.file.Path;
import java.util.List;

/**
 * A job's file selection as configured: duplicity's {@code --exclude-filelist} (duply's {@code exclude} file),
 * exclude globs, {@code --exclude-if-present}, {@code --exclude-other-filesystems} and
 * {@code --exclude-device-files}. The filelist is read when a backup starts, so a restore needs neither it nor the
 * source, and an edited filelist applies from the next run.
 *
 * @param excludes exclude globs, tried after the filelist's lines
 */
public record SourceSelection(Path filelist, List<String> excludes, String excludeIfPresent,
                              boolean otherFilesystems, boolean deviceFiles) {
    public static final SourceSelection EVERYTHING = new SourceSelection(null, List.of(), null, false, false);

    public SourceSelection {
        excludes = List.copyOf(excludes);
    }

    /**
     * The selection of {@code source}'s paths.
     *
     * @param keyPrefix the job's key prefix, for the error message
     * @throws ConfigException for a glob that cannot match anything in the source, an unreadable filelist, or a
     *                         filelist that ends in an include
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
        excludes.forEach(glob -> apply(keyPrefix + "exclude", () -> builder.exclude(glob)));
        if (otherFilesystems) {
            apply(keyPrefix + "exclude-other-filesystems", builder::excludeOtherFilesystems);
        }
        return apply(keyPrefix + "exclude-filelist", builder::build);
    }

    /**
     * Checks the rules written in the properties (the globs and the marker name) at start, so a mistake there stops the
     * daemon before its first night; the filelist, read by each backup, is checked then.
     *
     * @throws ConfigException as {@link #build} does
     */
    void checkWrittenRules(Path source, String keyPrefix) {
        new SourceSelection(null, excludes, excludeIfPresent, false, false).build(source, keyPrefix);
    }

    private static <T> T apply(String key, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (SelectionException e) {
            throw new ConfigException(key + ": " + e.getMessage());
        }
    }
}
