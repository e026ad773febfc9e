package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Restored entries on disk: small files written on the pool, large ones streamed, directories finished last. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TreeWriterTest {
    private static final long DIR_MTIME = 1_600_000_000L;
    private static final long FILE_MTIME = 1_650_000_000L;

    @TempDir
    Path temp;

    private final List<String> failures = new ArrayList<>();

    @Test
    void writesSmallAndLargeFilesWithTheirContentModeAndTime() throws IOException {
        Path dest = temp.resolve("out");
        Random random = new Random(3);
        int[] sizes = {0, 1, 4096, FileWritePool.MAX_FILE - 1, FileWritePool.MAX_FILE, FileWritePool.MAX_FILE + 1,
                2 * FileWritePool.MAX_FILE + 5};
        List<byte[]> contents = new ArrayList<>();
        try (TreeWriter writer = writer(dest)) {
            writer.write(directory("", 0755));
            for (int size : sizes) {
                byte[] content = new byte[size];
                random.nextBytes(content);
                contents.add(content);
                writer.write(file("f" + size, 0640, content));
            }
            writer.finish();
            assertThat(writer.files()).isEqualTo(sizes.length + 1);
            assertThat(writer.bytes()).isEqualTo(contents.stream().mapToLong(c -> c.length).sum());
        }
        for (int i = 0; i < sizes.length; i++) {
            Path f = dest.resolve("f" + sizes[i]);
            assertThat(Files.readAllBytes(f)).as(f.toString()).isEqualTo(contents.get(i));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r-----");
            assertThat(mtime(f)).isEqualTo(FILE_MTIME);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void setsADirectorysTimeAndModeOnlyAfterEveryFileInItIsWritten() throws IOException {
        Path dest = temp.resolve("out");
        try (TreeWriter writer = writer(dest)) {
            writer.write(directory("", 0755));
            writer.write(directory("full", 0555));
            for (int i = 0; i < 500; i++) {
                writer.write(file("full/f" + String.format("%03d", i), 0444, ("file " + i).getBytes(StandardCharsets.UTF_8)));
            }
            writer.write(directory("next", 0700));
            writer.write(file("next/g", 0600, new byte[10]));
            writer.finish();
        }
        Path full = dest.resolve("full");
        assertThat(mtime(full)).isEqualTo(DIR_MTIME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(full))).isEqualTo("r-xr-xr-x");
        try (var listing = Files.list(full)) {
            assertThat(listing.count()).isEqualTo(500);
        }
        assertThat(Files.readString(full.resolve("f499"))).isEqualTo("file 499");
        assertThat(mtime(dest.resolve("next"))).isEqualTo(DIR_MTIME);
        assertThat(mtime(dest)).isEqualTo(DIR_MTIME);
        assertThat(failures).isEmpty();
    }

    @Test
    void reportsAFileThatCannotBeWrittenWithItsPathAndWritesTheOthers() throws IOException {
        Path dest = temp.resolve("out");
        // A non-empty directory where the backup has a file: the finished file cannot be renamed over it.
        Files.createDirectories(dest.resolve("blocked/inside"));
        try (TreeWriter writer = writer(dest)) {
            writer.write(directory("", 0755));
            writer.write(file("a", 0644, new byte[] {1}));
            writer.write(file("blocked", 0644, new byte[] {2}));
            writer.write(file("c", 0644, new byte[] {3}));
            writer.finish();
        }
        assertThat(failures).singleElement().asString().startsWith("blocked: ");
        assertThat(Files.readAllBytes(dest.resolve("a"))).containsExactly(1);
        assertThat(Files.readAllBytes(dest.resolve("c"))).containsExactly(3);
        try (var listing = Files.list(dest)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a", "blocked", "c");
        }
    }

    private TreeWriter writer(Path dest) {
        return new TreeWriter(dest, PathIndex.ROOT, false, (index, e) -> failures.add(index + ": " + e.getMessage()));
    }

    private static ArchiveEntry directory(String path, int mode) {
        TarHeader h = new TarHeader(path.getBytes(StandardCharsets.UTF_8), TarHeader.DIRECTORY, mode, 0, 0, 0, DIR_MTIME,
                new byte[0], "", "", 0, 0);
        return new ArchiveEntry(EntryName.Kind.SNAPSHOT, PathIndex.of(path), h, InputStream.nullInputStream());
    }

    private static ArchiveEntry file(String path, int mode, byte[] content) {
        TarHeader h = new TarHeader(path.getBytes(StandardCharsets.UTF_8), TarHeader.REGULAR, mode, 0, 0, content.length,
                FILE_MTIME, new byte[0], "", "", 0, 0);
        return new ArchiveEntry(EntryName.Kind.SNAPSHOT, PathIndex.of(path), h, new ByteArrayInputStream(content));
    }

    private static long mtime(Path p) throws IOException {
        return ((FileTime) Files.getAttribute(p, "lastModifiedTime", LinkOption.NOFOLLOW_LINKS)).to(TimeUnit.SECONDS);
    }
}
