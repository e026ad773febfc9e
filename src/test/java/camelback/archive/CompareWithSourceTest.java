package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify --compare-data: a chain's merged entries compared with the source as they stream, nothing written. */
class CompareWithSourceTest {
    private static final long T0 = 1_600_000_000L;

    @TempDir
    Path temp;
    private Path src;
    private ChainRun chain;

    /**
     * A full and an incremental whose big file is stored as a delta, so both kinds of entry are compared; in the
     * full the big files span several volumes, and one of them stays as it was.
     */
    @BeforeEach
    void backUpAChain() throws IOException {
        src = Files.createDirectories(temp.resolve("src"));
        Files.createDirectories(src.resolve("dir/sub"));
        write("dir/a.txt", "alpha\n");
        write("dir/sub/b.txt", "beta\n");
        write("gone.txt", "deleted later\n");
        write("mode.txt", "chmod later\n");
        write("touched.txt", "touched later\n");
        write("same-size.txt", "0123456789\n");
        write("becomes-dir", "a file now\n");
        Files.createSymbolicLink(src.resolve("link"), Path.of("dir/a.txt"));
        byte[] big = new byte[300_000];
        new Random(1).nextBytes(big);
        Files.write(src.resolve("big.bin"), big);
        byte[] spanning = new byte[300_000];
        new Random(2).nextBytes(spanning);
        Files.write(src.resolve("big-unchanged.bin"), spanning);
        setTimes(T0);
        BackupOptions options = new BackupOptions(src, null, null, 128 << 10, temp.resolve("work"));
        chain = new ChainRun(temp.resolve("target"), temp.resolve("plain")).full(options, 1_700_000_000L);
        big[150_000] ^= 1;
        Files.write(src.resolve("big.bin"), big);
        Files.setLastModifiedTime(src.resolve("big.bin"), FileTime.from(Instant.ofEpochSecond(T0 + 10)));
        assertThat(chain.lastVolumes).hasSizeGreaterThanOrEqualTo(5);
        chain.incremental(options, 1_700_000_100L);
        assertThat(chain.lastStats.changedFiles()).isEqualTo(1);
    }

    @Test
    void anUnchangedSourceEqualsItsBackup() throws IOException {
        ComparisonResult comparison = compare();
        assertThat(comparison.differences()).isEmpty();
        assertThat(comparison.differenceCount()).isZero();
        assertThat(comparison.errors()).isEmpty();
        assertThat(comparison.files()).isEqualTo(13);
        assertThat(comparison.bytes()).isEqualTo(2 * 300_000 + 6 + 5 + 14 + 12 + 14 + 11 + 11);
        try (Stream<Path> left = Files.list(temp.resolve("scratch"))) {
            assertThat(left).as("the patched file's content is gone once compared").isEmpty();
        }
    }

    @Test
    void namesEveryPathThatDiffersAndWhy() throws IOException {
        Files.delete(src.resolve("gone.txt"));
        write("new.txt", "not backed up\n");
        Files.setPosixFilePermissions(src.resolve("mode.txt"), PosixFilePermissions.fromString("rw-------"));
        Files.setLastModifiedTime(src.resolve("touched.txt"), FileTime.from(Instant.ofEpochSecond(T0 + 5)));
        Files.writeString(src.resolve("same-size.txt"), "0123456780\n");
        Files.delete(src.resolve("becomes-dir"));
        Files.createDirectory(src.resolve("becomes-dir"));
        Files.delete(src.resolve("link"));
        Files.createSymbolicLink(src.resolve("link"), Path.of("dir/sub/b.txt"));
        byte[] big = Files.readAllBytes(src.resolve("big.bin"));
        big[10] ^= 1;
        Files.write(src.resolve("big.bin"), big);
        for (String name : new String[] {"same-size.txt", "becomes-dir", "big.bin"}) {
            Files.setLastModifiedTime(src.resolve(name), FileTime.from(Instant.ofEpochSecond(name.equals("big.bin") ? T0 + 10 : T0)));
        }
        Files.setLastModifiedTime(src, FileTime.from(Instant.ofEpochSecond(T0)));

        ComparisonResult comparison = compare();

        assertThat(comparison.differences()).containsExactly(
                "becomes-dir: type differs (REGULAR in the backup, DIRECTORY in the source)",
                "big.bin: content differs",
                "gone.txt: in the backup but no longer in the source",
                "link: symlink differs",
                "mode.txt: permissions differ (0644 in the backup, 0600 in the source)",
                "new.txt: in the source but not in the backup",
                "same-size.txt: content differs",
                "touched.txt: mtime differs");
        assertThat(comparison.differenceCount()).isEqualTo(8);
    }

    private ComparisonResult compare() throws IOException {
        Path scratch = Files.createDirectories(temp.resolve("scratch"));
        return new Restorer(new FolderArchiveSource(chain.target, temp)).compare(src, Selection.everything(), Long.MAX_VALUE, scratch);
    }

    private void write(String name, String text) throws IOException {
        Path file = Files.writeString(src.resolve(name), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private void setTimes(long time) throws IOException {
        try (Stream<Path> all = Files.walk(src)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!Files.isSymbolicLink(p)) {
                    Files.setLastModifiedTime(p, FileTime.from(Instant.ofEpochSecond(time)));
                }
            }
        }
    }
}
