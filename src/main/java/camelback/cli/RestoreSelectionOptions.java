package camelback.cli;

import camelback.archive.Selection;
import camelback.archive.SelectionException;
import camelback.job.ConfigException;
import camelback.job.TimeSpec;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * duplicity's selection options on {@code restore}, where duplicity 0.8.22 takes them and leaves nothing out: it warns
 * that they work only when backing up and restores the whole tree (or the {@code --file-to-restore} path). camelback
 * does the same, so a duply restore command line gives the same tree; what it can check without a source (a regular
 * expression, a time, that a filelist exists) is checked, so a mistake is not carried to the next backup.
 */
final class RestoreSelectionOptions {
    @Option(names = "--exclude", paramLabel = "GLOB", description = "accepted as duplicity accepts it on restore: nothing is left out")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--include", paramLabel = "GLOB", description = "as duplicity: no effect on restore")
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude-regexp", paramLabel = "REGEX", description = "as duplicity: no effect on restore")
    List<String> excludeRegexps = new ArrayList<>();

    @Option(names = "--include-regexp", paramLabel = "REGEX", description = "as duplicity: no effect on restore")
    List<String> includeRegexps = new ArrayList<>();

    @Option(names = "--exclude-filelist", paramLabel = "FILE", description = "as duplicity: no effect on restore")
    List<Path> excludeFilelists = new ArrayList<>();

    @Option(names = "--include-filelist", paramLabel = "FILE", description = "as duplicity: no effect on restore")
    List<Path> includeFilelists = new ArrayList<>();

    @Option(names = "--exclude-if-present", paramLabel = "NAME", description = "as duplicity: no effect on restore")
    List<String> excludeIfPresent = new ArrayList<>();

    @Option(names = "--exclude-older-than", paramLabel = "T", description = "as duplicity: no effect on restore")
    List<String> excludeOlderThan = new ArrayList<>();

    @Option(names = "--exclude-other-filesystems", description = "as duplicity: no effect on restore")
    boolean excludeOtherFilesystems;

    @Option(names = "--exclude-device-files", description = "as duplicity: no effect on restore")
    boolean excludeDeviceFiles;

    boolean given() {
        return !excludes.isEmpty() || !includes.isEmpty() || !excludeRegexps.isEmpty() || !includeRegexps.isEmpty()
                || !excludeFilelists.isEmpty() || !includeFilelists.isEmpty() || !excludeIfPresent.isEmpty()
                || !excludeOlderThan.isEmpty() || excludeOtherFilesystems || excludeDeviceFiles;
    }

    /**
     * @param root the restore's destination, which the rules would be rooted at
     * @throws ConfigException naming the option whose regular expression, time or filelist cannot be used
     */
    void check(Path root) {
        Selection.Builder rules = Selection.under(root);
        for (String regex : excludeRegexps) {
            check("--exclude-regexp", () -> rules.excludeRegexp(regex));
        }
        for (String regex : includeRegexps) {
            check("--include-regexp", () -> rules.includeRegexp(regex));
        }
        for (String time : excludeOlderThan) {
            try {
                TimeSpec.parse(time, System.currentTimeMillis() / 1000, ZoneId.systemDefault());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--exclude-older-than: " + e.getMessage());
            }
        }
        checkReadable("--exclude-filelist", excludeFilelists);
        checkReadable("--include-filelist", includeFilelists);
    }

    private static void check(String option, Runnable step) {
        try {
            step.run();
        } catch (SelectionException e) {
            throw new ConfigException(option + ": " + e.getMessage());
        }
    }

    private static void checkReadable(String option, List<Path> filelists) {
        for (Path filelist : filelists) {
            if (!Files.isReadable(filelist)) {
                throw new ConfigException(option + ": cannot read the filelist " + filelist);
            }
        }
    }
}
