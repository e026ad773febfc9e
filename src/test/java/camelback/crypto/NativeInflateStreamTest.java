package camelback.crypto;

import static camelback.crypto.AdaptiveDeflateOutputStreamTest.mixed;
import static camelback.crypto.ParallelDeflateOutputStreamTest.compress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import camelback.crypto.AdaptiveDeflateOutputStream.Framing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.ZipException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Inflating through the system's ISA-L: the same bytes as zlib, and the same refusals of damaged streams. */
class NativeInflateStreamTest {
    private static NativeInflate inflater;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadLibrary() {
        // .ci/run installs libisal2 and surefire opens the foreign-function module, so this runs in CI.
        assumeTrue(NativeInflate.system().isPresent(), "ISA-L or jdk.incubator.foreign is missing");
        inflater = NativeInflate.system().get();
    }

    @ParameterizedTest
    @CsvSource({
        "0,true,0,65536", "1,true,1,1", "6,true,3000000,7", "9,false,3000000,65536", "1,false,5000000,1000000",
        "6,false,70000,65537"
    })
    void inflatesWhatTheJdkDeflated(int level, boolean zlib, int size, int readSize) throws IOException {
        byte[] data = mixed(size, size + level);

        byte[] back = readAll(inflater.inflate(new ByteArrayInputStream(jdkDeflate(data, level, zlib)), zlib), readSize);

        assertThat(back).isEqualTo(data);
    }

    @Test
    void inflatesVolumesSplicedFromStoredAndNativeRuns() throws IOException {
        byte[] data = mixed(6_000_000, 77);
        byte[] spliced = compress(data, 5, Framing.ZLIB, CompressionPool.shared(), 128 << 10);

        assertThat(readAll(inflater.inflate(new ByteArrayInputStream(spliced), true), 65536)).isEqualTo(data);
    }

    @Test
    void readsOneByteAtATimeAndIgnoresBytesAfterTheStream() throws IOException {
        byte[] data = mixed(200_000, 5);
        byte[] packed = jdkDeflate(data, 6, true);
        byte[] followed = Arrays.copyOf(packed, packed.length + 3);

        InputStream in = inflater.inflate(new ByteArrayInputStream(followed), true);
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            back.write(b);
        }

        assertThat(back.toByteArray()).isEqualTo(data);
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void rejectsAWrongAdler32() {
        byte[] packed = jdkDeflate(mixed(100_000, 6), 6, true);
        packed[packed.length - 1] ^= 1;

        assertThatThrownBy(() -> readAll(inflater.inflate(new ByteArrayInputStream(packed), true), 65536))
                .isInstanceOf(ZipException.class).hasMessageContaining("Adler-32");
    }

    @Test
    void rejectsAReservedBlockType() {
        byte[] packed = {0x07, 0x00, 0x00};

        assertThatThrownBy(() -> readAll(inflater.inflate(new ByteArrayInputStream(packed), false), 65536))
                .isInstanceOf(ZipException.class).hasMessageContaining("invalid deflate data");
    }

    @Test
    void rejectsAHeaderThatIsNotZlib() {
        byte[] packed = jdkDeflate(mixed(1000, 7), 6, true);
        packed[1] ^= 1;

        assertThatThrownBy(() -> readAll(inflater.inflate(new ByteArrayInputStream(packed), true), 65536))
                .isInstanceOf(ZipException.class).hasMessageContaining("zlib header");
    }

    @Test
    void failsOnATruncatedStreamInsteadOfEndingQuietly() {
        byte[] packed = jdkDeflate(mixed(500_000, 8), 6, false);
        byte[] truncated = Arrays.copyOf(packed, packed.length / 2);

        assertThatThrownBy(() -> readAll(inflater.inflate(new ByteArrayInputStream(truncated), false), 65536))
                .isInstanceOf(EOFException.class).hasMessageContaining("ends before");
    }

    @Test
    void aMissingLibraryIsNoInflater() {
        assertThat(IsalInflate.open(dir.resolve("missing/libisal.so.2").toString())).isEmpty();
    }

    private static byte[] jdkDeflate(byte[] data, int level, boolean zlib) {
        Deflater deflater = new Deflater(level, !zlib);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] readAll(InputStream in, int readSize) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[readSize];
            for (int n; (n = in.read(buffer, 0, readSize)) >= 0; ) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }
}
