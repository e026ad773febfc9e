package camelback.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import camelback.archive.ComparisonResult;
import camelback.archive.PathIndex;
import camelback.archive.RestoreOptions;
import camelback.archive.Restorer;
import camelback.archive.Selection;
import camelback.archive.TreeSnapshot;
import camelback.job.ChainVerifier;
import camelback.job.Secrets;
import camelback.job.TargetAccess;
import camelback.testing.GpgHome;
import camelback.testing.Processes;
import camelback.testing.StepClock;
import camelback.testing.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random chains made by both tools in turn: a full by stock duplicity or camelback, then incrementals each made by
 * either one continuing the other's chain (public-key encrypted, 1 MB volumes on both sides), of a random tree changed
 * at random between the steps ({@link ChainTree}). Every time point is then restored by both tools, whole and a few
 * single paths, and compared with the tree as it was; camelback verifies the chain and compares its newest state with
 * the tree. Seeded: {@code -Dcamelback.chain.rounds=50} hunts longer, {@code -Dcamelback.chain.seed=N
 * -Dcamelback.chain.rounds=1} repeats the round a failure names, and {@code -Dcamelback.chain.keep=DIR} keeps it there.
 */
class ChainDifferentialTest {
    private static final int ROUNDS = Integer.getInteger("camelback.chain.rounds", 1);
    private static final long SEED = Long.getLong("camelback.chain.seed", 20_261_127L);
    /** A folder to make the rounds in instead of a temp one, which keeps a failed round's tree, target and restores. */
    private static final String KEEP = System.getProperty("camelback.chain.keep");
    /** The duplicity played against: Debian's 0.8.22, or another release given as a command and its path option. */
    private static final Duplicity DUPLICITY = new Duplicity(System.getProperty("camelback.chain.duplicity", "duplicity"),
            System.getProperty("camelback.chain.path-option", "--file-to-restore"));
    /** duplicity 2.x from bookworm-backports, where .ci/duplicity2-setup unpacks it beside Debian's 0.8.22. */
    private static final Path DUPLICITY_2 = Path.of(System.getProperty("camelback.chain.duplicity2", "/opt/duplicity2/duplicity"));
    private static final int MAX_SHOWN = 12;

    @TempDir
    Path temp;

    /** A duplicity as a command, and the name its release gives --file-to-restore (duplicity 2.0 renamed it). */
    private record Duplicity(String command, String pathOption) {
    }

    @Test
    void randomChainsOfBothToolsRestoreToTheTreeAsItWasInBoth() throws Exception {
        play(DUPLICITY, SEED, ROUNDS);
    }

    @Test
    void aRandomChainOfCamelbackAndDuplicity2RestoresInBoth() throws Exception {
        assumeTrue(Files.isExecutable(DUPLICITY_2), "duplicity 2.x is not unpacked at " + DUPLICITY_2 + " (.ci/duplicity2-setup)");
        play(new Duplicity(DUPLICITY_2.toString(), "--path-to-restore"), SEED + 1_000_000, 1);
    }

    private void play(Duplicity duplicity, long firstSeed, int rounds) throws Exception {
        boolean asRoot = "0".equals(Processes.ok(null, "id", "-u").trim());
        List<String> failures = new ArrayList<>();
        Map<String, Integer> kinds = new java.util.TreeMap<>();
        try (GpgHome gpg = GpgHome.withVectorKey(temp)) {
            for (int round = 0; round < rounds; round++) {
                long seed = firstSeed + round;
                Path dir = (KEEP == null ? temp : Path.of(KEEP)).resolve("round-" + seed);
                Round run = new Round(seed, dir, gpg, asRoot, duplicity);
                try {
                    run.play();
                } catch (Exception | AssertionError e) {
                    run.problems.add("threw " + e);
                    e.printStackTrace();
                }
                if (run.problems.isEmpty()) {
                    deleteTree(dir);
                } else {
                    run.problems.add("changes before each step:" + run.changesSoFar());
                    failures.add("seed " + seed + " (-Dcamelback.chain.seed=" + seed + " -Dcamelback.chain.rounds=1), "
                            + run.describe() + ":\n  " + String.join("\n  ", run.problems));
                }
                run.changes.stream().skip(1).flatMap(String::lines)
                        .forEach(c -> kinds.merge(kind(c), 1, Integer::sum));
                if (!run.states.isEmpty()) {
                    run.states.get(run.states.size() - 1).forEach((path, what) -> shapes(path, what)
                            .forEach(shape -> kinds.merge(shape, 1, Integer::sum)));
                }
                System.out.printf("chain round %d seed %d: %s, %s%n", round, seed, run.describe(),
                        run.problems.isEmpty() ? "same" : String.join("\n  ", run.problems));
            }
        }
        System.out.printf("%d chain rounds from seed %d against %s, changes made and paths at the end: %s%n", rounds,
                firstSeed, duplicity.command(), kinds);
        failures.forEach(System.out::println);
        assertThat(failures).as("%d rounds from seed %d against %s", rounds, firstSeed, duplicity.command()).isEmpty();
    }

    /** One chain: its steps, the tree's state after each, and what went wrong. */
    private static final class Round {
        private final long seed;
        private final Path dir;
        private final GpgHome gpg;
        private final boolean asRoot;
        private final Duplicity duplicity;
        private final Random random;
        private final List<String> tools = new ArrayList<>();
        private final List<Long> times = new ArrayList<>();
        final List<Map<String, String>> states = new ArrayList<>();
        final List<String> changes = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        private Path src;
        private Path target;

        Round(long seed, Path dir, GpgHome gpg, boolean asRoot, Duplicity duplicity) {
            this.seed = seed;
            this.dir = dir;
            this.gpg = gpg;
            this.asRoot = asRoot;
            this.duplicity = duplicity;
            this.random = new Random(seed);
        }

        String describe() {
            long changed = changes.stream().skip(1).mapToLong(c -> c.lines().count()).sum();
            return "steps " + tools + ", " + (states.isEmpty() ? 0 : states.get(states.size() - 1).size())
                    + " paths at the end, " + changed + " changes";
        }

        void play() throws Exception {
            src = dir.resolve("src");
            target = dir.resolve("target");
            ChainTree tree = ChainTree.grow(random, src, asRoot);
            int steps = 4 + random.nextInt(3);
            long start = Instant.now().getEpochSecond() - 30 * 86_400L;
            StepClock clock = new StepClock(Instant.ofEpochSecond(start));
            Secrets secrets = Secrets.of(Map.of("PASSPHRASE", Vectors.PASSPHRASE), null);
            try (TestApp app = new TestApp(config(), Map.of("PASSPHRASE", Vectors.PASSPHRASE), clock)) {
                for (int step = 0; step < steps; step++) {
                    if (step > 0) {
                        tree.mutate();
                    }
                    long time = start + step * 3600L + random.nextInt(600);
                    boolean ours = random.nextBoolean();
                    tools.add(ours ? "camelback" : "duplicity");
                    changes.add(tree.changes());
                    if (ours) {
                        clock.advanceSeconds(time - clock.epochSecond());
                        var result = app.app.backup("c", step == 0);
                        assertThat(CamelbackApp.outcome(result)).as("step %d by camelback: %s", step,
                                CamelbackApp.failure(result)).isEqualTo(Outcome.OK);
                    } else {
                        duplicity(step == 0 ? "full" : "incremental", "--volsize", "1", "--current-time",
                                Long.toString(time), "--encrypt-key", GpgHome.VECTOR_FINGERPRINT, "--gpg-options",
                                "--trust-model always", "--allow-source-mismatch", "--archive-dir",
                                dir.resolve("dup-cache").toString(), src.toString(), "file://" + target);
                    }
                    times.add(time);
                    states.add(TreeSnapshot.archived(src));
                }
                checkOneChain(steps);
                try (TargetAccess access = TargetAccess.open(app.jobs, "c", null, null, secrets)) {
                    for (int i = 0; i < times.size(); i++) {
                        restoreBothAt(i, access);
                    }
                    for (int k = 0; k < 3; k++) {
                        restoreOnePathWithBoth(random.nextInt(times.size()), k, access);
                    }
                    ChainVerifier.Result verified = new ChainVerifier(access.source()).verify(Long.MAX_VALUE);
                    if (!verified.sound()) {
                        problems.add("camelback verify: " + verified.problems());
                    }
                    Path scratch = Files.createDirectories(dir.resolve("compare-scratch"));
                    ComparisonResult compared = new Restorer(access.cached()).compare(src, Selection.everything(),
                            Long.MAX_VALUE, scratch);
                    if (compared.differenceCount() > 0 || !compared.errors().isEmpty()) {
                        problems.add("camelback verify --compare-data with the tree as it is: " + compared.differences()
                                + " " + compared.errors());
                    }
                }
            }
        }

        private Path config() throws IOException {
            Files.createDirectories(dir);
            Path file = dir.resolve("chain.properties");
            Files.writeString(file, """
                    camelback.job.c.source=%s
                    camelback.job.c.target=file://%s
                    camelback.job.c.public-key=%s
                    camelback.job.c.secret-key=%s
                    camelback.job.c.volsize=1
                    camelback.job.c.full-if-older-than=1Y
                    camelback.job.c.archive-dir=%s
                    """.formatted(src, target, Vectors.publicKey(), Vectors.secretKey(), dir.resolve("cache")));
            return file;
        }

        private String duplicity(String... args) throws IOException, InterruptedException {
            Map<String, String> env = new HashMap<>(gpg.env());
            env.put("PASSPHRASE", Vectors.PASSPHRASE);
            env.put("HOME", dir.toString());
            List<String> command = new ArrayList<>(List.of(duplicity.command()));
            command.addAll(List.of(args));
            return Processes.ok(null, env, command);
        }

        /** Every step after the first continued the chain: one full, the rest incrementals. */
        private void checkOneChain(int steps) throws IOException {
            try (Stream<Path> files = Files.list(target)) {
                List<String> manifests = files.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".manifest.gpg") || n.endsWith(".manifest")).sorted().toList();
                long fulls = manifests.stream().filter(n -> n.startsWith("duplicity-full.")).count();
                if (fulls != 1 || manifests.size() != steps) {
                    problems.add("not one chain of " + steps + " sets: " + manifests);
                }
            }
        }

        private void restoreBothAt(int i, TargetAccess access) throws Exception {
            Path theirs = dir.resolve("duplicity-" + i);
            duplicity("restore", "-t", Long.toString(times.get(i)), "--archive-dir", dir.resolve("dup-cache").toString(),
                    "file://" + target, theirs.toString());
            Path ours = dir.resolve("camelback-" + i);
            new Restorer(access.cached()).restore(new RestoreOptions(ours, times.get(i), null, false, false));
            compare("time point " + i + " restored by duplicity", states.get(i), TreeSnapshot.archived(theirs));
            compare("time point " + i + " restored by camelback", states.get(i), TreeSnapshot.archived(ours));
        }

        /**
         * One path of a time point, restored alone by both and compared with duplicity's whole restore of that time
         * (itself compared with the tree): a path duplicity's command line can carry, so UTF-8.
         */
        private void restoreOnePathWithBoth(int i, int k, TargetAccess access) throws Exception {
            List<String> candidates = states.get(i).keySet().stream()
                    .filter(p -> !p.equals(".") && Files.exists(dir.resolve("duplicity-" + i).resolve(p),
                            java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList();
            if (candidates.isEmpty()) {
                return;
            }
            String path = candidates.get(random.nextInt(candidates.size()));
            Map<String, String> expected = TreeSnapshot.archived(dir.resolve("duplicity-" + i).resolve(path));
            Path theirs = dir.resolve("duplicity-one-" + k);
            duplicity("restore", "-t", Long.toString(times.get(i)), duplicity.pathOption(), path, "--archive-dir",
                    dir.resolve("dup-cache").toString(), "file://" + target, theirs.toString());
            Path ours = dir.resolve("camelback-one-" + k);
            new Restorer(access.cached()).restore(new RestoreOptions(ours, times.get(i), PathIndex.of(path), false, false));
            String what = "--file-to-restore " + camelback.archive.Escapes.java(path) + " at time point " + i;
            compare(what + " by duplicity", expected, TreeSnapshot.archived(theirs));
            compare(what + " by camelback", expected, TreeSnapshot.archived(ours));
        }

        private void compare(String what, Map<String, String> expected, Map<String, String> actual) {
            if (expected.equals(actual)) {
                return;
            }
            TreeSet<String> keys = new TreeSet<>(expected.keySet());
            keys.addAll(actual.keySet());
            List<String> lines = new ArrayList<>();
            for (String key : keys) {
                String want = expected.get(key);
                String got = actual.get(key);
                if (want == null || !want.equals(got)) {
                    lines.add(camelback.archive.Escapes.java(key) + ": expected " + want + ", got " + got);
                }
            }
            int shown = Math.min(lines.size(), MAX_SHOWN);
            problems.add(what + " differs in " + lines.size() + " path(s):\n    "
                    + String.join("\n    ", lines.subList(0, shown)));
        }

        String changesSoFar() {
            StringBuilder out = new StringBuilder();
            for (int step = 0; step < changes.size(); step++) {
                out.append("\n    step ").append(step).append(" by ").append(tools.get(step)).append(" after: ")
                        .append(changes.get(step).replace("\n", "; "));
            }
            return out.toString();
        }
    }

    /** What is worth counting about a path at the end of a chain, for how much of the format a campaign reached. */
    private static List<String> shapes(String path, String what) {
        String[] f = what.split(" ");
        List<String> out = new ArrayList<>(List.of("path: " + f[0]));
        if (f[0].equals("link")) {
            return out;
        }
        long mtime = Long.parseLong(f[2]);
        if (mtime == 0) {
            out.add("path: mtime at or before 1970");
        } else if (mtime >= 8_589_934_592L) {
            out.add("path: mtime in a pax record");
        }
        if (f[1].length() > 3 && !f[1].startsWith("10") && !f[1].startsWith("20") && !f[1].startsWith("60")) {
            out.add("path: set-id or sticky bit");
        }
        if (path.contains("%")) {
            out.add("path: not UTF-8");
        }
        if (path.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
            out.add("path: over 255 bytes");
        }
        return out;
    }

    /** A change's kind: its line without the names (quoted, with escapes) and a truncation's length. */
    private static String kind(String change) {
        return change.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "").replaceAll(" to \\d+$", "").replaceAll(" +", " ").trim();
    }

    private static void deleteTree(Path dir) throws IOException, InterruptedException {
        Processes.ok(null, "rm", "-rf", dir.toString());
    }
}
