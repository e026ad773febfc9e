package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Volumes read while they are cut: the same bytes and manifest as cutting first, and a failed cut fails the read. */
class CutAheadTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path tmp;

    @Test
    void volumesReadWhileCutEqualVolumesCutFirst() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        Random random = new Random(5);
        for (int i = 0; i < 40; i++) {
            byte[] data = new byte[random.nextInt(300_000)];
            random.nextBytes(data);
            Files.write(source.resolve("f" + i), data);
        }

        Written cutFirst = write(source, "a", false);
        Written cutAhead = write(source, "b", true);

        assertThat(cutAhead.volumes).hasSizeGreaterThan(3).hasSameSizeAs(cutFirst.volumes);
        for (int i = 0; i < cutFirst.volumes.size(); i++) {
            assertThat(cutAhead.volumes.get(i)).as("volume %d", i + 1).isEqualTo(cutFirst.volumes.get(i));
        }
        assertThat(cutAhead.manifest).isEqualTo(cutFirst.manifest);
        assertThat(cutAhead.signatures).isEqualTo(cutFirst.signatures);
    }

    @Test
    void aFailedCutFailsTheReaderWithItsCause() throws Exception {
        Path file = Files.write(tmp.resolve("vol"), new byte[1000]);
        CompletableFuture<VolumeCutter.Range> cut = new CompletableFuture<>();
        PlainVolume volume = new PlainVolume(1, file, cut);

        try (InputStream in = volume.open()) {
            assertThat(in.readNBytes(1000)).hasSize(1000);
            cut.completeExceptionally(new IOException("disk full while writing vol"));
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("disk full while writing vol");
        }
        assertThatThrownBy(volume::awaitCut).hasMessage("disk full while writing vol");
    }

    @Test
    void aReaderFollowsAFileAsItGrowsAndEndsWithTheWriter() throws Exception {
        Path file = Files.createFile(tmp.resolve("growing"));
        CompletableFuture<Void> writer = new CompletableFuture<>();
        byte[] expected = new byte[3_000_000];
        new Random(9).nextBytes(expected);
        Thread thread = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int off = 0; off < expected.length; off += 100_000) {
                    out.write(expected, off, Math.min(100_000, expected.length - off));
                    out.flush();
                    Thread.sleep(1);
                }
                writer.complete(null);
            } catch (Exception e) {
                writer.completeExceptionally(e);
            }
        });
        thread.start();

        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try (InputStream in = new GrowingFileInputStream(file, writer)) {
            in.transferTo(read);
        }
        thread.join();

        assertThat(read.toByteArray()).isEqualTo(expected);
    }

    private record Written(List<byte[]> volumes, byte[] signatures, byte[] manifest) {
    }

    private Written write(Path source, String name, boolean ahead) throws IOException {
        BackupOptions options = new BackupOptions(source, null, "host", MIB, tmp.resolve("work-" + name));
        List<byte[]> volumes = new ArrayList<>();
        try (BackupSetWriter writer = BackupSetWriter.full(options, VectorFiles.T_FULL, new BackupStatistics())) {
            Iterator<PlainVolume> it = ahead ? writer.volumesCutAhead() : writer.volumes();
            while (it.hasNext()) {
                PlainVolume v = it.next();
                try (InputStream in = v.open()) {
                    volumes.add(in.readAllBytes());
                }
                writer.stored(v, "0".repeat(40), 1);
            }
            return new Written(volumes, Files.readAllBytes(writer.signatures()), Files.readAllBytes(writer.manifest()));
        }
    }
}
