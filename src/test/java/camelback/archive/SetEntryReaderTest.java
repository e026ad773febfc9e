package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a volume that cannot be read to its end is reported. */
class SetEntryReaderTest {
    @TempDir
    Path temp;

    @Test
    void aDiskFillingUpUnderAVolumeIsThisMachinesFullDiskNotDamageToTheVolume() throws IOException {
        SetEntryReader reader = readerFailingWith(new IOException("/tmp/plain-1.tar: No space left on device"));

        Throwable failure = catchThrowable(() -> readAll(reader));

        assertThat(failure).isInstanceOf(ScratchFullException.class)
                .hasMessageContaining("temp folder of this machine is full (No space left on device)")
                .hasMessageContaining("vol1").hasMessageContaining("java.io.tmpdir");
        assertThat(reader.failedVolume()).as("the volume is not marked damaged").isNull();
    }

    @Test
    void anyOtherReadErrorIsTheVolumesDamage() throws IOException {
        SetEntryReader reader = readerFailingWith(new IOException("Corrupt GZIP trailer"));

        Throwable failure = catchThrowable(() -> readAll(reader));

        assertThat(failure).isInstanceOf(VolumeReadException.class).hasMessageContaining("Corrupt GZIP trailer");
        assertThat(reader.failedVolume()).isNotNull();
    }

    /** A reader of a real volume of three files whose stream fails with {@code error} half-way. */
    private SetEntryReader readerFailingWith(IOException error) throws IOException {
        Path src = Files.createDirectories(temp.resolve("src"));
        for (String name : List.of("a.txt", "b.txt", "c.txt")) {
            Files.writeString(src.resolve(name), name.repeat(20_000));
        }
        BackupRun run = new BackupRun(temp).full(new BackupOptions(src, null, null, 1 << 20, temp.resolve("work")),
                1_600_000_000L, FileOpener.DEFAULT);
        byte[] plain = run.plainVolume(1);
        ManifestVolume volume = new ManifestVolume(1, PathIndex.ROOT, null, PathIndex.ROOT.child("c.txt".getBytes()),
                null, null, null);
        return new SetEntryReader(List.of(volume), v -> new FailingAfter(new ByteArrayInputStream(plain),
                plain.length / 2, error), n -> run.setName.volume(n, ""));
    }

    private static void readAll(SetEntryReader reader) throws IOException {
        ArchiveEntry entry;
        while ((entry = reader.next()) != null) {
            if (entry.data() != null) {
                entry.data().transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
    }

    /** The volume's bytes up to {@code limit}, then {@code error}: a spill or a fetch the disk could not hold. */
    private static final class FailingAfter extends FilterInputStream {
        private final IOException error;
        private long left;

        FailingAfter(InputStream in, long limit, IOException error) {
            super(in);
            this.left = limit;
            this.error = error;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw error;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            left -= Math.max(n, 0);
            return n;
        }
    }
}
