package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory's names in index order, from memory or merged from sorted runs on disk when there are too many. */
class DirectoryListingTest {
    @TempDir
    Path temp;

    @Test
    void givesTheNamesInRawByteOrder() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("dir"));
        for (String name : List.of("b", "a", "B", "a.txt", "ä", "A", "_")) {
            Files.createFile(dir.resolve(name));
        }
        try (DirectoryListing listing = DirectoryListing.read(dir, spillDir())) {
            assertThat(drain(listing)).containsExactly("A", "B", "_", "a", "a.txt", "b", "ä");
        }
        assertThat(spillDir()).isEmptyDirectory();
    }

    @Test
    void mergesABigDirectoryFromSortedRunsInTheSameOrder() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("dir"));
        List<String> names = randomNames(dir, 700);
        try (DirectoryListing listing = DirectoryListing.read(dir, spillDir(), 2000, 64)) {
            assertThat(runFiles()).as("runs of about 50 names").hasSizeGreaterThan(10);
            assertThat(drain(listing)).containsExactlyElementsOf(names.stream().sorted(DirectoryListingTest::byBytes).toList());
            assertThat(runFiles()).as("each run deleted once merged to its end").isEmpty();
        }
    }

    @Test
    void mergesRunsBeforeTooManyAreOpenAtOnce() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("dir"));
        List<String> names = randomNames(dir, 700);
        // About 14 names per run and at most 4 runs open: the listing is merged in several passes.
        try (DirectoryListing listing = DirectoryListing.read(dir, spillDir(), 500, 4)) {
            assertThat(runFiles()).hasSizeLessThanOrEqualTo(4);
            assertThat(drain(listing)).containsExactlyElementsOf(names.stream().sorted(DirectoryListingTest::byBytes).toList());
        }
        assertThat(runFiles()).isEmpty();
    }

    @Test
    void closingMidwayDeletesTheRunsLeft() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("dir"));
        randomNames(dir, 300);
        DirectoryListing listing = DirectoryListing.read(dir, spillDir(), 1000, 64);
        for (int i = 0; i < 10; i++) {
            assertThat(listing.next()).isNotNull();
        }
        assertThat(runFiles()).isNotEmpty();
        listing.close();
        assertThat(runFiles()).isEmpty();
    }

    @Test
    void saysWhereARunCouldNotBeWritten() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("dir"));
        randomNames(dir, 100);
        Path notADirectory = Files.createFile(temp.resolve("spill-is-a-file"));
        assertThatThrownBy(() -> DirectoryListing.read(dir, notADirectory, 500, 64)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot write part of a big directory's listing to " + notADirectory);
    }

    @Test
    void reportsADirectoryThatCannotBeListedAsIoException() throws IOException {
        Path file = Files.createFile(temp.resolve("plain"));
        assertThatThrownBy(() -> DirectoryListing.read(file, spillDir())).isInstanceOf(NotDirectoryException.class);
        assertThat(spillDir()).isEmptyDirectory();
    }

    @Test
    void backsUpAndRestoresADirectoryTooBigToSortInMemory() throws Exception {
        Path src = Files.createDirectories(temp.resolve("src"));
        Path spool = Files.createDirectories(src.resolve("spool"));
        // Names of 200 bytes: about 17,000 of them fill a run, so this directory is merged from two.
        int files = DirectoryListing.RUN_BYTES / 230 + 1000;
        Random random = new Random(3);
        for (int i = 0; i < files; i++) {
            Path p = spool.resolve(String.format("%08x", random.nextInt()) + "-" + "m".repeat(191));
            Files.writeString(p, "message " + i);
            Files.setLastModifiedTime(p, FileTime.from(Instant.ofEpochSecond(1_600_000_000L)));
        }
        Files.writeString(src.resolve("after-the-spool"), "last");
        Map<String, String> expected = TreeSnapshot.of(src);
        Path work = temp.resolve("work");
        ChainRun run = new ChainRun(temp.resolve("target"), temp.resolve("plain"))
                .full(new BackupOptions(src, null, null, 4 << 20, work), 1_700_000_000L);
        assertThat(work).isEmptyDirectory();
        Path dest = temp.resolve("out");
        RestoreResult result = new Restorer(new FolderArchiveSource(run.target, temp))
                .restore(new RestoreOptions(dest, Long.MAX_VALUE, null, false, false));
        assertThat(result.errors()).isEmpty();
        assertThat(TreeSnapshot.of(dest)).isEqualTo(expected);
    }

    private Path spillDir() throws IOException {
        return Files.createDirectories(temp.resolve("spill"));
    }

    private List<Path> runFiles() throws IOException {
        try (Stream<Path> files = Files.list(spillDir())) {
            return files.toList();
        }
    }

    private static List<String> randomNames(Path dir, int count) throws IOException {
        Random random = new Random(count);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "f" + Integer.toString(random.nextInt(1 << 30), 36) + (i % 3 == 0 ? "é" : "");
            if (!names.contains(name)) {
                names.add(name);
                Files.createFile(dir.resolve(name));
            }
        }
        return names;
    }

    private static List<String> drain(DirectoryListing listing) {
        List<String> names = new ArrayList<>();
        for (byte[] name; (name = listing.next()) != null; ) {
            names.add(new String(name, StandardCharsets.UTF_8));
        }
        return names;
    }

    private static int byBytes(String a, String b) {
        return IndexOrder.compareBytes(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8));
    }
}
