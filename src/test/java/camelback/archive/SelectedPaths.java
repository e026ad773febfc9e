package camelback.archive;

import camelback.testing.Processes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The paths a selection takes from a tree, as stock duplicity's backup and camelback's backup of it hold them. Both
 * targets are listed by duplicity's {@code list-current-files}, so the two answers differ only where the selections
 * do.
 */
final class SelectedPaths {
    private static final long T0 = 1_600_000_000L;
    /** "Thu Nov 26 10:15:50 2026 path" after duplicity's chain report. */
    private static final Pattern LISTED = Pattern.compile("\\w{3} \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4} .*",
            Pattern.DOTALL);

    private final Path work;
    private final Map<String, String> environment;

    /** @param work where HOME, caches and the scratch of both tools go */
    SelectedPaths(Path work) {
        this.work = work;
        this.environment = Map.of("HOME", work.toString(), "LANG", "C.UTF-8", "LC_ALL", "C.UTF-8");
    }

    /** {@code duplicity full --no-encryption} of {@code source} with the selection options; fails the test when it fails. */
    List<String> byDuplicity(Path source, List<String> options, Path target) throws Exception {
        Processes.Result result = duplicityFull(source, options, target);
        if (result.exitCode() != 0) {
            throw new AssertionError("duplicity full " + options + " exited " + result.exitCode() + ":\n"
                    + result.output());
        }
        return listed(target);
    }

    /** The full backup alone, for a caller that expects duplicity to refuse the selection. */
    Processes.Result duplicityFull(Path source, List<String> options, Path target) throws Exception {
        List<String> command = new ArrayList<>(List.of("duplicity", "full", "--no-encryption", "--archive-dir",
                work.resolve("cache-duplicity").toString()));
        command.addAll(options);
        command.addAll(List.of(source.toString(), "file://" + target));
        return Processes.run(null, environment, command);
    }

    /** A camelback full backup of {@code source} with the selection, as duplicity lists it. */
    List<String> byCamelback(Path source, Selection selection, Path target) throws Exception {
        BackupOptions ours = new BackupOptions(source, source.toString(), "host", 1 << 20,
                work.resolve("work-camelback"), selection);
        new ChainRun(target, work.resolve("plain-" + target.getFileName())).full(ours, T0);
        return listed(target);
    }

    /**
     * duplicity's selection options as camelback's selection of {@code source}, rule for rule in their order.
     *
     * @throws SelectionException where camelback refuses them
     */
    static Selection camelbackSelection(Path source, List<String> options) {
        Selection.Builder builder = Selection.under(source);
        for (int i = 0; i < options.size(); i++) {
            switch (options.get(i)) {
                case "--exclude-filelist" -> builder.excludeFilelist(Path.of(options.get(++i)));
                case "--exclude" -> builder.exclude(options.get(++i));
                case "--include" -> builder.include(options.get(++i));
                case "--include-filelist" -> builder.includeFilelist(Path.of(options.get(++i)));
                case "--exclude-regexp" -> builder.excludeRegexp(options.get(++i));
                case "--include-regexp" -> builder.includeRegexp(options.get(++i));
                case "--exclude-older-than" -> builder.excludeOlderThan(Long.parseLong(options.get(++i)));
                case "--exclude-if-present" -> builder.excludeIfPresent(options.get(++i));
                case "--exclude-device-files" -> builder.excludeDeviceFiles();
                case "--exclude-other-filesystems" -> builder.excludeOtherFilesystems();
                default -> throw new IllegalArgumentException("not a selection option: " + options.get(i));
            }
        }
        return builder.build();
    }

    /** What {@code list-current-files} names in a target, in its order; a name may hold a line break. */
    List<String> listed(Path target) throws IOException, InterruptedException {
        String out = Processes.ok(null, environment, List.of("duplicity", "list-current-files", "--no-encryption",
                "--archive-dir", work.resolve("cache-list").toString(), "file://" + target));
        List<String> paths = new ArrayList<>();
        for (String line : out.split("\n", -1)) {
            if (LISTED.matcher(line).matches()) {
                paths.add(line.substring(25));
            } else if (!paths.isEmpty()) {
                // The rest of a name that holds a line break: duplicity prints names as they are.
                paths.set(paths.size() - 1, paths.get(paths.size() - 1) + "\n" + line);
            }
        }
        // The output's own final line break was taken for part of the last name.
        if (!paths.isEmpty() && out.endsWith("\n")) {
            String last = paths.get(paths.size() - 1);
            paths.set(paths.size() - 1, last.substring(0, last.length() - 1));
        }
        return paths;
    }
}
