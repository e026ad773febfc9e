package camelback.camel;

import camelback.archive.RestoreOptions;
import camelback.archive.Restorer;
import camelback.job.Secrets;
import camelback.job.TargetAccess;
import camelback.testing.GpgHome;
import camelback.testing.Processes;
import camelback.testing.StepClock;
import camelback.testing.TreeAssertions;
import camelback.testing.Vectors;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interop, live, through the real routes: stock duplicity restores every time point of a chain of
 * ours (full + 3 incrementals, each encryption mode), duplicity appends to our chain and we
 * restore it, and we append to a chain duplicity made.
 */
class ChainInteropTest {
    private static final long T = 1_700_000_000L;

    @TempDir
    Path tmp;

    private Path tree;
    private final List<Path> snapshots = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();

    private Path config(String encryption, Path target) throws IOException {
        return TestApp.config(tmp, """
                camelback.job.c.source=%s
                camelback.job.c.target=file://%s
                camelback.job.c.encryption=%s
                camelback.job.c.public-key=%s
                camelback.job.c.secret-key=%s
                camelback.job.c.volsize=1
                camelback.job.c.full-if-older-than=1Y
                camelback.job.c.archive-dir=%s
                """.formatted(tree, target, encryption, Vectors.publicKey(), Vectors.secretKey(), tmp.resolve("cache")));
    }

    private static Map<String, String> env() {
        return Map.of("PASSPHRASE", Vectors.PASSPHRASE);
    }

    /** Backs up through the routes and keeps a copy of the tree as it was. */
    private void backup(TestApp app, StepClock clock, boolean full) throws Exception {
        Exchange result = app.app.backup("c", full);
        assertThat(CamelbackApp.outcome(result)).as("failure: %s", CamelbackApp.failure(result)).isEqualTo(Outcome.OK);
        times.add(clock.epochSecond());
        Path copy = tmp.resolve("snap" + snapshots.size());
        Processes.ok(null, Map.of(), List.of("cp", "-a", tree.toString(), copy.toString()));
        snapshots.add(copy);
        clock.advanceSeconds(60);
    }

    private static void write(Path file, byte[] data, long mtime) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, data);
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(mtime)));
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Round k of changes: content in the middle, appends, deletions, renames, a growing file, modes, links. */
    private void mutate(int k) throws IOException {
        long m = T + 1000L * k;
        byte[] medium = Files.readAllBytes(tree.resolve("dir/medium.txt"));
        System.arraycopy(("CHANGED IN ROUND " + k).getBytes(), 0, medium, 30_000, 16);
        write(tree.resolve("dir/medium.txt"), medium, m);
        write(tree.resolve("hello.txt"), (new String(Files.readAllBytes(tree.resolve("hello.txt"))) + "round " + k + "\n").getBytes(), m);
        byte[] grow = Files.exists(tree.resolve("grow.bin")) ? Files.readAllBytes(tree.resolve("grow.bin")) : new byte[0];
        byte[] grown = new byte[grow.length + 700_000];
        System.arraycopy(grow, 0, grown, 0, grow.length);
        System.arraycopy(random(700_000, k), 0, grown, grow.length, 700_000);
        write(tree.resolve("grow.bin"), grown, m);
        write(tree.resolve("new-" + k + "/file.txt"), ("new in round " + k + "\n").getBytes(), m);
        Files.setLastModifiedTime(tree.resolve("new-" + k), FileTime.from(Instant.ofEpochSecond(m)));
        switch (k) {
            case 1 -> Files.delete(tree.resolve("big.bin"));
            case 2 -> {
                Files.move(tree.resolve("README.txt"), tree.resolve("README-renamed.txt"));
                Files.setPosixFilePermissions(tree.resolve("dir/run.sh"), PosixFilePermissions.fromString("rwx------"));
                Files.delete(tree.resolve("link"));
                Files.createSymbolicLink(tree.resolve("link"), Path.of("dir/medium.txt"));
            }
            default -> {
                try (Stream<Path> walk = Files.walk(tree.resolve("new-" + (k - 2)))) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
        for (Path dir : List.of(tree, tree.resolve("dir"))) {
            Files.setLastModifiedTime(dir, FileTime.from(Instant.ofEpochSecond(m)));
        }
    }

    private void stockDuplicityRestoresEveryTimePoint(String encryption, Path target, GpgHome gpg) throws Exception {
        Map<String, String> environment = new HashMap<>(gpg.env());
        environment.put("PASSPHRASE", Vectors.PASSPHRASE);
        for (int i = 0; i < times.size(); i++) {
            Path out = tmp.resolve("dup-restore-" + i);
            List<String> cmd = new ArrayList<>(List.of("duplicity", "restore", "--archive-dir", tmp.resolve("dupcache").toString(),
                    "-t", Long.toString(times.get(i))));
            if (encryption.equals("none")) {
                cmd.add("--no-encryption");
            }
            cmd.addAll(List.of("file://" + target, out.toString()));
            Processes.ok(null, environment, cmd);
            TreeAssertions.assertSameTree(snapshots.get(i), out);
        }
    }

    private void weRestoreEveryTimePoint(Path target) throws Exception {
        Secrets secrets = Secrets.of(env(), null);
        for (int i = 0; i < times.size(); i++) {
            try (TargetAccess access = TargetAccess.open(camelback.job.JobConfigs.load(new java.util.Properties(), tmp, secrets),
                    "file://" + target, Vectors.secretKey(), null, secrets)) {
                Path out = tmp.resolve("our-restore-" + i);
                new Restorer(access.source()).restore(new RestoreOptions(out, times.get(i), null, false, false));
                TreeAssertions.assertSameTree(snapshots.get(i), out);
            }
        }
    }

    private GpgHome gpg(String encryption) throws Exception {
        GpgHome gpg = new GpgHome(tmp);
        if (encryption.equals("public-key")) {
            gpg.importKey(Vectors.secretKey(), Vectors.PASSPHRASE);
        }
        return gpg;
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "passphrase", "public-key"})
    void stockDuplicityRestoresEveryPointOfOurChainAndContinuesIt(String encryption) throws Exception {
        tree = Vectors.extractSource(1, tmp.resolve("src"));
        Path target = tmp.resolve("target");
        StepClock clock = new StepClock(Instant.now().minusSeconds(3600));
        try (TestApp app = new TestApp(config(encryption, target), env(), clock)) {
            backup(app, clock, false);
            for (int k = 1; k <= 3; k++) {
                mutate(k);
                backup(app, clock, false);
            }
        }
        try (Stream<Path> files = Files.list(target)) {
            assertThat(files.filter(p -> p.getFileName().toString().contains(".manifest")).count()).isEqualTo(4);
        }
        GpgHome gpg = gpg(encryption);
        stockDuplicityRestoresEveryTimePoint(encryption, target, gpg);

        // duplicity appends an incremental to our chain; we restore the result
        mutate(4);
        Map<String, String> environment = new HashMap<>(gpg.env());
        environment.put("PASSPHRASE", Vectors.PASSPHRASE);
        List<String> cmd = new ArrayList<>(List.of("duplicity", "incremental", "--allow-source-mismatch", "--volsize", "1",
                "--archive-dir", tmp.resolve("dupcache").toString()));
        switch (encryption) {
            case "none" -> cmd.add("--no-encryption");
            case "public-key" -> cmd.addAll(List.of("--encrypt-key", "F2203B861F99E106A8CE760D19A7EB8A9475DFBE",
                    "--gpg-options", "--trust-model always"));
            default -> { }
        }
        cmd.addAll(List.of(tree.toString(), "file://" + target));
        String output = Processes.ok(null, environment, cmd);
        assertThat(output).contains("DeltaEntries").doesNotContain("switching to full backup");
        times.add(Instant.now().getEpochSecond());
        Path copy = tmp.resolve("snap-dup");
        Processes.ok(null, Map.of(), List.of("cp", "-a", tree.toString(), copy.toString()));
        snapshots.add(copy);
        weRestoreEveryTimePoint(target);
    }

    @Test
    void weAppendToAChainDuplicityMadeAndDuplicityRestoresIt() throws Exception {
        tree = Vectors.extractSource(1, tmp.resolve("src"));
        Path target = tmp.resolve("target");
        GpgHome gpg = gpg("passphrase");
        Map<String, String> environment = new HashMap<>(gpg.env());
        environment.put("PASSPHRASE", Vectors.PASSPHRASE);
        long now = Instant.now().getEpochSecond();
        for (int k = 0; k < 2; k++) {
            if (k > 0) {
                mutate(k);
            }
            Processes.ok(null, environment, List.of("duplicity", k == 0 ? "full" : "incremental", "--volsize", "1",
                    "--current-time", Long.toString(now - 7200 + k * 60),
                    "--archive-dir", tmp.resolve("dupcache").toString(), tree.toString(), "file://" + target));
            times.add(now - 7200 + k * 60);
            Path copy = tmp.resolve("snap" + snapshots.size());
            Processes.ok(null, Map.of(), List.of("cp", "-a", tree.toString(), copy.toString()));
            snapshots.add(copy);
        }
        StepClock clock = new StepClock(Instant.ofEpochSecond(now - 3600));
        try (TestApp app = new TestApp(config("passphrase", target), env(), clock)) {
            for (int k = 2; k <= 3; k++) {
                mutate(k);
                backup(app, clock, false);
            }
        }
        try (Stream<Path> files = Files.list(target)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("duplicity-full."))
                    .map(n -> n.split("\\.")[1]).distinct().count())
                    .as("our runs continued duplicity's chain instead of starting a new full").isEqualTo(1);
        }
        stockDuplicityRestoresEveryTimePoint("passphrase", target, gpg);
        weRestoreEveryTimePoint(target);
    }
}
