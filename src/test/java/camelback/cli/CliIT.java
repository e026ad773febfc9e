package camelback.cli;

import camelback.testing.GpgHome;
import camelback.testing.Processes;
import camelback.testing.TreeAssertions;
import camelback.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged command, run as operators and cron run it: exit codes and messages. */
class CliIT {
    @TempDir
    Path tmp;

    private Processes.Result camelback(Map<String, String> env, String... args) throws Exception {
        return run(env, command(args));
    }

    private static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx256m",
                // As bin/camelback starts it: with the foreign-function module that reaches libdeflate.
                "--add-modules", "jdk.incubator.foreign", "--enable-native-access=ALL-UNNAMED",
                "-Dcamelback.home=" + Path.of("").toAbsolutePath(), "-jar", System.getProperty("camelback.jar")));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private Processes.Result run(Map<String, String> env, List<String> cmd) throws Exception {
        Map<String, String> environment = new HashMap<>(env);
        environment.putIfAbsent("PASSPHRASE", "");
        return Processes.run(tmp, environment, cmd);
    }

    private Path config(String encryption, Path source, Path target) throws Exception {
        Path file = tmp.resolve("camelback.properties");
        Files.writeString(file, """
                camelback.job.docs.source=%s
                camelback.job.docs.target=file://%s
                camelback.job.docs.encryption=%s
                camelback.job.docs.public-key=%s
                camelback.job.docs.secret-key=%s
                camelback.job.docs.generate-key=true
                camelback.job.docs.archive-dir=%s
                """.formatted(source, target, encryption, tmp.resolve("keys/docs.pub.asc"), tmp.resolve("keys/docs.sec.asc"),
                tmp.resolve("cache")));
        return file;
    }

    @Test
    void backsUpWithAGeneratedKeyThenRestoresAndLists() throws Exception {
        Path source = Vectors.extractSource(1, tmp.resolve("src"));
        Path config = config("public-key", source, tmp.resolve("target"));

        Processes.Result backup = camelback(Map.of(), "--config", config.toString(), "backup", "docs");
        assertThat(backup.exitCode()).as(backup.output()).isEqualTo(0);
        assertThat(backup.output()).contains("[ Backup Statistics ]", "SourceFiles 14", "Errors 0");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("keys/docs.sec.asc")))).isEqualTo("rw-------");

        Processes.Result restore = camelback(Map.of(), "--config", config.toString(), "restore", "docs", tmp.resolve("out").toString());
        assertThat(restore.exitCode()).as(restore.output()).isEqualTo(0);
        TreeAssertions.assertSameTree(source, tmp.resolve("out"));

        Processes.Result list = camelback(Map.of(), "--config", config.toString(), "list", "docs");
        assertThat(list.exitCode()).as(list.output()).isEqualTo(0);
        assertThat(list.output()).contains(" dir/nested/deep.txt", " ünïcödé-名前.txt", "Fri Jan  1 00:00:00 2021");

        Processes.Result again = camelback(Map.of(), "--config", config.toString(), "restore", "docs", tmp.resolve("out").toString());
        assertThat(again.exitCode()).isEqualTo(ExitCode.REFUSED.code());
        assertThat(again.output()).contains("not empty");
    }

    @Test
    void restoresOneFileWhoseNameIsNotUtf8() throws Exception {
        Path source = tmp.resolve("src");
        // The shell makes the names and passes the argument: Java can only hand a process text.
        Processes.ok(null, "bash", "-c", "mkdir -p \"$1\" && printf 'latin-1\\n' > \"$1/$(printf 'caf\\351.txt')\""
                + " && printf 'other\\n' > \"$1/other.txt\"", "make-tree", source.toString());
        Path config = config("none", source, tmp.resolve("target"));
        Processes.Result backup = camelback(Map.of(), "--config", config.toString(), "backup", "docs");
        assertThat(backup.exitCode()).as(backup.output()).isZero();

        Path out = tmp.resolve("out");
        List<String> restore = new ArrayList<>(List.of("bash", "-c", "exec \"$@\" \"$(printf 'caf\\351.txt')\"", "restore-one"));
        restore.addAll(command("--config", config.toString(), "restore", "docs", out.toString(), "--file-to-restore"));
        Processes.Result result = run(Map.of(), restore);
        // As with duplicity, the one file restored is written as DEST itself.
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(Files.readString(out)).isEqualTo("latin-1\n");

        // A DEST that is not UTF-8 is that directory, not one named with U+FFFD.
        List<String> whole = new ArrayList<>(List.of("bash", "-c", "exec \"$@\" \"$(printf 'dest-\\377')\"", "restore-all"));
        whole.addAll(command("--config", config.toString(), "restore", "docs"));
        Processes.Result all = run(Map.of(), whole);
        assertThat(all.exitCode()).as(all.output()).isZero();
        try (var names = Files.list(tmp)) {
            assertThat(names.map(p -> camelback.archive.PathBytes.path(new byte[] {'d', 'e', 's', 't', '-', (byte) 0xff})
                    .equals(tmp.relativize(p)))).contains(true);
        }
        assertThat(tmp.resolve("dest-\uFFFD")).doesNotExist();
    }

    @Test
    void anExcludeFilelistEditedBetweenRunsLeavesItsNewPathsOutOfTheNextIncrement() throws Exception {
        Path source = tmp.resolve("src");
        for (String file : List.of("keep.txt", "cache/a.bin", "logs/keep.log", "logs/old.log", "docs/readme.txt")) {
            Files.createDirectories(source.resolve(file).getParent());
            Files.writeString(source.resolve(file), file);
        }
        Path filelist = Files.write(tmp.resolve("exclude"), List.of("# duply's exclude file",
                "- " + source + "/cache", "+ " + source + "/logs/keep.log", "- " + source + "/logs"));
        Path config = config("none", source, tmp.resolve("target"));
        Files.writeString(config, "camelback.job.docs.exclude-filelist=" + filelist + "\n",
                java.nio.file.StandardOpenOption.APPEND);

        Processes.Result full = camelback(Map.of(), "--config", config.toString(), "backup", "docs");
        assertThat(full.exitCode()).as(full.output()).isZero();
        Processes.Result list = camelback(Map.of(), "--config", config.toString(), "list", "docs");
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output()).contains(" keep.txt", " logs/keep.log", " docs/readme.txt")
                .doesNotContain(" cache", " logs/old.log");

        Files.writeString(filelist, "- " + source + "/docs\n", java.nio.file.StandardOpenOption.APPEND);
        Processes.Result incremental = camelback(Map.of(), "--config", config.toString(), "backup", "docs");
        assertThat(incremental.exitCode()).as(incremental.output()).isZero();
        assertThat(incremental.output()).contains("DeletedFiles 2");

        String listed = Processes.ok(Map.of("HOME", tmp.toString()), "duplicity", "list-current-files",
                "--no-encryption", "--archive-dir", tmp.resolve("dupcache").toString(), "file://" + tmp.resolve("target"));
        // "Fri Nov 27 11:23:20 2026 path" after duplicity's chain report
        assertThat(listed.lines().filter(line -> line.matches("\\w{3} \\w{3} [ \\d]\\d [\\d:]{8} \\d{4} .*"))
                .map(line -> line.substring(25))).containsExactly(".", "keep.txt", "logs", "logs/keep.log");
        Processes.Result restore = camelback(Map.of(), "--config", config.toString(), "restore", "docs",
                tmp.resolve("out").toString());
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(tmp.resolve("out/logs/keep.log")).exists();
        assertThat(tmp.resolve("out/docs")).doesNotExist();
        assertThat(tmp.resolve("out/logs/old.log")).doesNotExist();
    }

    @Test
    void restoresADuplicityTargetNamedWithTheFilePrefixesGivenOnTheCommandLine() throws Exception {
        Path source = Vectors.extractSource(1, tmp.resolve("src"));
        Path target = tmp.resolve("target");
        Processes.ok(tmp, Map.of(), List.of("duplicity", "full", "--no-encryption", "--file-prefix", "host1_",
                "--file-prefix-archive", "vol-", "--archive-dir", tmp.resolve("dupcache").toString(), source.toString(),
                "file://" + target));

        Processes.Result unprefixed = urlCommand("restore", "file://" + target, tmp.resolve("plain").toString());
        assertThat(unprefixed.exitCode()).as(unprefixed.output()).isEqualTo(ExitCode.REFUSED.code());
        assertThat(unprefixed.output()).contains("No complete backup set found");

        Processes.Result restore = urlCommand("restore", "file://" + target, tmp.resolve("out").toString(),
                "--file-prefix=host1_", "--file-prefix-archive=vol-");
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        TreeAssertions.assertSameTree(source, tmp.resolve("out"));

        Processes.Result path = urlCommand("list", "file://" + target, "--file-prefix=hosts/host1_");
        assertThat(path.exitCode()).as(path.output()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(path.output()).contains("file-prefix 'hosts/host1_' must not contain '/'");
    }

    @Test
    void restoreTakesDuplicitysSelectionOptionsAndLikeDuplicityRestoresTheWholeTree() throws Exception {
        Path source = tmp.resolve("src");
        for (String file : List.of("keep.txt", "cache/a.bin", "logs/app.log", "n\u0663.txt", "private/.nobackup")) {
            Files.createDirectories(source.resolve(file).getParent());
            Files.writeString(source.resolve(file), file);
        }
        Path target = tmp.resolve("target");
        Processes.ok(tmp, Map.of(), List.of("duplicity", "full", "--no-encryption", "--archive-dir",
                tmp.resolve("dupcache").toString(), source.toString(), "file://" + target));
        Path filelist = Files.write(tmp.resolve("exclude"), List.of("- **/logs"));
        List<String> selection = List.of("--exclude", "**/cache", "--exclude-regexp", "\\d\\.txt$", "--include-regexp",
                "keep", "--include", "**/keep.txt", "--exclude-filelist", filelist.toString(), "--include-filelist",
                filelist.toString(), "--exclude-if-present", ".nobackup", "--exclude-older-than", "1D",
                "--exclude-device-files", "--exclude-other-filesystems");

        List<String> duplicity = new ArrayList<>(List.of("duplicity", "restore", "--no-encryption", "--archive-dir",
                tmp.resolve("dupcache").toString()));
        duplicity.addAll(selection);
        duplicity.addAll(List.of("file://" + target, tmp.resolve("theirs").toString()));
        Processes.Result theirs = Processes.run(tmp, Map.of(), duplicity);
        List<String> ours = new ArrayList<>(List.of("restore", "file://" + target, tmp.resolve("ours").toString()));
        ours.addAll(selection);
        Processes.Result restore = urlCommand(ours.toArray(String[]::new));

        assertThat(theirs.exitCode()).as(theirs.output()).isZero();
        assertThat(theirs.output()).contains("Selection options --exclude/--include");
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("leave nothing out of a restore");
        TreeAssertions.assertSameTree(tmp.resolve("theirs"), tmp.resolve("ours"));
        assertThat(tmp.resolve("ours/cache/a.bin")).exists();
    }

    @Test
    void verifyComparesTheSourcePathsItsSelectionOptionsTakeInTheirOrderAsDuplicityDoes() throws Exception {
        Path source = tmp.resolve("src");
        for (String file : List.of("cache/keep.txt", "cache/a.bin", "notes.txt", "logs/app.log")) {
            Files.createDirectories(source.resolve(file).getParent());
            Files.writeString(source.resolve(file), file);
        }
        Path target = tmp.resolve("target");
        // the include comes first, so it is an exception to the exclude after it; duplicity then takes only what
        // the include names (and the directories on the way), as camelback's backups do
        List<String> selection = List.of("--include", "**/cache/keep.txt", "--exclude", "**/cache");
        List<String> backup = new ArrayList<>(List.of("duplicity", "full", "--no-encryption", "--archive-dir",
                tmp.resolve("dupcache").toString()));
        backup.addAll(selection);
        backup.addAll(List.of(source.toString(), "file://" + target));
        Processes.ok(tmp, Map.of(), backup);
        Files.writeString(source.resolve("cache/a.bin"), "changed, but left out");

        Verified unchanged = verifyBoth(source, target, selection);
        Verified wholeTree = verifyBoth(source, target, List.of());
        Files.writeString(source.resolve("cache/keep.txt"), "changed, and taken");
        Verified changed = verifyBoth(source, target, selection);

        assertThat(unchanged.duplicity().exitCode()).as(unchanged.duplicity().output()).isZero();
        assertThat(unchanged.ours().exitCode()).as(unchanged.ours().output()).isZero();
        assertThat(unchanged.ours().output()).contains("The backup equals the source");
        assertThat(wholeTree.duplicity().exitCode()).as(wholeTree.duplicity().output()).isEqualTo(1);
        assertThat(wholeTree.ours().exitCode()).as(wholeTree.ours().output()).isEqualTo(ExitCode.INTEGRITY.code());
        assertThat(wholeTree.ours().output()).contains("cache/a.bin: in the source but not in the backup");
        assertThat(changed.duplicity().exitCode()).as(changed.duplicity().output()).isEqualTo(1);
        assertThat(changed.ours().exitCode()).as(changed.ours().output()).isEqualTo(ExitCode.INTEGRITY.code());
        assertThat(changed.ours().output()).contains("cache/keep.txt").doesNotContain("cache/a.bin");

        Processes.Result refused = urlCommand("verify", "file://" + target, "--compare-data", "--source",
                source.toString(), "--exclude-regexp", "[z-a]");
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(refused.output()).contains("--exclude-regexp: the regular expression [z-a] is not valid in Python")
                .as("refused before the volumes are read").doesNotContain("Verified");
    }

    private record Verified(Processes.Result duplicity, Processes.Result ours) {
    }

    private Verified verifyBoth(Path source, Path target, List<String> selection) throws Exception {
        List<String> duplicity = new ArrayList<>(List.of("duplicity", "verify", "--compare-data", "--no-encryption",
                "--archive-dir", tmp.resolve("dupcache").toString()));
        duplicity.addAll(selection);
        duplicity.addAll(List.of("file://" + target, source.toString()));
        List<String> ours = new ArrayList<>(List.of("verify", "file://" + target, "--compare-data", "--source",
                source.toString()));
        ours.addAll(selection);
        return new Verified(Processes.run(tmp, Map.of(), duplicity), urlCommand(ours.toArray(String[]::new)));
    }

    @Test
    void restoreRefusesASelectionOptionItCannotUseNamingTheOption() throws Exception {
        Path target = tmp.resolve("target");
        Processes.ok(tmp, Map.of(), List.of("duplicity", "full", "--no-encryption", "--archive-dir",
                tmp.resolve("dupcache").toString(), Vectors.extractSource(1, tmp.resolve("src")).toString(),
                "file://" + target));

        Processes.Result regex = urlCommand("restore", "file://" + target, tmp.resolve("a").toString(),
                "--exclude-regexp", "[z-a]");
        Processes.Result time = urlCommand("restore", "file://" + target, tmp.resolve("b").toString(),
                "--exclude-older-than", "yesterday");

        assertThat(regex.exitCode()).as(regex.output()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(regex.output()).contains("--exclude-regexp: the regular expression [z-a] is not valid in Python");
        assertThat(time.exitCode()).as(time.output()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(time.output()).contains("--exclude-older-than: bad time string 'yesterday'");
        assertThat(tmp.resolve("a")).doesNotExist();
    }

    /** A command on a target URL, its archive dir under this test's home instead of the user's. */
    private Processes.Result urlCommand(String... args) throws Exception {
        return urlCommand(Map.of(), args);
    }

    private Processes.Result urlCommand(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = command(args);
        cmd.add(1, "-Duser.home=" + tmp.resolve("home"));
        return run(env, cmd);
    }

    @Test
    void readsADuplicityArchiveWithoutIntegrityProtectionOnlyWhenToldTo() throws Exception {
        Path source = Vectors.extractSource(1, tmp.resolve("src"));
        Path target = tmp.resolve("target");
        Map<String, String> passphrase = Map.of("PASSPHRASE", "no-mdc-passphrase");
        try (GpgHome gpg = new GpgHome(tmp.resolve("gnupg"))) {
            Map<String, String> env = new HashMap<>(gpg.env());
            env.putAll(passphrase);
            // What gpg 1.x wrote with a 64-bit cipher: no MDC. gpg 2.2 leaves it out only with --rfc2440.
            Processes.ok(tmp, env, List.of("duplicity", "full", "--gpg-options", "--rfc2440 --cipher-algo CAST5",
                    "--archive-dir", tmp.resolve("dupcache").toString(), source.toString(), "file://" + target));
        }

        Processes.Result refused = urlCommand(passphrase, "restore", "file://" + target, tmp.resolve("refused").toString());
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(ExitCode.INTEGRITY.code());
        assertThat(refused.output()).contains("no integrity protection (MDC)", "--ignore-mdc-error");

        Processes.Result restore = urlCommand(passphrase, "restore", "file://" + target, tmp.resolve("out").toString(),
                "--ignore-mdc-error");
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        TreeAssertions.assertSameTree(source, tmp.resolve("out"));
    }

    @Test
    void wrongPassphraseOnRestoreSaysSoAndWritesNothing() throws Exception {
        Path source = Vectors.extractSource(1, tmp.resolve("src"));
        Path config = config("passphrase", source, tmp.resolve("target"));
        assertThat(camelback(Map.of("PASSPHRASE", "right"), "--config", config.toString(), "backup", "docs").exitCode()).isZero();

        Processes.Result restore = camelback(Map.of("PASSPHRASE", "wrong"), "--config", config.toString(),
                "restore", "docs", tmp.resolve("out").toString());
        assertThat(restore.exitCode()).as(restore.output()).isEqualTo(ExitCode.CRYPTO.code());
        assertThat(restore.output()).containsIgnoringCase("passphrase");
        assertThat(tmp.resolve("out")).satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(),
                p -> assertThat(p).isEmptyDirectory());
    }

    @Test
    void unknownJobAndMalformedKeyAreConfigErrors() throws Exception {
        Path source = Vectors.extractSource(1, tmp.resolve("src"));
        Path config = config("public-key", source, tmp.resolve("target"));
        Processes.Result unknown = camelback(Map.of(), "--config", config.toString(), "backup", "nope");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(unknown.output()).contains("unknown job 'nope'", "[docs]");

        Files.createDirectories(tmp.resolve("keys"));
        Files.writeString(tmp.resolve("keys/docs.pub.asc"), "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\ngarbage\n");
        Processes.Result malformed = camelback(Map.of(), "--config", config.toString(), "backup", "docs");
        assertThat(malformed.exitCode()).as(malformed.output()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(malformed.output()).contains("docs.pub.asc");
        assertThat(tmp.resolve("target")).satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(),
                p -> assertThat(p).isEmptyDirectory());
    }

    @Test
    void aBadMailTimeoutOrStarttlsValueExitsWithTheConfigCodeNamingTheKey() throws Exception {
        Path config = config("none", Vectors.extractSource(1, tmp.resolve("src")), tmp.resolve("target"));
        String job = Files.readString(config);
        for (Map.Entry<String, String> bad : Map.of(
                "camelback.mail.timeout=soon\n", "camelback.mail.timeout: bad interval 'soon'",
                "camelback.mail.starttls=yes\n", "camelback.mail.starttls must be true or false, not 'yes'",
                "camelback.mail.tls=true\ncamelback.mail.starttls=true\n", "camelback.mail.tls and camelback.mail.starttls are both true")
                .entrySet()) {
            Files.writeString(config, job + "camelback.mail.host=127.0.0.1\ncamelback.mail.to=ops@example.org\n" + bad.getKey());
            Processes.Result backup = camelback(Map.of(), "--config", config.toString(), "backup", "docs");
            assertThat(backup.exitCode()).as(backup.output()).isEqualTo(ExitCode.CONFIG.code());
            assertThat(backup.output()).contains(bad.getValue());
        }
        assertThat(tmp.resolve("target")).doesNotExist();
    }

    @Test
    void unwritableTargetFailsWithTheTargetErrorCode() throws Exception {
        Path source = Vectors.extractSource(1, tmp.resolve("src"));
        Files.writeString(tmp.resolve("a-file"), "not a directory");
        Path config = config("none", source, tmp.resolve("a-file/target"));
        Processes.Result backup = camelback(Map.of(), "--config", config.toString(), "backup", "docs");
        assertThat(backup.exitCode()).as(backup.output()).isEqualTo(ExitCode.TARGET.code());
        assertThat(backup.output()).contains("FAILED");
    }

    /** A source of one file of random bytes, which do not compress: its volumes are as big as volsize says. */
    private Path randomSource(int size, long seed) throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        byte[] random = new byte[size];
        new java.util.Random(seed).nextBytes(random);
        Files.write(source.resolve("big.bin"), random);
        return source;
    }

    @Test
    void workDirThatCannotTakeAVolumeFailsTheRunNamingItAndStoresNothing() throws Exception {
        Path source = randomSource(3_000_000, 3);
        Path target = tmp.resolve("target");
        Path config = config("none", source, target);
        // A file size limit of 256 KiB: the JVM ignores SIGXFSZ, so writing the volume (plain or stored) fails with
        // EFBIG, as it fails with ENOSPC on a full disk, while the volume is still being cut.
        List<String> limited = new ArrayList<>(List.of("bash", "-c", "ulimit -f 256; exec \"$@\"", "limited"));
        limited.addAll(command("--config", config.toString(), "backup", "docs"));
        Processes.Result backup = run(Map.of(), limited);
        assertThat(backup.exitCode()).as(backup.output()).isEqualTo(ExitCode.ERROR.code());
        assertThat(backup.output()).contains("FAILED", "cannot write duplicity-full.", ".vol1.difftar",
                "into the work dir " + tmp.resolve("cache/work"), "File too large", "point the job's archive-dir at a bigger disk");
        assertThat(target).doesNotExist();
        try (var left = Files.list(tmp.resolve("cache/work"))) {
            assertThat(left).as("work dirs left behind").isEmpty();
        }
    }

    @Test
    void fullTargetDiskFailsTheRunRemovesWhatItStoredAndTheNextRunCompletes() throws Exception {
        Path source = randomSource(5_000_000, 5);
        Path target = Files.createDirectories(tmp.resolve("target"));
        // A real full disk: a tmpfs that takes two of the five 1 MiB volumes, not three (needs root, as CI runs). The
        // first is stored well before the disk fills, so there is always something for the failed run to remove.
        Processes.Result mount = Processes.run(tmp, Map.of(), List.of("mount", "-t", "tmpfs", "-o", "size=2600k", "tmpfs", target.toString()));
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.exitCode() == 0, "cannot mount a tmpfs here: " + mount.output());
        try {
            Path config = config("none", source, target);
            Files.writeString(config, "camelback.job.docs.volsize=1\n", java.nio.file.StandardOpenOption.APPEND);
            Processes.Result full = camelback(Map.of(), "--config", config.toString(), "backup", "docs");
            assertThat(full.exitCode()).as(full.output()).isEqualTo(ExitCode.TARGET.code());
            assertThat(full.output()).contains("FAILED", "No space left on device", "the target's disk is full",
                    "removed the incomplete set's");
            try (var left = Files.list(target)) {
                assertThat(left).as("files of the failed set left on the full target").isEmpty();
            }

            Processes.Result remount = Processes.run(tmp, Map.of(), List.of("mount", "-o", "remount,size=16m", target.toString()));
            assertThat(remount.exitCode()).as(remount.output()).isZero();
            Processes.Result again = camelback(Map.of(), "--config", config.toString(), "backup", "docs");
            assertThat(again.exitCode()).as(again.output()).isZero();
            Processes.Result restore = camelback(Map.of(), "--config", config.toString(), "restore", "docs", tmp.resolve("out").toString());
            assertThat(restore.exitCode()).as(restore.output()).isZero();
            TreeAssertions.assertSameTree(source, tmp.resolve("out"));
        } finally {
            Processes.run(tmp, Map.of(), List.of("umount", target.toString()));
        }
    }

    @Test
    void missingConfigurationFileIsNamed() throws Exception {
        Processes.Result r = camelback(Map.of(), "--config", tmp.resolve("missing.properties").toString(), "backup", "x");
        assertThat(r.exitCode()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(r.output()).contains("missing.properties");
    }

    @Test
    void badCommandLineIsAUsageError() throws Exception {
        Processes.Result r = camelback(Map.of(), "restore");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.output()).contains("Missing required parameter");
    }

    @Test
    void incrementalStatusVerifyAndPruneWorkTogether() throws Exception {
        Path source = Vectors.extractSource(1, tmp.resolve("src"));
        Path config = config("none", source, tmp.resolve("target"));
        assertThat(camelback(Map.of(), "--config", config.toString(), "backup", "docs").exitCode()).isZero();
        Thread.sleep(1100);
        Files.writeString(source.resolve("hello.txt"), "changed\n");
        Processes.Result inc = camelback(Map.of(), "--config", config.toString(), "backup", "docs");
        assertThat(inc.exitCode()).as(inc.output()).isZero();
        assertThat(inc.output()).contains("incremental backup", "ChangedFiles 1");

        Processes.Result status = camelback(Map.of(), "--config", config.toString(), "status", "docs");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).contains("Full", "Incremental");

        Processes.Result verify = camelback(Map.of(), "--config", config.toString(), "verify", "docs", "--compare-data");
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("Verified 2 set(s)", "The backup equals the source (");
        Files.writeString(source.resolve("hello.txt"), "changed again\n");
        Processes.Result differs = camelback(Map.of(), "--config", config.toString(), "verify", "docs", "--compare-data");
        assertThat(differs.exitCode()).as(differs.output()).isEqualTo(ExitCode.INTEGRITY.code());
        assertThat(differs.output()).contains("Difference: hello.txt: ", "1 difference(s) found.");

        Processes.Result prune = camelback(Map.of(), "--config", config.toString(), "prune", "docs", "--keep-full", "0");
        assertThat(prune.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(prune.output()).contains("every backup");
    }

    @Test
    void corruptVolumeFailsVerifyAndRestoreWithTheIntegrityCode() throws Exception {
        Path source = Vectors.extractSource(1, tmp.resolve("src"));
        Path target = tmp.resolve("target");
        Path config = config("none", source, target);
        assertThat(camelback(Map.of(), "--config", config.toString(), "backup", "docs").exitCode()).isZero();
        Path volume;
        try (var files = Files.list(target)) {
            volume = files.filter(p -> p.getFileName().toString().contains(".vol1.")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(volume);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(volume, bytes);

        Processes.Result verify = camelback(Map.of(), "--config", config.toString(), "verify", "docs");
        assertThat(verify.exitCode()).as(verify.output()).isEqualTo(ExitCode.INTEGRITY.code());
        assertThat(verify.output()).contains(volume.getFileName().toString());

        Processes.Result restore = camelback(Map.of(), "--config", config.toString(), "restore", "docs", tmp.resolve("out").toString());
        assertThat(restore.exitCode()).as(restore.output()).isEqualTo(ExitCode.INTEGRITY.code());
        assertThat(restore.output()).contains(volume.getFileName().toString());
        // Verify and restore read a file:// target in place: the damaged volume is still there, untouched.
        assertThat(Files.readAllBytes(volume)).isEqualTo(bytes);
    }

    @Test
    void secretsNeverReachTheOutputTheMailLessLogOrThePreCommand() throws Exception {
        Path source = Vectors.extractSource(1, tmp.resolve("src"));
        Path secrets = tmp.resolve("secrets");
        Files.writeString(secrets, "export PASSPHRASE='p4ss-never-printed'\nAWS_SECRET_ACCESS_KEY=aws-never-printed\n");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        Path config = config("passphrase", source, tmp.resolve("target"));
        Path preEnvironment = tmp.resolve("pre-command.env");
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Files.writeString(config, Files.readString(config) + "camelback.secrets-file=" + secrets + "\n"
                + "camelback.job.docs.pre-command.0=sh\ncamelback.job.docs.pre-command.1=-c\n"
                + "camelback.job.docs.pre-command.2=env > " + preEnvironment + "\n"
                // a report mail that fails, with the password configured: the warning must not carry it
                + "camelback.mail.host=127.0.0.1\ncamelback.mail.port=" + closedPort + "\ncamelback.mail.starttls=true\n"
                + "camelback.mail.username=backup\ncamelback.mail.to=ops@example.org\n");
        Processes.Result backup = camelback(Map.of("CAMELBACK_OPTS", "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
                        "PASSPHRASE", "p4ss-never-printed", "SMTP_PASSWORD_DOCS", "smtp-never-printed",
                        "SMTP_PASSWORD", "smtp-never-printed"),
                "--config", config.toString(), "backup", "docs");
        assertThat(backup.exitCode()).as(backup.output()).isZero();
        assertThat(backup.output()).contains("could not send the report mail").doesNotContain("smtp-never-printed");
        // the pre-command runs with camelback's environment less its secrets
        assertThat(Files.readString(preEnvironment)).contains("CAMELBACK_JOB=docs")
                .doesNotContain("p4ss-never-printed", "smtp-never-printed", "PASSPHRASE=", "SMTP_PASSWORD_DOCS=");
        Processes.Result restore = camelback(Map.of(), "--config", config.toString(), "restore", "docs", tmp.resolve("out").toString());
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(backup.output() + restore.output()).doesNotContain("p4ss-never-printed", "aws-never-printed");

        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-r--r--"));
        Processes.Result refused = camelback(Map.of(), "--config", config.toString(), "backup", "docs");
        assertThat(refused.exitCode()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(refused.output()).contains("chmod 600").doesNotContain("p4ss-never-printed");
    }

    @Test
    void aDaemonWithNoScheduledJobSaysItWillRunNothing() throws Exception {
        Path config = config("none", Vectors.extractSource(1, tmp.resolve("src")), tmp.resolve("target"));
        Path output = tmp.resolve("daemon-output");
        Process daemon = new ProcessBuilder(command("--config", config.toString(), "run"))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            while (!Files.readString(output).contains("scheduled job(s)")) {
                assertThat(daemon.isAlive()).as(Files.readString(output)).isTrue();
                Thread.sleep(50);
            }
            assertThat(Files.readString(output)).contains("0 scheduled job(s)", "this daemon will run nothing",
                    "camelback.job.NAME.cron");
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
    }

    @Test
    void keygenWritesArmoredKeysThatGpgImports() throws Exception {
        Processes.Result keygen = camelback(Map.of("PASSPHRASE", "kp"), "keygen", "--out", tmp.resolve("k").toString(), "--name", "ops");
        assertThat(keygen.exitCode()).as(keygen.output()).isZero();
        assertThat(keygen.output()).contains("fingerprint", "OFF this machine");
        for (String f : List.of("ops.pub.asc", "ops.sec.asc")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("k").resolve(f)))).isEqualTo("rw-------");
        }
        GpgHome gpg = new GpgHome(tmp);
        gpg.importKey(tmp.resolve("k/ops.pub.asc"), "kp");
        gpg.importKey(tmp.resolve("k/ops.sec.asc"), "kp");
        assertThat(Processes.ok(null, gpg.env(), List.of("gpg", "--list-secret-keys"))).contains("camelback ops");
    }

    @Test
    void sigtermDuringAPreCommandKillsItWithItsChildrenReportsFailedAndExits143() throws Exception {
        Path source = Vectors.extractSource(1, tmp.resolve("src"));
        Path child = tmp.resolve("child-pid");
        Path config = tmp.resolve("camelback.properties");
        Files.writeString(config, """
                camel.main.shutdownTimeout=1
                camelback.job.db.source=%s
                camelback.job.db.target=file://%s
                camelback.job.db.encryption=none
                camelback.job.db.archive-dir=%s
                camelback.job.db.pre-command.0=sh
                camelback.job.db.pre-command.1=-c
                camelback.job.db.pre-command.2=sleep 300 & echo $! > %s; wait
                camelback.job.db.post-command.0=sh
                camelback.job.db.post-command.1=-c
                camelback.job.db.post-command.2=echo "$CAMELBACK_OUTCOME" > %s
                """.formatted(source, tmp.resolve("target"), tmp.resolve("cache"), child, tmp.resolve("post-outcome")));
        Path output = tmp.resolve("output");
        Process process = new ProcessBuilder(command("--config", config.toString(), "backup", "db"))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        while (!Files.exists(child) || Files.readString(child).isBlank()) {
            assertThat(process.isAlive()).as("camelback ended before its pre-command started").isTrue();
            Thread.sleep(50);
        }
        process.destroy(); // SIGTERM
        int exit = process.waitFor();
        ProcessHandle sleeper = ProcessHandle.of(Long.parseLong(Files.readString(child).strip())).orElse(null);
        if (sleeper != null) {
            sleeper.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        String printed = Files.readString(output);
        assertThat(exit).as(printed).isEqualTo(143);
        assertThat(printed).contains("FAILED: camelback is stopping: the pre-command was killed");
        assertThat(Files.readString(tmp.resolve("post-outcome")).strip()).isEqualTo("FAILED");
        assertThat(tmp.resolve("cache/lockfile")).doesNotExist();
    }
}
