package camelback.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared rdiff vectors and the inputs of the {@code blocksize} vector, regenerated from their definition. */
final class Vectors {

    static final Path RDIFF = camelback.testing.Vectors.dir().resolve("rdiff");
    static final Path A_NOENC = camelback.testing.Vectors.target("a-noenc");

    private Vectors() {
    }

    static byte[] read(String relative) {
        try {
            return Files.readAllBytes(RDIFF.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] blocksizeOld() {
        byte[] old = Sha256Stream.first("rdiff-big", 2_100_000);
        assertThat(Sha256Stream.hex(old)).isEqualTo("4fa5af4df10d4027c9ebcf8b6df80baf25b97026f697db7dfd66b59e91b6b09d");
        return old;
    }

    static byte[] blocksizeNew(byte[] old) {
        byte[] tail = Sha256Stream.first("rdiff-tail", 1000);
        byte[] fresh = new byte[old.length + tail.length];
        System.arraycopy(old, 0, fresh, 0, old.length);
        byte[] mark = "MODIFIED!!".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(mark, 0, fresh, 1_500_000, mark.length);
        System.arraycopy(tail, 0, fresh, old.length, tail.length);
        assertThat(Sha256Stream.hex(fresh)).isEqualTo("e1803f4abec93c5e52baeb4bdfe16bd64e2a132334fd1e821b667046321a6768");
        return fresh;
    }
}
