package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import camelback.testing.Processes;
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
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Restored entries on disk: small files written on the pool, large ones streamed, directories finished last; through
 * the C library's calls and through the JDK's alike.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TreeWriterTest {
    private static final long DIR_MTIME = 1_600_000_000L;
    private static final long FILE_MTIME = 1_650_000_000L;

    @TempDir
    Path temp;

    private final List<String> failures = new ArrayList<>();

    /** How new files are made: through the C library (as restores do on Linux) or through the JDK only. */
    enum Calls {
        LIBC, JDK;

        Optional<LibcFiles> libc() {
            if (this == JDK) {
                return Optional.empty();
            }
            Optional<LibcFiles> libc = LibcFiles.open(Path.of(System.getProperty("java.io.tmpdir")));
            assertThat(libc).as("the C library's calls, as Linux restores use them").isPresent();
            return libc;
        }
    }

    @ParameterizedTest
    @EnumSource(Calls.class)
    void writesSmallAndLargeFilesWithTheirContentModeAndTime(Calls calls) throws IOException {
        Path dest = temp.resolve("out");
        Random random = new Random(3);
        int[] sizes = {0, 1, 4096, FileWritePool.MAX_FILE - 1, FileWritePool.MAX_FILE, FileWritePool.MAX_FILE + 1,
                2 * FileWritePool.MAX_FILE + 5};
        List<byte[]> contents = new ArrayList<>();
        try (TreeWriter writer = writer(dest, calls)) {
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

    @ParameterizedTest
    @EnumSource(Calls.class)
    void setsADirectorysTimeAndModeOnlyAfterEveryFileInItIsWritten(Calls calls) throws IOException {
        Path dest = temp.resolve("out");
        try (TreeWriter writer = writer(dest, calls)) {
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

    @ParameterizedTest
    @EnumSource(Calls.class)
    void reportsAFileThatCannotBeWrittenWithItsPathAndWritesTheOthers(Calls calls) throws IOException {
        Path dest = temp.resolve("out");
        // A non-empty directory where the backup has a file: the finished file cannot be renamed over it.
        Files.createDirectories(dest.resolve("blocked/inside"));
        try (TreeWriter writer = writer(dest, calls)) {
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

    @ParameterizedTest
    @EnumSource(Calls.class)
    void givesEveryModeAndTimeExactlyAndReplacesFilesInTheWay(Calls calls) throws IOException {
        Path dest = temp.resolve("out");
        // modes the umask would clear, setuid, setgid and sticky bits, none at all; times before 1970 and after 2262
        int[] modes = {0000, 0444, 0666, 0777, 04755, 02750, 01777, 0600};
        long[] mtimes = {-86_400L * 365, 0, FILE_MTIME, 10_000_000_000L};
        Files.createDirectories(dest);
        Files.writeString(dest.resolve("m0600"), "an older file the restore replaces");
        try (TreeWriter writer = writer(dest, calls)) {
            writer.write(directory("", 0755));
            for (int i = 0; i < modes.length; i++) {
                writer.write(file(String.format("m%04o", modes[i]), modes[i], mtimes[i % mtimes.length],
                        ("mode " + i).getBytes(StandardCharsets.UTF_8)));
            }
            writer.write(file("large", 0640, mtimes[3], new byte[FileWritePool.MAX_FILE + 7]));
            writer.finish();
        }
        for (int i = 0; i < modes.length; i++) {
            Path f = dest.resolve(String.format("m%04o", modes[i]));
            assertThat((int) Files.getAttribute(f, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777).as(f.toString())
                    .isEqualTo(modes[i]);
            assertThat(mtime(f)).as(f.toString()).isEqualTo(mtimes[i % mtimes.length]);
            assertThat(Files.readString(f)).isEqualTo("mode " + i);
        }
        assertThat(mtime(dest.resolve("large"))).isEqualTo(mtimes[3]);
        try (var listing = Files.list(dest)) {
            assertThat(listing.count()).as("no temp file left").isEqualTo(modes.length + 1);
        }
        assertThat(failures).isEmpty();
    }

    /**
     * A large file's runs of zeros are allocated as unwritten extents, not written, where the C library can: the file
     * reads the same and takes its whole size on disk (it is not made sparse), as when the zeros are written.
     */
    @Test
    void allocatesALargeFilesRunsOfZerosWithoutWritingThem() throws Exception {
        Path dest = temp.resolve("out");
        Random random = new Random(5);
        int mib = 1 << 20;
        // data, 3 MiB of zeros from an offset that is no multiple of the block, data, 2 MiB of zeros at the end
        byte[] content = new byte[8 * mib];
        random.nextBytes(content);
        java.util.Arrays.fill(content, 100_000, 100_000 + 3 * mib, (byte) 0);
        java.util.Arrays.fill(content, 6 * mib, 8 * mib, (byte) 0);
        try (TreeWriter writer = writer(dest, Calls.LIBC)) {
            writer.write(directory("", 0755));
            writer.write(file("image", 0644, FILE_MTIME, content));
            writer.finish();
        }
        Path image = dest.resolve("image");
        assertThat(Files.readAllBytes(image)).isEqualTo(content);
        Optional<Path> filefrag = java.util.stream.Stream.of("/usr/sbin/filefrag", "/sbin/filefrag").map(Path::of)
                .filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(filefrag.isPresent(), "no filefrag (e2fsprogs) to map the file's extents");
        Processes.Result extents = Processes.run(temp, Map.of(),
                List.of(filefrag.get().toString(), "-v", image.toString()));
        Assumptions.assumeTrue(extents.exitCode() == 0, "filefrag cannot map extents here: " + extents.output());
        assertThat(extents.output()).as("the zero runs as unwritten extents").contains("unwritten");
        long allocated = Long.parseLong(Processes.ok(Map.of(), "stat", "-c", "%b", image.toString()).trim()) * 512;
        assertThat(allocated).as("allocated bytes, not a sparse file").isGreaterThanOrEqualTo(content.length);
        assertThat(failures).isEmpty();
    }

    /**
     * A write the C library's calls cannot finish is redone through the JDK, which names the error: a full disk is
     * told apart by the system's message (see {@link DiskFull}). The half-written file is removed.
     */
    @ParameterizedTest
    @EnumSource(Calls.class)
    void aFullDiskFailsTheWriteWithTheSystemsMessage(Calls calls) throws Exception {
        Path disk = temp.resolve("small");
        Files.createDirectories(disk);
        Processes.Result mount = Processes.run(temp, Map.of(),
                List.of("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.toString()));
        Assumptions.assumeTrue(mount.exitCode() == 0, "cannot mount a tmpfs here (needs root): " + mount.output());
        try {
            byte[] content = new byte[3 << 20];
            new Random(7).nextBytes(content);
            // zeros too, which are allocated before they would be written
            java.util.Arrays.fill(content, 1 << 20, 2 << 20, (byte) 0);
            try (TreeWriter writer = writer(disk.resolve("out"), calls)) {
                writer.write(directory("", 0755));
                assertThatThrownBy(() -> writer.write(file("big", 0644, content)))
                        .isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
                writer.finish();
            }
            assertThat(disk.resolve("out/big")).doesNotExist();
        } finally {
            Processes.run(temp, Map.of(), List.of("umount", disk.toString()));
        }
    }

    /**
     * A file whose whole path is longer than Linux takes (PATH_MAX) is refused, with its path, as the JDK refuses it:
     * relative to its directory's descriptor it could be made, but then not reached by its path to be finished.
     */
    @ParameterizedTest
    @EnumSource(Calls.class)
    void aFileWhosePathIsTooLongIsRefusedAndNothingIsLeft(Calls calls) throws IOException {
        Path dest = temp.toAbsolutePath();
        while (dest.toString().length() < 4070) {
            dest = dest.resolve("d".repeat(Math.min(200, 4070 - dest.toString().length())));
        }
        try (TreeWriter writer = writer(dest, calls)) {
            writer.write(directory("", 0755));
            writer.write(file("fits", 0644, new byte[] {1}));
            writer.write(file("name-too-long-for-the-path-to-fit", 0644, new byte[] {2}));
            writer.finish();
        }
        assertThat(failures).singleElement().asString().startsWith("name-too-long-for-the-path-to-fit: ");
        try (var listing = Files.list(dest)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("fits");
        }
    }

    private TreeWriter writer(Path dest, Calls calls) {
        return new TreeWriter(dest, PathIndex.ROOT, false, (index, e) -> failures.add(index + ": " + e.getMessage()),
                calls.libc());
    }

    private static ArchiveEntry directory(String path, int mode) {
        TarHeader h = new TarHeader(path.getBytes(StandardCharsets.UTF_8), TarHeader.DIRECTORY, mode, 0, 0, 0, DIR_MTIME,
                new byte[0], "", "", 0, 0);
        return new ArchiveEntry(EntryName.Kind.SNAPSHOT, PathIndex.of(path), h, InputStream.nullInputStream());
    }

    private static ArchiveEntry file(String path, int mode, byte[] content) {
        return file(path, mode, FILE_MTIME, content);
    }

    private static ArchiveEntry file(String path, int mode, long mtime, byte[] content) {
        TarHeader h = new TarHeader(path.getBytes(StandardCharsets.UTF_8), TarHeader.REGULAR, mode, 0, 0, content.length,
                mtime, new byte[0], "", "", 0, 0);
        return new ArchiveEntry(EntryName.Kind.SNAPSHOT, PathIndex.of(path), h, new ByteArrayInputStream(content));
    }

    private static long mtime(Path p) throws IOException {
        return ((FileTime) Files.getAttribute(p, "lastModifiedTime", LinkOption.NOFOLLOW_LINKS)).to(TimeUnit.SECONDS);
    }
}
