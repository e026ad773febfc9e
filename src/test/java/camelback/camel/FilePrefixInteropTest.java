package camelback.camel;

import static org.assertj.core.api.Assertions.assertThat;

import camelback.archive.RestoreOptions;
import camelback.archive.Restorer;
import camelback.job.FilePrefixes;
import camelback.job.JobConfigs;
import camelback.job.Secrets;
import camelback.job.TargetAccess;
import camelback.testing.GpgHome;
import camelback.testing.Processes;
import camelback.testing.StepClock;
import camelback.testing.TreeAssertions;
import camelback.testing.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop, live: duplicity's {@code --file-prefix} options. Two hosts' chains share one target under different
 * prefixes; stock duplicity reads ours with the same options, and we continue and restore a chain it wrote with them.
 */
class FilePrefixInteropTest {
    private static final FilePrefixes HOST1 = new FilePrefixes("host1_", "vol-", "man-", "sig-");
    private static final List<String> HOST1_OPTIONS = List.of("--file-prefix", "host1_", "--file-prefix-archive", "vol-",
            "--file-prefix-manifest", "man-", "--file-prefix-signature", "sig-");

    @TempDir
    Path tmp;

    @Test
    void stockDuplicityReadsOurPrefixedChainBesideAnotherJobsSet() throws Exception {
        Path host1 = Vectors.extractSource(1, tmp.resolve("host1"));
        Path host2 = Vectors.extractSource(2, tmp.resolve("host2"));
        Path target = tmp.resolve("target");
        Path config = TestApp.config(tmp, host1Job(host1, target, tmp.resolve("cache1")) + """
                camelback.job.host2.source=%s
                camelback.job.host2.target=file://%s
                camelback.job.host2.encryption=passphrase
                camelback.job.host2.archive-dir=%s
                """.formatted(host2, target, tmp.resolve("cache2")));
        StepClock clock = new StepClock(Instant.now().minusSeconds(3600));
        try (TestApp app = new TestApp(config, env(), clock)) {
            backup(app, "host1", true);
            clock.advanceSeconds(60);
            change(host1, clock.epochSecond());
            backup(app, "host1", false);
            clock.advanceSeconds(60);
            backup(app, "host2", true);
        }

        List<String> names = namesIn(target);
        assertThat(names).allMatch(n -> n.startsWith("host1_") || n.startsWith("duplicity-"));
        assertThat(names).filteredOn(n -> n.startsWith("host1_")).allMatch(n ->
                n.startsWith("host1_vol-duplicity-") && n.contains(".difftar.")
                        || n.startsWith("host1_man-duplicity-") && n.contains(".manifest")
                        || n.startsWith("host1_sig-duplicity-") && n.contains(".sigtar."));
        assertThat(names).as("host1's increment continued its own chain")
                .filteredOn(n -> n.startsWith("host1_man-duplicity-full.")).hasSize(1);
        assertThat(names).filteredOn(n -> n.startsWith("host1_man-duplicity-inc.")).hasSize(1);

        duplicityRestores(target, HOST1_OPTIONS, host1);
        duplicityRestores(target, List.of(), host2);
        weRestore(target, HOST1, host1);
        weRestore(target, null, host2);
    }

    @Test
    void weContinueAndRestoreAChainDuplicityWroteWithPrefixes() throws Exception {
        Path tree = Vectors.extractSource(1, tmp.resolve("src"));
        Path target = tmp.resolve("target");
        long now = Instant.now().getEpochSecond();
        List<String> full = new ArrayList<>(List.of("duplicity", "full", "--volsize", "1", "--current-time",
                Long.toString(now - 7200), "--archive-dir", tmp.resolve("dupcache").toString()));
        full.addAll(HOST1_OPTIONS);
        full.addAll(List.of(tree.toString(), "file://" + target));
        Processes.ok(null, duplicityEnv(), full);

        Path config = TestApp.config(tmp, host1Job(tree, target, tmp.resolve("cache")));
        StepClock clock = new StepClock(Instant.ofEpochSecond(now - 3600));
        change(tree, clock.epochSecond());
        try (TestApp app = new TestApp(config, env(), clock)) {
            backup(app, "host1", false);
        }

        List<String> names = namesIn(target);
        assertThat(names).allMatch(n -> n.startsWith("host1_"));
        assertThat(names).as("our run continued duplicity's chain").filteredOn(n -> n.contains("-duplicity-full.")
                && n.contains(".manifest")).hasSize(1);
        assertThat(names).filteredOn(n -> n.startsWith("host1_vol-duplicity-inc.")).isNotEmpty();
        duplicityRestores(target, HOST1_OPTIONS, tree);
        weRestore(target, HOST1, tree);
    }

    /** Job "host1": passphrase, 1 MiB volumes, all four prefixes of {@link #HOST1_OPTIONS}. */
    private static String host1Job(Path source, Path target, Path archiveDir) {
        return """
                camelback.job.host1.source=%s
                camelback.job.host1.target=file://%s
                camelback.job.host1.encryption=passphrase
                camelback.job.host1.volsize=1
                camelback.job.host1.full-if-older-than=1Y
                camelback.job.host1.archive-dir=%s
                camelback.job.host1.file-prefix=host1_
                camelback.job.host1.file-prefix-archive=vol-
                camelback.job.host1.file-prefix-manifest=man-
                camelback.job.host1.file-prefix-signature=sig-
                """.formatted(source, target, archiveDir);
    }

    private static Map<String, String> env() {
        return Map.of("PASSPHRASE", Vectors.PASSPHRASE);
    }

    private Map<String, String> duplicityEnv() throws Exception {
        Map<String, String> environment = new HashMap<>(new GpgHome(tmp).env());
        environment.put("PASSPHRASE", Vectors.PASSPHRASE);
        return environment;
    }

    private static void backup(TestApp app, String job, boolean full) {
        Exchange result = app.app.backup(job, full);
        assertThat(CamelbackApp.outcome(result)).as("failure: %s", CamelbackApp.failure(result)).isEqualTo(Outcome.OK);
    }

    /** A new file and a changed one, both dated {@code mtime} so an incremental sees them. */
    private static void change(Path tree, long mtime) throws IOException {
        Path added = Files.writeString(tree.resolve("added-later.txt"), "written between the sets\n");
        Path changed = Files.writeString(tree.resolve("changed-later.txt"), "first\nsecond\n".repeat(1000));
        for (Path p : List.of(added, changed, tree)) {
            Files.setLastModifiedTime(p, FileTime.from(Instant.ofEpochSecond(mtime)));
        }
    }

    private static List<String> namesIn(Path target) throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void duplicityRestores(Path target, List<String> prefixOptions, Path expected) throws Exception {
        Path out = tmp.resolve("duplicity-restore-" + prefixOptions.size() + "-" + expected.getFileName());
        List<String> cmd = new ArrayList<>(List.of("duplicity", "restore", "--archive-dir", tmp.resolve("dupcache-r").toString()));
        cmd.addAll(prefixOptions);
        cmd.addAll(List.of("file://" + target, out.toString()));
        Processes.ok(null, duplicityEnv(), cmd);
        TreeAssertions.assertSameTree(expected, out);
    }

    private void weRestore(Path target, FilePrefixes prefixes, Path expected) throws Exception {
        Secrets secrets = Secrets.of(env(), null);
        Path out = tmp.resolve("our-restore-" + (prefixes == null ? "plain" : "prefixed"));
        try (TargetAccess access = TargetAccess.open(JobConfigs.load(new Properties(), tmp, secrets), "file://" + target,
                null, null, secrets, TargetAccess.Verification.DEFAULT, prefixes)) {
            new Restorer(access.source()).restore(new RestoreOptions(out, Long.MAX_VALUE, null, false, false));
        }
        TreeAssertions.assertSameTree(expected, out);
    }
}
