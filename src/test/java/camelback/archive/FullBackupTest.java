package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import camelback.testing.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full backup of source-v1 compared with duplicity's vector (a), and restored by us and by stock duplicity. */
class FullBackupTest {
    private static final long MIB = 1 << 20;

    @TempDir
    static Path shared;
    static Path source;
    static BackupRun run;

    @TempDir
    Path temp;

    @BeforeAll
    static void backUpSourceV1() throws Exception {
        source = VectorFiles.extractSourceV1(shared);
        run = new BackupRun(shared).full(new BackupOptions(source, "/tmp/duptest/src", "duptest-host", MIB,
                shared.resolve("work")), VectorFiles.T_FULL, FileOpener.DEFAULT);
    }

    private static boolean root() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    @Test
    void volumesHoldTheSameEntriesAsVectorA() throws IOException {
        assertThat(run.volumes).hasSize(2);
        for (int n = 1; n <= 2; n++) {
            byte[] vector = VectorFiles.gunzip(VectorFiles.A_TARGET.resolve(VectorFiles.FULL + ".vol" + n + ".difftar.gz"));
            byte[] ours = run.plainVolume(n);
            assertThat(TarFormatTest.entries(ours)).isEqualTo(TarFormatTest.entries(vector));
            assertThat(ours.length % 10240).as("tar end padded to a record").isZero();
        }
        PlainVolume vol1 = run.volumes.get(0);
        assertThat(vol1.startPath()).isEqualTo(".");
        assertThat(vol1.endPath()).isEqualTo("big.bin");
        assertThat(vol1.endBlock()).isEqualTo(15);
        assertThat(run.volumes.get(1).startBlock()).isEqualTo(16);
        assertThat(run.volumes.get(1).endPath()).isEqualTo("ünïcödé-名前.txt");
    }

    @Test
    void volumeBytesEqualVectorAWhenOwnedByRoot() throws IOException {
        assumeTrue(root(), "owner names come from the OS: root only");
        byte[] vector = VectorFiles.gunzip(VectorFiles.A_TARGET.resolve(VectorFiles.FULL + ".vol1.difftar.gz"));
        assertThat(run.plainVolume(1)).startsWith(vector);
    }

    @Test
    void signatureFileIsByteIdenticalToVectorA() throws IOException {
        assumeTrue(root(), "owner names come from the OS: root only");
        assertThat(run.plainSignatures())
                .isEqualTo(VectorFiles.gunzip(VectorFiles.A_TARGET.resolve(VectorFiles.FULL_SIGS + ".gz")));
    }

    @Test
    void manifestEqualsVectorAExceptHashes() throws IOException {
        String vector = Files.readString(VectorFiles.A_TARGET.resolve(VectorFiles.FULL + ".manifest"), StandardCharsets.UTF_8);
        String ours = new String(run.manifest(), StandardCharsets.UTF_8);
        assertThat(ours.replaceAll("Hash SHA1 [0-9a-f]{40}", "Hash SHA1 X"))
                .isEqualTo(vector.replaceAll("Hash SHA1 [0-9a-f]{40}", "Hash SHA1 X"));
        assertThat(ours).contains("Hash SHA1 " + TreeSnapshotSha1.of(run.target.resolve(run.setName.volume(1, ".gz"))));
    }

    @Test
    void statisticsCountLikeDuplicity() throws IOException {
        BackupStatistics s = run.stats;
        assertThat(s.sourceFiles()).isEqualTo(14);
        assertThat(s.newFiles()).isEqualTo(14);
        assertThat(s.deltaEntries()).isEqualTo(14);
        assertThat(s.rawDeltaSize()).isEqualTo(1170215);
        assertThat(s.errors()).isZero();
        assertThat(s.totalDestinationSizeChange()).isEqualTo(Files.size(run.target.resolve(run.setName.volume(1, ".gz")))
                + Files.size(run.target.resolve(run.setName.volume(2, ".gz"))));
        assertThat(s.render()).contains("RawDeltaSize 1170215 (1.12 MB)\n").contains("Errors 0\n");
    }

    @Test
    void ourRestorerRestoresOurBackup() throws IOException {
        Path dest = temp.resolve("out");
        RestoreResult result = new Restorer(new FolderArchiveSource(run.target, temp))
                .restore(new RestoreOptions(dest, Long.MAX_VALUE, null, false, false));
        assertThat(result.errors()).isEmpty();
        assertThat(result.files()).isEqualTo(14);
        assertThat(result.bytes()).isEqualTo(1170215);
        assertThat(TreeSnapshot.of(dest)).isEqualTo(TreeSnapshot.of(source));
    }

    @Test
    void stockDuplicityRestoresOurBackup() throws Exception {
        Path dest = temp.resolve("dup-out");
        Processes.ok(Map.of("HOME", temp.toString()), "duplicity", "restore", "--no-encryption",
                "--archive-dir", temp.resolve("cache").toString(), "file://" + run.target, dest.toString());
        assertThat(TreeSnapshot.of(dest)).isEqualTo(TreeSnapshot.of(source));
    }

    @Test
    void ourRestorerRestoresVectorAFullSet() throws IOException {
        Path dest = temp.resolve("vector-out");
        FolderArchiveSource vector = new FolderArchiveSource(VectorFiles.A_TARGET, temp);
        RestoreResult result = new Restorer(vector).restore(new RestoreOptions(dest, VectorFiles.T_FULL, null, false, false));
        assertThat(result.errors()).isEmpty();
        assertThat(TreeSnapshot.of(dest)).isEqualTo(TreeSnapshot.of(source));
        assertThat(Files.readSymbolicLink(dest.resolve("link"))).isEqualTo(Path.of("hello.txt"));
        assertThat(Files.isDirectory(dest.resolve("empty-dir"))).isTrue();
        assertThat(Files.readString(dest.resolve("ünïcödé-名前.txt"))).isEqualTo("non-ASCII file name: ünïcödé 名前\n");
    }

    @Test
    void timeBeforeTheFirstBackupUsesTheOldestChain() throws IOException {
        Path dest = temp.resolve("early");
        new Restorer(new FolderArchiveSource(run.target, temp)).restore(new RestoreOptions(dest, 0, PathIndex.of("hello.txt"), false, false));
        assertThat(Files.readString(dest)).isEqualTo("Hello, world!\n");
    }

    @Test
    void singleFileRestoreFetchesOnlyTheVolumesThatHoldIt() throws IOException {
        FolderArchiveSource counting = new FolderArchiveSource(run.target, temp);
        Restorer restorer = new Restorer(counting);
        Path hello = temp.resolve("hello-copy.txt");
        restorer.restore(new RestoreOptions(hello, Long.MAX_VALUE, PathIndex.of("hello.txt"), false, false));
        assertThat(Files.readString(hello)).isEqualTo("Hello, world!\n");
        assertThat(TreeSnapshot.describe(hello)).isEqualTo(TreeSnapshot.describe(source.resolve("hello.txt")));
        assertThat(counting.volumeFetches()).isEqualTo(1);
        assertThat(counting.fetchCount(run.setName.volume(2, ".gz"))).isEqualTo(1);

        FolderArchiveSource forReadme = new FolderArchiveSource(run.target, temp);
        new Restorer(forReadme).restore(new RestoreOptions(temp.resolve("readme"), Long.MAX_VALUE, PathIndex.of("README.txt"), false, false));
        assertThat(forReadme.volumeFetches()).isEqualTo(1);
        assertThat(forReadme.fetchCount(run.setName.volume(1, ".gz"))).isEqualTo(1);

        FolderArchiveSource forBig = new FolderArchiveSource(run.target, temp);
        new Restorer(forBig).restore(new RestoreOptions(temp.resolve("big"), Long.MAX_VALUE, PathIndex.of("big.bin"), false, false));
        assertThat(forBig.volumeFetches()).isEqualTo(2);
        assertThat(TreeSnapshot.sha256(temp.resolve("big")))
                .isEqualTo("f041e001dd7ab732528bf0fa9ee90f400cab7c79a83bf6e531b78aa18816cedf");
    }

    @Test
    void restoresASubdirectory() throws IOException {
        Path dest = temp.resolve("dir-out");
        RestoreResult result = new Restorer(new FolderArchiveSource(run.target, temp))
                .restore(new RestoreOptions(dest, Long.MAX_VALUE, PathIndex.of("dir"), false, false));
        assertThat(result.files()).isEqualTo(5);
        assertThat(TreeSnapshot.of(dest)).isEqualTo(TreeSnapshot.of(source.resolve("dir")));
    }

    @Test
    void unknownPathIsReported() {
        assertThatThrownBy(() -> new Restorer(new FolderArchiveSource(run.target, temp))
                .restore(new RestoreOptions(temp.resolve("x"), Long.MAX_VALUE, PathIndex.of("no/such/file"), false, false)))
                .isInstanceOf(PathNotFoundException.class).hasMessageContaining("no/such/file");
        assertThatThrownBy(() -> new Restorer(new FolderArchiveSource(run.target, temp))
                .restore(new RestoreOptions(temp.resolve("y"), Long.MAX_VALUE, PathIndex.of("dir/zzz"), false, false)))
                .isInstanceOf(PathNotFoundException.class);
    }

    @Test
    void refusesANonEmptyDestinationUnlessForced() throws IOException {
        Path dest = Files.createDirectories(temp.resolve("busy"));
        Files.writeString(dest.resolve("keep.txt"), "x");
        Restorer restorer = new Restorer(new FolderArchiveSource(run.target, temp));
        assertThatThrownBy(() -> restorer.restore(new RestoreOptions(dest, Long.MAX_VALUE, null, false, false)))
                .isInstanceOf(DestinationNotEmptyException.class).hasMessageContaining(dest.toString());
        Files.writeString(dest.resolve("hello.txt"), "stale, and longer than the restored content");
        restorer.restore(new RestoreOptions(dest, Long.MAX_VALUE, null, true, false));
        assertThat(Files.readString(dest.resolve("hello.txt"))).isEqualTo("Hello, world!\n");
        assertThat(Files.readString(dest.resolve("keep.txt"))).isEqualTo("x");
        try (var names = Files.list(dest)) {
            assertThat(names.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".camelback-restore-"));
        }
        Path empty = Files.createDirectories(temp.resolve("empty"));
        restorer.restore(new RestoreOptions(empty, Long.MAX_VALUE, PathIndex.of("README.txt"), false, false));
        assertThat(Files.isRegularFile(empty)).isTrue();
    }

    @Test
    void bitFlippedVolumeFailsWithItsName() throws IOException {
        Path damaged = Files.createDirectories(temp.resolve("damaged"));
        for (String name : new FolderArchiveSource(run.target, temp).names()) {
            Files.copy(run.target.resolve(name), damaged.resolve(name));
        }
        String vol2 = run.setName.volume(2, ".gz");
        byte[] bytes = Files.readAllBytes(damaged.resolve(vol2));
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(damaged.resolve(vol2), bytes);
        Restorer restorer = new Restorer(new FolderArchiveSource(damaged, temp));
        assertThatThrownBy(() -> restorer.restore(new RestoreOptions(temp.resolve("o1"), Long.MAX_VALUE, null, false, false)))
                .isInstanceOf(VolumeHashMismatchException.class).hasMessageContaining(vol2);
        RestoreResult skipped = restorer.restore(new RestoreOptions(temp.resolve("o2"), Long.MAX_VALUE, null, false, true));
        assertThat(skipped.errors()).singleElement().asString().contains(vol2);
        assertThat(skipped.backupDamaged()).isTrue();
        assertThat(Files.readString(temp.resolve("o2/README.txt"))).startsWith("This is a tiny");
    }

    @Test
    void pathsTheDestinationCannotTakeAreErrorsOfTheDestinationNotOfTheBackup() throws IOException {
        // A destination 4,081 bytes long: README.txt still fits under PATH_MAX (4,096 with its NUL), dir/medium.txt not.
        Path dest = temp.toAbsolutePath();
        while (dest.toString().length() < 4081 - 256) {
            dest = dest.resolve("d".repeat(200));
        }
        dest = dest.resolve("e".repeat(4081 - dest.toString().length() - 1));
        assertThat(dest.toString()).hasSize(4081);

        RestoreResult result = new Restorer(new FolderArchiveSource(run.target, temp))
                .restore(new RestoreOptions(dest, Long.MAX_VALUE, null, false, false));

        assertThat(result.errors()).anyMatch(e -> e.startsWith("dir/medium.txt: "));
        assertThat(result.backupDamaged()).isFalse();
        assertThat(Files.readString(dest.resolve("README.txt"))).startsWith("This is a tiny");
    }

    @Test
    void missingSourceIsReported() {
        Path missing = temp.resolve("nope");
        assertThatThrownBy(() -> BackupSetWriter.full(new BackupOptions(missing, null, null, MIB, temp.resolve("w")), 1,
                new BackupStatistics())).isInstanceOf(SourceMissingException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void fileOlderThan1970IsStoredAtTheEpochAsDuplicityStoresIt() throws IOException {
        Path tree = Files.createDirectories(temp.resolve("old-tree"));
        Path old = Files.writeString(tree.resolve("old.txt"), "from 1965\n");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(java.time.Instant.parse("1965-03-01T12:00:00Z")));
        BackupRun r = new BackupRun(temp).full(new BackupOptions(tree, null, null, MIB, temp.resolve("work")), 1,
                FileOpener.DEFAULT);
        assertThat(r.stats.errors()).isZero();
        TarReader reader = new TarReader(new java.io.ByteArrayInputStream(r.plainVolume(1)), "test");
        TarHeader header;
        do {
            header = reader.next();
        } while (header != null && !header.nameText().equals("snapshot/old.txt"));
        assertThat(header).isNotNull();
        assertThat(header.mtime()).isZero();
    }

    @Test
    void unreadableFileIsCountedAndLeftOut() throws IOException {
        FileOpener failing = path -> {
            if (path.getFileName().toString().equals("hello.txt")) {
                throw new AccessDeniedException(path.toString());
            }
            return FileOpener.DEFAULT.open(path);
        };
        BackupRun broken = new BackupRun(temp).full(new BackupOptions(source, null, null, MIB, temp.resolve("work")),
                VectorFiles.T_FULL, failing);
        assertThat(broken.stats.errors()).isEqualTo(1);
        assertThat(broken.stats.errorList()).singleElement().asString().startsWith("hello.txt: ");
        assertThat(broken.stats.sourceFiles()).isEqualTo(13);
        List<String> entries = new ArrayList<>();
        for (int n = 1; n <= broken.volumes.size(); n++) {
            entries.addAll(TarFormatTest.entries(broken.plainVolume(n)));
        }
        assertThat(entries).noneMatch(e -> e.startsWith("snapshot/hello.txt")).contains("snapshot/link -> hello.txt");
        assertThat(TarFormatTest.entries(broken.plainSignatures())).noneMatch(e -> e.startsWith("signature/hello.txt"))
                .contains("signature/file with space.txt 24");
        assertThat(new String(broken.manifest(), StandardCharsets.UTF_8)).doesNotContain("Hostname", "Localdir", "new      hello.txt")
                .contains("Filelist 8\n");
    }

    @Test
    void aPathLongerThanPathMaxIsCountedAndEverythingElseBackedUp() throws Exception {
        Path tree = Files.createDirectories(temp.resolve("deep-tree"));
        Files.writeString(tree.resolve("ok.txt"), "ok\n");
        // 17 names of 250 bytes: made one cd at a time, since the whole path is past what one system call takes
        Process mkdirs = new ProcessBuilder("bash", "-c",
                "cd \"$1\" && for i in $(seq 10 26); do d=$i$(printf 'q%.0s' $(seq 248)); mkdir $d && cd $d || exit 1; done"
                        + " && echo deep > deepest.txt", "mkdirs", tree.toString()).inheritIO().start();
        assertThat(mkdirs.waitFor()).isZero();

        try {
            BackupRun r = new BackupRun(temp).full(new BackupOptions(tree, null, null, MIB, temp.resolve("work")), 1,
                    FileOpener.DEFAULT);

            assertThat(r.stats.errors()).isEqualTo(1);
            assertThat(r.stats.errorList()).singleElement().asString().contains("cannot read its metadata", "File name too long");
            assertThat(TarFormatTest.entries(r.plainVolume(1))).contains("snapshot/ok.txt 3")
                    .anyMatch(e -> e.startsWith("snapshot/10q"));
        } finally {
            // JUnit's temp dir cleanup cannot reach so deep; rm works relative to each directory it opens
            assertThat(new ProcessBuilder("rm", "-rf", tree.toString()).inheritIO().start().waitFor()).isZero();
        }
    }

    @Test
    void unreadablePermissionsAreCountedWhenNotRoot() throws IOException {
        assumeTrue(!root(), "root reads files whatever their mode");
        Path tree = Files.createDirectories(temp.resolve("perm"));
        Files.writeString(tree.resolve("secret"), "s");
        Files.writeString(tree.resolve("open"), "o");
        Files.setPosixFilePermissions(tree.resolve("secret"), java.util.Set.of());
        BackupRun r = new BackupRun(temp).full(new BackupOptions(tree, null, null, MIB, temp.resolve("work")), 1,
                FileOpener.DEFAULT);
        assertThat(r.stats.errors()).isEqualTo(1);
    }
}
