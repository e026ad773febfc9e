package camelback.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedDataGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Single-thread throughput (per CPU second of the compressing thread, since the machine may be shared) and output size of the compressors on a real file (e.g. a tar of the benchmark tree).
 * Run on demand: {@code mvn -o test -Dtest=CompressionBenchmarkTest -Dcamelback.bench.file=/tmp/perf/tree.tar}
 * (optionally {@code -Dcamelback.bench.only=adaptive} to run only the variants whose name contains that text).
 */
@EnabledIfSystemProperty(named = "camelback.bench.file", matches = ".+")
class CompressionBenchmarkTest {
    private static final long WARM_UP = 64 << 20;

    private interface Compressor {
        OutputStream open(OutputStream sink) throws Exception;
    }

    /** Counts what reaches it and drops it. */
    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    @Test
    void measuresCompressorsOnTheGivenFile() throws Exception {
        Path file = Path.of(System.getProperty("camelback.bench.file"));
        String only = System.getProperty("camelback.bench.only", "");
        long size = Files.size(file);
        System.out.printf("%s: %,d bytes%n", file, size);
        java.util.Map<String, Compressor> variants = new java.util.LinkedHashMap<>();
        variants.put("BC PGPCompressedDataGenerator ZLIB 6", sink -> new PGPCompressedDataGenerator(
                CompressionAlgorithmTags.ZLIB, 6).open(sink, new byte[1 << 16]));
        for (int level : new int[] {1, 3, 4, 6}) {
            variants.put("plain Deflater zlib " + level, sink -> plain(sink, level));
        }
        for (int level : new int[] {1, 3, 4, 5, 6, 9}) {
            variants.put("adaptive zlib " + level, sink -> adaptive(sink, level));
        }
        variants.put("adaptive gzip 4", sink -> new AdaptiveGzipOutputStream(sink, 4));
        for (int level : new int[] {0, 1, 4, 6}) {
            variants.put("PublicKeyEncryptor (adaptive) " + level, sink -> new PublicKeyEncryptor(
                    KeyFiles.encryptionKeys(GpgHome.VECTOR_PUBLIC_KEY), level).open(sink));
        }
        for (var variant : variants.entrySet()) {
            if (variant.getKey().contains(only)) {
                run(file, null, variant.getValue(), WARM_UP);
                run(file, variant.getKey(), variant.getValue(), size);
            }
        }
    }

    private static OutputStream adaptive(OutputStream sink, int level) {
        return new AdaptiveDeflateOutputStream(sink, level, AdaptiveDeflateOutputStream.Framing.ZLIB);
    }

    private static OutputStream plain(OutputStream sink, int level) {
        Deflater deflater = new Deflater(level);
        return new DeflaterOutputStream(sink, deflater, 1 << 17) {
            @Override
            public void close() throws java.io.IOException {
                super.close();
                deflater.end();
            }
        };
    }

    private static void run(Path file, String name, Compressor compressor, long limit) throws Exception {
        CountingSink sink = new CountingSink();
        byte[] buffer = new byte[1 << 20];
        long read = 0;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        try (InputStream in = Files.newInputStream(file); OutputStream out = compressor.open(sink)) {
            int n;
            while (read < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - read))) > 0) {
                out.write(buffer, 0, n);
                read += n;
            }
        }
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(sink.count).isPositive();
        if (name == null) {
            return; // a JIT warm-up run
        }
        System.out.printf("%-40s %7.1f MB/s (CPU %6.2f s, wall %6.2f s)  %,15d bytes  %5.1f %%%n",
                name, read / 1e6 / cpuSeconds, cpuSeconds, seconds, sink.count, 100.0 * sink.count / read);
    }
}
