package camelback.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import camelback.crypto.AdaptiveDeflateOutputStream.Framing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdaptiveDeflateOutputStreamTest {
    @TempDir
    Path dir;

    /** Runs of random and text bytes of irregular lengths, so that level switches fall anywhere. */
    static byte[] mixed(int size, long seed) {
        Random random = new Random(seed);
        byte[] data = new byte[size];
        byte[] text = "2024-01-01T00:00:00Z INFO [worker-3] c.b.Route - GET /api/v1/orders status=200\n"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int off = 0;
        while (off < size) {
            int run = Math.min(size - off, 1 + random.nextInt(400_000));
            if (random.nextBoolean()) {
                byte[] noise = new byte[run];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, data, off, run);
            } else {
                for (int i = 0; i < run; i++) {
                    data[off + i] = text[(off + i) % text.length];
                }
            }
            off += run;
        }
        return data;
    }

    static byte[] compress(byte[] data, int level, Framing framing) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (AdaptiveDeflateOutputStream out = new AdaptiveDeflateOutputStream(sink, level, framing)) {
            Random sizes = new Random(level);
            int off = 0;
            while (off < data.length) {
                int n = Math.min(data.length - off, sizes.nextInt(3) == 0 ? 1 : sizes.nextInt(300_000));
                if (n == 1) {
                    out.write(data[off]);
                } else {
                    out.write(data, off, n);
                }
                off += n;
            }
        }
        return sink.toByteArray();
    }

    static byte[] inflate(byte[] compressed, boolean raw) throws DataFormatException {
        Inflater inflater = new Inflater(raw);
        inflater.setInput(compressed);
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        while (!inflater.finished()) {
            int n = inflater.inflate(buffer);
            if (n == 0 && !inflater.finished() && inflater.needsInput()) {
                throw new DataFormatException("truncated deflate stream");
            }
            result.write(buffer, 0, n);
        }
        assertThat(inflater.getRemaining()).as("bytes after the end of the stream").isZero();
        inflater.end();
        return result.toByteArray();
    }

    @ParameterizedTest
    @CsvSource({"1,ZLIB", "6,ZLIB", "9,ZLIB", "1,RAW", "6,RAW", "9,RAW"})
    void inflatesToTheInputAcrossLevelSwitches(int level, Framing framing) throws Exception {
        byte[] data = mixed(3_000_000, level);

        byte[] compressed = compress(data, level, framing);

        assertThat(inflate(compressed, framing == Framing.RAW)).isEqualTo(data);
        assertThat(compressed.length).isLessThan(data.length);
    }

    @Test
    void pythonZlibInflatesTheZlibFraming() throws Exception {
        byte[] data = mixed(2_000_000, 7);
        Path file = Files.write(dir.resolve("z"), compress(data, 6, Framing.ZLIB));
        Path plain = dir.resolve("plain");

        python("import sys,zlib; open(sys.argv[2],'wb').write(zlib.decompress(open(sys.argv[1],'rb').read()))",
                file, plain);

        assertThat(Files.readAllBytes(plain)).isEqualTo(data);
    }

    @Test
    void pythonInflatesTheRawFraming() throws Exception {
        byte[] data = mixed(2_000_000, 8);
        Path file = Files.write(dir.resolve("raw"), compress(data, 6, Framing.RAW));
        Path plain = dir.resolve("plain");

        python("import sys,zlib; open(sys.argv[2],'wb').write(zlib.decompress(open(sys.argv[1],'rb').read(), -15))",
                file, plain);

        assertThat(Files.readAllBytes(plain)).isEqualTo(data);
    }

    @Test
    void storesBlocksWhoseSampleDoesNotShrink() throws Exception {
        // A random 20 KiB pattern repeated: level 6 finds the repeats, the spread-out level-1 sample does not.
        byte[] pattern = new byte[20 << 10];
        new Random(1).nextBytes(pattern);
        byte[] data = new byte[1 << 20];
        for (int i = 0; i < data.length; i++) {
            data[i] = pattern[i % pattern.length];
        }
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream out =
                new java.util.zip.DeflaterOutputStream(plain, new Deflater(6))) {
            out.write(data);
        }

        byte[] adaptive = compress(data, 6, Framing.ZLIB);

        assertThat(plain.size()).isLessThan(data.length / 10);
        assertThat(adaptive.length).isGreaterThan(data.length);
        assertThat(inflate(adaptive, false)).isEqualTo(data);
    }

    @Test
    void compressesTextAtTheConfiguredLevel() throws Exception {
        byte[] data = TestData.bytes(1 << 20, 3);
        byte[] text = java.util.Arrays.copyOfRange(data, data.length / 2, data.length);

        assertThat(compress(text, 6, Framing.ZLIB).length).isLessThan(text.length / 20);
    }

    @Test
    void emptyInputIsAValidStream() throws Exception {
        assertThat(inflate(compress(new byte[0], 6, Framing.ZLIB), false)).isEmpty();
        assertThat(inflate(compress(new byte[0], 6, Framing.RAW), true)).isEmpty();
    }

    static void python(String script, Path... args) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("python3", "-c", script));
        for (Path arg : args) {
            command.add(arg.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
