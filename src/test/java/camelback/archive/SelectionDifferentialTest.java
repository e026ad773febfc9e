package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import camelback.testing.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random trees, random filelists, include globs and regular expressions select the same paths here as in stock
 * duplicity, or are refused by both. Seeded
 * and with a fixed number of rounds, so a run is repeatable; {@code -Dcamelback.selection.rounds=500} hunts longer and
 * {@code -Dcamelback.selection.seed=N -Dcamelback.selection.rounds=1} repeats the round a failure names.
 */
class SelectionDifferentialTest {
    private static final int ROUNDS = Integer.getInteger("camelback.selection.rounds", 12);
    private static final long SEED = Long.getLong("camelback.selection.seed", 20_240_611L);

    @TempDir
    Path temp;

    @Test
    void randomTreesAndFilelistsSelectWhatDuplicitySelects() throws Exception {
        boolean root = isRoot(temp);
        List<String> differences = new ArrayList<>();
        int compared = 0;
        Map<String, Integer> refusals = new TreeMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            Round result = round(SEED + round, temp.resolve("round-" + round), root);
            compared += result.compared ? 1 : 0;
            if (result.refusal != null) {
                refusals.merge(result.refusal, 1, Integer::sum);
            }
            if (result.difference != null) {
                differences.add(result.difference);
            }
        }

        System.out.printf("%d rounds from seed %d: %d compared, refused by both %s, %d differ%n", ROUNDS, SEED,
                compared, refusals, differences.size());
        assertThat(differences).as("rounds where camelback and duplicity disagree").isEmpty();
        assertThat(compared).as("rounds whose selections both tools accepted and compared").isPositive();
    }

    private record Round(boolean compared, String refusal, String difference) {
        static Round compared(String difference) {
            return new Round(true, null, difference);
        }

        static Round notCompared(String difference) {
            return new Round(false, null, difference);
        }
    }

    /** Why camelback refused, in a few words, for the count of refusals a long run prints. */
    private static String reason(String message) {
        if (message.contains("only includes")) {
            return "last rule includes";
        }
        if (message.contains("cannot match anything")) {
            return "outside the source";
        }
        if (message.contains("is not valid in Python")) {
            return "invalid regex";
        }
        return message.contains("not a valid glob") ? "invalid glob" : message;
    }

    private static Round round(long seed, Path dir, boolean root) throws Exception {
        Random random = new Random(seed);
        Path src = dir.resolve(random.nextInt(4) > 0 ? "src" : List.of("Src", "my src", "src[1]", "src.d").get(random.nextInt(4)));
        RandomTree tree = RandomTree.grow(random, src, root && random.nextInt(4) == 0);
        RandomFilelist lists = new RandomFilelist(random, src.toString(), tree.entries());
        List<String> lines = random.nextInt(25) == 0 ? List.of("# nothing but a comment") : lists.lines();
        // Python reads the filelist with universal newlines, Java's readLine() too: any of the three ends a line.
        String newline = List.of("\n", "\n", "\r\n", "\r").get(random.nextInt(4));
        String text = String.join(newline, lines) + (random.nextInt(4) > 0 ? newline : "");
        Path filelist = Files.writeString(dir.resolve("filelist"), text, StandardCharsets.UTF_8);
        String present = random.nextInt(4) == 0
                ? List.of(RandomTree.MARKER, RandomTree.MARKER, "a", "cache", "x.txt").get(random.nextInt(5)) : null;
        boolean deviceFiles = random.nextInt(4) == 0;
        List<String> excludes = new ArrayList<>();
        while (random.nextInt(6) == 0) {
            excludes.add(lists.glob());
        }

        List<List<String>> groups = new ArrayList<>();
        if (present != null) {
            groups.add(List.of("--exclude-if-present", present));
        }
        if (deviceFiles) {
            groups.add(List.of("--exclude-device-files"));
        }
        groups.add(List.of("--exclude-filelist", filelist.toString()));
        excludes.forEach(glob -> groups.add(List.of("--exclude", glob)));
        // Regular expressions and include globs, anywhere among the rest: duplicity tries them in command-line order.
        RandomRegex regexes = new RandomRegex(random, src.toString(), tree.entries());
        while (random.nextInt(3) > 0) {
            List<String> option = switch (random.nextInt(4)) {
                case 0 -> List.of("--include-regexp", regexes.regex());
                case 1 -> List.of("--include", lists.glob());
                default -> List.of("--exclude-regexp", regexes.regex());
            };
            // An include goes last only now and then: duplicity refuses rules that end in one, and so does camelback.
            boolean last = option.get(0).startsWith("--exclude") || random.nextInt(8) == 0;
            groups.add(random.nextInt(groups.size() + (last ? 1 : 0)), option);
        }
        List<String> options = groups.stream().flatMap(List::stream).toList();

        String ours;
        Selection selection = null;
        try {
            selection = SelectedPaths.camelbackSelection(src, options);
            ours = null;
        } catch (SelectionException e) {
            ours = "refused: " + e.getMessage();
        } catch (RuntimeException e) {
            ours = "failed: " + e;
        }

        SelectedPaths both = new SelectedPaths(dir);
        Processes.Result duplicity = both.duplicityFull(src, options, dir.resolve("theirs"));
        String report = "seed " + seed + ", options " + options.stream().map(Escapes::java).toList()
                + "\nfilelist:\n" + lines.stream().map(line -> "  " + Escapes.java(line) + "\n").collect(Collectors.joining())
                + "tree:\n" + tree.describe();
        if (duplicity.exitCode() != 0) {
            if (ours != null && ours.startsWith("refused: ")) {
                return new Round(false, reason(ours), null);
            }
            return Round.notCompared(report + "duplicity refused: " + tail(duplicity.output()) + "\ncamelback: "
                    + (ours == null ? "took it" : ours));
        }
        if (ours != null) {
            return Round.notCompared(report + "duplicity took it, camelback " + ours);
        }
        List<String> theirs = both.listed(dir.resolve("theirs"));
        List<String> taken = both.byCamelback(src, selection, dir.resolve("ours"));
        if (taken.equals(theirs)) {
            return Round.compared(null);
        }
        return Round.compared(report + "only duplicity took: " + missing(theirs, taken)
                + "\nonly camelback took: " + missing(taken, theirs));
    }

    private static List<String> missing(List<String> from, List<String> in) {
        return from.stream().filter(path -> !in.contains(path)).map(Escapes::java).toList();
    }

    private static String tail(String output) {
        String[] lines = output.strip().split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 6), lines.length));
    }

    /** Device files can be made only by root. */
    static boolean isRoot(Path any) throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(any, "unix:uid"));
    }
}
