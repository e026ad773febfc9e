package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restores of files that increments patched: a file changed in place streams its basis from the full's volume, one
 * whose blocks moved keeps the moved blocks in memory, one that would need too many of them is patched against a
 * seekable copy, and a second delta applies to the first one's result.
 */
class PatchedRestoreTest {
    private static final long T0 = 1700000000L;

    @TempDir
    Path temp;

    @Test
    void restoresFilesChangedInPlaceAndFilesWhoseBlocksMoved() throws IOException {
        Path source = Files.createDirectories(temp.resolve("src"));
        Random random = new Random(11);
        byte[] inPlace = bytes(random, 3_000_000);
        byte[] moved = bytes(random, 200_000);
        byte[] bigMoved = bytes(random, 36 << 20); // its swapped halves are more than a streamed patch keeps
        write(source, "in-place.bin", inPlace, T0 - 100);
        write(source, "moved.bin", moved, T0 - 100);
        write(source, "z-big-moved.bin", bigMoved, T0 - 100);
        ChainRun run = new ChainRun(temp.resolve("target"), temp.resolve("plain")).full(options(source), T0);

        inPlace[1_500_000] ^= 1;
        write(source, "in-place.bin", inPlace, T0 + 10);
        byte[] swapped = swapHalves(moved);
        write(source, "moved.bin", swapped, T0 + 10);
        byte[] bigSwapped = swapHalves(bigMoved);
        write(source, "z-big-moved.bin", bigSwapped, T0 + 10);
        run.incremental(options(source), T0 + 1000);

        inPlace[10] ^= 1;
        write(source, "in-place.bin", inPlace, T0 + 1010);
        run.incremental(options(source), T0 + 2000);

        Path first = temp.resolve("first");
        Path latest = temp.resolve("latest");
        Restorer restorer = new Restorer(new FolderArchiveSource(run.target, temp));
        assertThat(restorer.restore(new RestoreOptions(first, T0 + 1000, null, false, false)).errors()).isEmpty();
        assertThat(restorer.restore(new RestoreOptions(latest, Long.MAX_VALUE, null, false, false)).errors()).isEmpty();

        assertThat(Files.readAllBytes(first.resolve("moved.bin"))).isEqualTo(swapped);
        assertThat(Files.readAllBytes(latest.resolve("in-place.bin"))).isEqualTo(inPlace);
        assertThat(Files.readAllBytes(latest.resolve("moved.bin"))).isEqualTo(swapped);
        assertThat(Files.readAllBytes(latest.resolve("z-big-moved.bin"))).isEqualTo(bigSwapped);
        try (var left = Files.list(latest)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("in-place.bin", "moved.bin", "z-big-moved.bin");
        }
    }

    private static byte[] swapHalves(byte[] data) {
        int half = data.length / 2;
        byte[] swapped = new byte[data.length];
        System.arraycopy(data, half, swapped, 0, data.length - half);
        System.arraycopy(data, 0, swapped, data.length - half, half);
        return swapped;
    }

    private BackupOptions options(Path source) {
        return new BackupOptions(source, null, null, 1 << 20, temp.resolve("work"));
    }

    private static byte[] bytes(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    private static void write(Path dir, String name, byte[] data, long mtime) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, data);
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtime * 1000));
    }
}
