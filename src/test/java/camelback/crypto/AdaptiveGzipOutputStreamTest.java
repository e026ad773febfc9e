package camelback.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdaptiveGzipOutputStreamTest {
    @TempDir
    Path dir;

    private Path gzip(byte[] data, int level) throws IOException {
        Path file = dir.resolve("volume.difftar.gz");
        try (OutputStream out = new AdaptiveGzipOutputStream(Files.newOutputStream(file), level)) {
            for (int off = 0; off < data.length; off += 7919) {
                out.write(data, off, Math.min(7919, data.length - off));
            }
        }
        return file;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 6, 9})
    void gzipTestsAndGunzipRestoresTheBytes(int level) throws Exception {
        byte[] data = AdaptiveDeflateOutputStreamTest.mixed(2_500_000, 20 + level);
        Path file = gzip(data, level);

        assertThat(run(List.of("gzip", "-t", file.toString()))).isZero();
        Path plain = dir.resolve("plain");
        assertThat(run(List.of("sh", "-c", "gunzip -c \"$0\" > \"$1\"", file.toString(), plain.toString()))).isZero();
        assertThat(Files.readAllBytes(plain)).isEqualTo(data);
    }

    @Test
    void pythonGzipAndJavaReadIt() throws Exception {
        byte[] data = AdaptiveDeflateOutputStreamTest.mixed(2_000_000, 4);
        Path file = gzip(data, 6);
        Path plain = dir.resolve("plain");

        AdaptiveDeflateOutputStreamTest.python(
                "import gzip,sys; open(sys.argv[2],'wb').write(gzip.open(sys.argv[1]).read())", file, plain);

        assertThat(Files.readAllBytes(plain)).isEqualTo(data);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(Files.size(file)).isLessThan(data.length);
    }

    @Test
    void writesTheHeaderPythonWrites() throws Exception {
        long before = System.currentTimeMillis() / 1000;
        byte[] header = java.util.Arrays.copyOf(Files.readAllBytes(gzip(new byte[] {1, 2, 3}, 6)), 10);
        long after = System.currentTimeMillis() / 1000;

        assertThat(java.util.Arrays.copyOfRange(header, 0, 4)).containsExactly(0x1f, 0x8b, 8, 0);
        assertThat(java.util.Arrays.copyOfRange(header, 8, 10)).containsExactly(0, 0xff);
        long mtime = java.nio.ByteBuffer.wrap(header, 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        assertThat(mtime).isBetween(before, after);
    }

    @Test
    void emptyInputIsAValidGzipFile() throws Exception {
        Path file = gzip(new byte[0], 6);

        assertThat(run(List.of("gzip", "-t", file.toString()))).isZero();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void singleByteWritesCountTowardsCrcAndLength() throws Exception {
        byte[] data = AdaptiveDeflateOutputStreamTest.mixed(300_000, 9);
        Path file = dir.resolve("bytes.gz");
        try (OutputStream out = new AdaptiveGzipOutputStream(Files.newOutputStream(file), 6)) {
            for (byte b : data) {
                out.write(b);
            }
        }

        assertThat(run(List.of("gzip", "-t", file.toString()))).isZero();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        return process.exitValue();
    }
}
