package camelback.cli;

import camelback.archive.Selection;
import camelback.archive.SelectionException;
import camelback.job.ConfigException;
import camelback.job.TimeSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * duplicity's ten selection options, on the commands where duplicity 0.8.22 takes them. {@code verify --compare-data}
 * applies them to the source tree in the order given, as duplicity's verify does. {@code restore} leaves nothing
 * out, as duplicity does: it warns that they work only when backing up and restores the whole tree (or the
 * {@code --file-to-restore} path), so a duply restore command line gives the same tree; what it can check without a
 * source (a regular expression, a time, that a filelist exists) is checked, so a mistake is not carried to the next
 * backup.
 */
final class SelectionOptions {
    private static final String EFFECT = " (verify --compare-data: as duplicity's; restore: no effect, as in duplicity)";

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--exclude", paramLabel = "GLOB", description = "leave out paths matching GLOB" + EFFECT)
    List<String> excludes = new ArrayList<>();

    @Option(names = "--include", paramLabel = "GLOB", description = "keep paths matching GLOB" + EFFECT)
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude-regexp", paramLabel = "REGEX", description = "leave out paths a Python REGEX matches" + EFFECT)
    List<String> excludeRegexps = new ArrayList<>();

    @Option(names = "--include-regexp", paramLabel = "REGEX", description = "keep paths a Python REGEX matches" + EFFECT)
    List<String> includeRegexps = new ArrayList<>();

    @Option(names = "--exclude-filelist", paramLabel = "FILE", description = "globs to leave out, one a line" + EFFECT)
    List<Path> excludeFilelists = new ArrayList<>();

    @Option(names = "--include-filelist", paramLabel = "FILE", description = "globs to keep, one a line" + EFFECT)
    List<Path> includeFilelists = new ArrayList<>();

    @Option(names = "--exclude-if-present", paramLabel = "NAME", description = "leave out directories holding NAME" + EFFECT)
    List<String> excludeIfPresent = new ArrayList<>();

    @Option(names = "--exclude-older-than", paramLabel = "T", description = "leave out files modified before T" + EFFECT)
    List<String> excludeOlderThan = new ArrayList<>();

    @Option(names = "--exclude-other-filesystems", description = "leave out other file systems' mount points" + EFFECT)
    boolean excludeOtherFilesystems;

    @Option(names = "--exclude-device-files", description = "leave out device files" + EFFECT)
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
        excludeOlderThan.forEach(SelectionOptions::time);
        checkReadable("--exclude-filelist", excludeFilelists);
        checkReadable("--include-filelist", includeFilelists);
    }

    /**
     * The options as rules on the tree at {@code root}, in the order they were given (duplicity's order matters: the
     * first rule that matches a path decides).
     *
     * @throws ConfigException naming the option that cannot be used
     */
    Selection selection(Path root) {
        Selection.Builder rules = Selection.under(root);
        Map<String, Integer> taken = new HashMap<>();
        for (ArgSpec arg : command.commandLine().getParseResult().matchedArgs()) {
            if (!(arg instanceof OptionSpec option)) {
                continue;
            }
            String name = option.longestName();
            int at = taken.merge(name, 1, Integer::sum) - 1;
            switch (name) {
                case "--exclude" -> check(name, () -> rules.exclude(excludes.get(at)));
                case "--include" -> check(name, () -> rules.include(includes.get(at)));
                case "--exclude-regexp" -> check(name, () -> rules.excludeRegexp(excludeRegexps.get(at)));
                case "--include-regexp" -> check(name, () -> rules.includeRegexp(includeRegexps.get(at)));
                case "--exclude-filelist" -> check(name, () -> rules.excludeFilelist(excludeFilelists.get(at)));
                case "--include-filelist" -> check(name, () -> rules.includeFilelist(includeFilelists.get(at)));
                case "--exclude-if-present" -> check(name, () -> rules.excludeIfPresent(excludeIfPresent.get(at)));
                case "--exclude-older-than" -> rules.excludeOlderThan(time(excludeOlderThan.get(at)));
                case "--exclude-other-filesystems" -> check(name, rules::excludeOtherFilesystems);
                case "--exclude-device-files" -> rules.excludeDeviceFiles();
                default -> {
                    // another option of the command
                }
            }
        }
        try {
            return rules.build();
        } catch (SelectionException e) {
            throw new ConfigException("selection options: " + e.getMessage());
        }
    }

    private static long time(String spec) {
        try {
            return TimeSpec.parse(spec, System.currentTimeMillis() / 1000, ZoneId.systemDefault());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--exclude-older-than: " + e.getMessage());
        }
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
