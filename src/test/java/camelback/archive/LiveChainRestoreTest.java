package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import camelback.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain of a full and three incrementals made by stock duplicity during the test (--volsize 1),
 * restored at every time point and compared with the source tree as it was backed up.
 */
class LiveChainRestoreTest {
    private static final long T0 = 1700000000L;
    private static final long[] TIMES = {T0, T0 + 1000, T0 + 2000, T0 + 3000};
    private static final long MTIME = 1690000000L;

    @TempDir
    static Path shared;
    static Path src;
    static Path target;
    static final List<Map<String, String>> SNAPSHOTS = new ArrayList<>();

    @TempDir
    Path temp;

    @BeforeAll
    static void backUpFourVersionsWithDuplicity() throws Exception {
        src = Files.createDirectories(shared.resolve("src"));
        target = Files.createDirectories(shared.resolve("target"));
        Random random = new Random(42);
        write("a.txt", "first file\n", 0);
        write("dir/x.txt", "x in dir\n", 0);
        write("dir/sub/y.txt", "y deeper\n", 0);
        write("fill1.bin", random(random, 1_500_000), 0);
        write("grow.bin", random(random, 100_000), 0);
        write("keep.txt", "kept\n", 0);
        write("mode.sh", "#!/bin/sh\n", 0);
        write("ren-old.txt", "renamed later\n", 0);
        Files.createSymbolicLink(src.resolve("link"), Path.of("a.txt"));
        settle();
        duplicity("full", 0);

        Files.delete(src.resolve("a.txt"));
        Files.move(src.resolve("ren-old.txt"), src.resolve("ren-new.txt"));
        byte[] grown = random(random, 2_500_000);
        System.arraycopy(Files.readAllBytes(src.resolve("grow.bin")), 0, grown, 0, 100_000);
        write("grow.bin", grown, 1);
        Files.setPosixFilePermissions(src.resolve("mode.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.delete(src.resolve("link"));
        Files.createSymbolicLink(src.resolve("link"), Path.of("keep.txt"));
        settle();
        duplicity("incremental", 1);

        deleteTree(src.resolve("dir"));
        write("dir2/new.txt", "a new directory\n", 2);
        write("keep.txt", "kept, changed in the second increment\n", 2);
        settle();
        duplicity("incremental", 2);

        byte[] middle = Files.readAllBytes(src.resolve("grow.bin"));
        middle[1_200_000] ^= 1;
        write("grow.bin", middle, 3);
        write("keep.txt", "kept, changed again in the third increment\n", 3);
        write("new-big.bin", random(random, 2_200_000), 3);
        settle();
        duplicity("incremental", 3);
    }

    private static void write(String path, String content, int step) throws IOException {
        write(path, content.getBytes(java.nio.charset.StandardCharsets.UTF_8), step);
    }

    private static void write(String path, byte[] content, int step) throws IOException {
        Path p = src.resolve(path);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        Files.setLastModifiedTime(p, FileTime.from(java.time.Instant.ofEpochSecond(MTIME + step * 100L)));
    }

    /** Gives every directory a fixed past mtime so later changes always move it. */
    private static void settle() throws IOException {
        try (Stream<Path> paths = Files.walk(src)) {
            for (Path p : paths.toList()) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setLastModifiedTime(p, FileTime.from(java.time.Instant.ofEpochSecond(MTIME + SNAPSHOTS.size() * 100L)));
                }
            }
        }
    }

    private static void duplicity(String kind, int step) throws Exception {
        SNAPSHOTS.add(TreeSnapshot.of(src));
        Processes.ok(Map.of("HOME", shared.toString()), "duplicity", kind, "--no-encryption", "--volsize", "1",
                "--current-time", Long.toString(TIMES[step]), "--archive-dir", shared.resolve("cache").toString(),
                "--name", "live", src.toString(), "file://" + target);
    }

    private static byte[] random(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String incName(int step, int volume) {
        return "duplicity-inc." + BackupTime.format(TIMES[step - 1]) + ".to." + BackupTime.format(TIMES[step]) + ".vol" + volume
                + ".difftar.gz";
    }

    private static String fullName(int volume) {
        return "duplicity-full." + BackupTime.format(T0) + ".vol" + volume + ".difftar.gz";
    }

    private RestoreResult restore(ArchiveSource source, Path dest, long time, String path, boolean ignoreErrors)
            throws IOException {
        return new Restorer(source).restore(new RestoreOptions(dest, time, path == null ? null : PathIndex.of(path), false, ignoreErrors));
    }

    @Test
    void chainHasSeveralVolumesInTheFullAndTheLastIncrement() throws IOException {
        Collection collection = Collection.of(new FolderArchiveSource(target, temp).names());
        BackupChain chain = collection.chains().get(0);
        assertThat(chain.incrementals()).hasSize(3);
        assertThat(chain.fullSet().volumes()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(chain.incrementals().get(0).volumes()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(chain.incrementals().get(2).volumes()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void restoresEveryTimePointAsItWasBackedUp() throws IOException {
        for (int step = 0; step < TIMES.length; step++) {
            Path dest = temp.resolve("at" + step);
            RestoreResult result = restore(new FolderArchiveSource(target, temp), dest, TIMES[step], null, false);
            assertThat(result.errors()).isEmpty();
            assertThat(TreeSnapshot.of(dest)).as("state %d", step).isEqualTo(SNAPSHOTS.get(step));
        }
        Path between = temp.resolve("between");
        restore(new FolderArchiveSource(target, temp), between, TIMES[1] + 500, null, false);
        assertThat(TreeSnapshot.of(between)).isEqualTo(SNAPSHOTS.get(1));
        Path latest = temp.resolve("latest");
        restore(new FolderArchiveSource(target, temp), latest, Long.MAX_VALUE, null, false);
        assertThat(TreeSnapshot.of(latest)).isEqualTo(SNAPSHOTS.get(3));
    }

    @Test
    @Timeout(60) // a deadlock fails the test instead of hanging the build
    void restoresThroughATinyPlaintextBudgetWhileReadingFullAndIncrementsInTurn() throws IOException {
        // Two 4 KiB chunks: a volume the reader is not waiting for may hold one, so decoders wait for the reader most
        // of the time and the awaited volume spills when the other holds its chunk; a wrong rule deadlocks instead.
        for (int step = 1; step < TIMES.length; step++) {
            Path dest = temp.resolve("tiny" + step);
            RestoreResult result = new Restorer(new FolderArchiveSource(target, temp), 2, 4096)
                    .restore(new RestoreOptions(dest, TIMES[step], null, false, false));
            assertThat(result.errors()).isEmpty();
            assertThat(TreeSnapshot.of(dest)).as("state %d", step).isEqualTo(SNAPSHOTS.get(step));
        }
    }

    @Test
    @Timeout(60) // a deadlock fails the test instead of hanging the build
    void restoresTheChainWithFewerDecodeThreadsThanSets() throws IOException {
        // Four sets, one or two threads: the reader waits for volumes that wait for a thread, and the decoders holding
        // the threads must spill rather than wait for a reader that waits for them.
        for (int threads = 1; threads <= 2; threads++) {
            Path dest = temp.resolve("threads" + threads);
            RestoreResult result = new Restorer(new FolderArchiveSource(target, temp), 4, 4096, threads)
                    .restore(new RestoreOptions(dest, Long.MAX_VALUE, null, false, false));
            assertThat(result.errors()).isEmpty();
            assertThat(TreeSnapshot.of(dest)).as("%d threads", threads).isEqualTo(SNAPSHOTS.get(3));
        }
    }

    @Test
    @Timeout(60)
    void restoresTheChainWithoutSpillingPlaintextWhileTheReaderTakesFullAndIncrementsInTurn() throws Exception {
        // Each set decodes on its own thread, so the full set's volume waits in memory while the reader waits for an
        // increment's, instead of going to disk; with one decoder for all sets it spilled here. 16 chunks leave a
        // reserve of 4, one for each set merged.
        Path scratch = Files.createDirectories(temp.resolve("watched-scratch"));
        Path dest = temp.resolve("unspilled");
        List<String> created = new ArrayList<>();
        try (WatchService watch = scratch.getFileSystem().newWatchService()) {
            scratch.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            RestoreResult result = new Restorer(new FolderArchiveSource(target, temp, null, scratch), 16, 4096)
                    .restore(new RestoreOptions(dest, Long.MAX_VALUE, null, false, false));
            assertThat(result.errors()).isEmpty();
            // inotify events reach the watch service on its own thread: give them a moment
            WatchKey key = watch.poll(1, TimeUnit.SECONDS);
            if (key != null) {
                key.pollEvents().forEach(e -> created.add(e.context().toString()));
            }
        }

        assertThat(TreeSnapshot.of(dest)).isEqualTo(SNAPSHOTS.get(3));
        assertThat(created).noneMatch(name -> name.startsWith("plain-"));
    }

    @Test
    void listsEveryTimePoint() throws IOException {
        for (int step = 0; step < TIMES.length; step++) {
            List<String> listed = new ArrayList<>();
            new Lister(new FolderArchiveSource(target, temp)).list(TIMES[step], p -> listed.add(p.path()));
            assertThat(listed).as("state %d", step).containsExactlyInAnyOrderElementsOf(SNAPSHOTS.get(step).keySet());
        }
    }

    @Test
    void restoresOneFileFromTheThirdIncrementFetchingOnlyItsVolumes() throws IOException {
        FolderArchiveSource counting = new FolderArchiveSource(target, temp);
        Path dest = temp.resolve("keep.txt");
        restore(counting, dest, Long.MAX_VALUE, "keep.txt", false);
        assertThat(TreeSnapshot.describe(dest)).isEqualTo(SNAPSHOTS.get(3).get("keep.txt"));
        assertThat(counting.fetchCount(fullName(1))).isZero();
        assertThat(counting.fetchCount(incName(3, 2))).isZero();
        assertThat(counting.fetchCount(incName(3, 1))).isEqualTo(1);
        int total = Collection.of(counting.names()).chains().get(0).setsUpTo(Long.MAX_VALUE).stream()
                .mapToInt(s -> s.volumes().size()).sum();
        assertThat(counting.volumeFetches()).isLessThanOrEqualTo(4).isLessThan(total);
    }

    @Test
    void restoresAFileThatGrewAcrossVolumesAndWasPatchedTwice() throws IOException {
        Path dest = temp.resolve("grow.bin");
        restore(new FolderArchiveSource(target, temp), dest, Long.MAX_VALUE, "grow.bin", false);
        assertThat(TreeSnapshot.describe(dest)).isEqualTo(SNAPSHOTS.get(3).get("grow.bin"));
        Path older = temp.resolve("grow-1.bin");
        restore(new FolderArchiveSource(target, temp), older, TIMES[2], "grow.bin", false);
        assertThat(TreeSnapshot.describe(older)).isEqualTo(SNAPSHOTS.get(2).get("grow.bin"));
    }

    @Test
    void restoresDirectories() throws IOException {
        Path dir = temp.resolve("dir");
        restore(new FolderArchiveSource(target, temp), dir, TIMES[1], "dir", false);
        assertThat(TreeSnapshot.of(dir)).isEqualTo(subtree(SNAPSHOTS.get(1), "dir"));
        Path dir2 = temp.resolve("dir2");
        restore(new FolderArchiveSource(target, temp), dir2, Long.MAX_VALUE, "dir2", false);
        assertThat(TreeSnapshot.of(dir2)).isEqualTo(subtree(SNAPSHOTS.get(3), "dir2"));
        assertThatThrownBy(() -> restore(new FolderArchiveSource(target, temp), temp.resolve("gone"), TIMES[2], "dir", false))
                .isInstanceOf(PathNotFoundException.class).hasMessageContaining("dir")
                .hasMessageContaining(BackupTime.format(TIMES[2]));
    }

    @Test
    void damagedVolumeIsSkippedWithIgnoreErrors() throws IOException {
        Path damaged = copyWithFlippedByte(incName(1, 1));
        Path dest = temp.resolve("out");
        RestoreResult result = restore(new FolderArchiveSource(damaged, temp), dest, Long.MAX_VALUE, null, true);
        assertThat(result.errors()).isNotEmpty();
        assertThat(result.errors().get(0)).contains(incName(1, 1), "paths from");
        assertThat(TreeSnapshot.describe(dest.resolve("keep.txt"))).isEqualTo(SNAPSHOTS.get(3).get("keep.txt"));
        assertThat(TreeSnapshot.describe(dest.resolve("new-big.bin"))).isEqualTo(SNAPSHOTS.get(3).get("new-big.bin"));
        // the skipped volume held the deletion of a.txt and the first delta of grow.bin: both in its reported range
        assertThat(result.errors()).anySatisfy(e -> assertThat(e).contains("grow.bin"));
        assertOnlyCorrectFilesUnder(dest, SNAPSHOTS.get(3), java.util.Set.of("a.txt", "grow.bin"));
    }

    @Test
    void damagedVolumeFailsWithoutIgnoreErrorsLeavingNoWrongFile() throws IOException {
        Path damaged = copyWithFlippedByte(incName(3, 2));
        Path dest = temp.resolve("out");
        assertThatThrownBy(() -> restore(new FolderArchiveSource(damaged, temp), dest, Long.MAX_VALUE, null, false))
                .isInstanceOf(VolumeHashMismatchException.class).hasMessageContaining(incName(3, 2));
        assertOnlyCorrectFilesUnder(dest, SNAPSHOTS.get(3), java.util.Set.of());
    }

    @Test
    void undecodableVolumeWithAMatchingHashIsReported() throws IOException {
        Path damaged = copyWithFlippedByte(incName(3, 2));
        Path manifest = damaged.resolve("duplicity-inc." + BackupTime.format(TIMES[2]) + ".to." + BackupTime.format(TIMES[3])
                + ".manifest");
        String fixed = Files.readString(manifest).replace(TreeSnapshotSha1.of(target.resolve(incName(3, 2))),
                TreeSnapshotSha1.of(damaged.resolve(incName(3, 2))));
        Files.writeString(manifest, fixed);
        Path dest = temp.resolve("out");
        assertThatThrownBy(() -> restore(new FolderArchiveSource(damaged, temp), dest, Long.MAX_VALUE, null, false))
                .isInstanceOf(VolumeReadException.class).hasMessageContaining(incName(3, 2));
        assertOnlyCorrectFilesUnder(dest, SNAPSHOTS.get(3), java.util.Set.of());
        Path skipped = temp.resolve("skipped");
        RestoreResult result = restore(new FolderArchiveSource(damaged, temp), skipped, Long.MAX_VALUE, null, true);
        assertThat(result.errors()).anySatisfy(e -> assertThat(e).contains(incName(3, 2), "new-big.bin"));
        assertThat(Files.exists(skipped.resolve("new-big.bin"))).isFalse();
        assertThat(TreeSnapshot.describe(skipped.resolve("keep.txt"))).isEqualTo(SNAPSHOTS.get(3).get("keep.txt"));
    }

    @Test
    void missingVolumeIsNamedBeforeAnythingIsWritten() throws IOException {
        Path damaged = copyWithFlippedByte(null);
        Files.delete(damaged.resolve(incName(3, 2)));
        Path dest = temp.resolve("out");
        assertThatThrownBy(() -> restore(new FolderArchiveSource(damaged, temp), dest, Long.MAX_VALUE, null, false))
                .isInstanceOf(VolumeMissingException.class).hasMessageContaining("vol2").hasMessageContaining("missing");
        assertThat(Files.exists(dest)).isFalse();
    }

    /** Every regular file under dest, except those in {@code outOfDate}, has the content and attributes it should have. */
    private static void assertOnlyCorrectFilesUnder(Path dest, Map<String, String> expected, java.util.Set<String> outOfDate)
            throws IOException {
        if (!Files.exists(dest)) {
            return;
        }
        Map<String, String> actual = TreeSnapshot.of(dest);
        for (Map.Entry<String, String> e : actual.entrySet()) {
            if (e.getValue().startsWith("file ") && !outOfDate.contains(e.getKey())) {
                assertThat(e.getKey()).doesNotStartWith(".camelback-restore-");
                assertThat(e.getValue()).as(e.getKey()).isEqualTo(expected.get(e.getKey()));
            }
        }
    }

    private Path copyWithFlippedByte(String name) throws IOException {
        Path copy = Files.createDirectories(temp.resolve("damaged"));
        try (Stream<Path> files = Files.list(target)) {
            for (Path p : files.toList()) {
                Files.copy(p, copy.resolve(p.getFileName()));
            }
        }
        if (name != null) {
            byte[] bytes = Files.readAllBytes(copy.resolve(name));
            bytes[bytes.length / 2] ^= 0x10;
            Files.write(copy.resolve(name), bytes);
        }
        return copy;
    }

    private static Map<String, String> subtree(Map<String, String> snapshot, String dir) {
        Map<String, String> out = new TreeMap<>();
        snapshot.forEach((k, v) -> {
            if (k.equals(dir)) {
                out.put(".", v);
            } else if (k.startsWith(dir + "/")) {
                out.put(k.substring(dir.length() + 1), v);
            }
        });
        return out;
    }
}
