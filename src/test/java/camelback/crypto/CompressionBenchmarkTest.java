package camelback.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import camelback.testing.GpgHome;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedDataGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Throughput (per CPU second of the whole process, since the machine may be shared), wall time and output size of
 * the compressors on a real file (e.g. a tar of the benchmark tree).
 * Run on demand: {@code mvn -o test -Dtest=CompressionBenchmarkTest -Dcamelback.bench.file=/tmp/perf/tree.tar}
 * (optionally {@code -Dcamelback.bench.only=adaptive,parallel} to run only the variants whose name contains one of
 * those texts,
 * {@code -Dcamelback.bench.piece=209715200} to compress the file as separate streams of that size, like volumes,
 * and {@code -Dcamelback.bench.repeats=3}).
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
        List<String> only = List.of(System.getProperty("camelback.bench.only", "").split(","));
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
        for (int level : new int[] {1, 3, 4, 5, 6, 9}) {
            variants.put("parallel zlib " + level, sink -> new ParallelDeflateOutputStream(
                    sink, level, AdaptiveDeflateOutputStream.Framing.ZLIB));
        }
        variants.put("adaptive gzip 4 single", sink -> new AdaptiveGzipOutputStream(
                sink, 4, CompressionPool.singleThreaded()));
        variants.put("adaptive gzip 4 parallel", sink -> new AdaptiveGzipOutputStream(sink, 4));
        for (int level : new int[] {0, 1, 4, 5, 6}) {
            variants.put("PublicKeyEncryptor single " + level, sink -> new PublicKeyEncryptor(
                    KeyFiles.encryptionKeys(GpgHome.VECTOR_PUBLIC_KEY), level, null,
                    CompressionPool.singleThreaded()).open(sink));
            variants.put("PublicKeyEncryptor parallel " + level, sink -> new PublicKeyEncryptor(
                    KeyFiles.encryptionKeys(GpgHome.VECTOR_PUBLIC_KEY), level).open(sink));
        }
        long piece = Long.getLong("camelback.bench.piece", size);
        int repeats = Integer.getInteger("camelback.bench.repeats", 1);
        for (var variant : variants.entrySet()) {
            if (only.stream().anyMatch(variant.getKey()::contains)) {
                run(file, null, variant.getValue(), WARM_UP, piece);
                for (int i = 0; i < repeats; i++) {
                    run(file, variant.getKey(), variant.getValue(), size, piece);
                }
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

    private static void run(Path file, String name, Compressor compressor, long limit, long piece)
            throws Exception {
        byte[] buffer = new byte[1 << 20];
        long read = 0;
        long written = 0;
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long start = System.nanoTime();
        long cpuStart = os.getProcessCpuTime();
        try (InputStream in = Files.newInputStream(file)) {
            // Each piece is its own stream, like one volume.
            while (read < limit) {
                CountingSink sink = new CountingSink();
                long pieceRead = 0;
                try (OutputStream out = compressor.open(sink)) {
                    int n;
                    while (pieceRead < piece && read < limit
                            && (n = in.read(buffer, 0, (int) Math.min(buffer.length,
                                    Math.min(limit - read, piece - pieceRead)))) > 0) {
                        out.write(buffer, 0, n);
                        read += n;
                        pieceRead += n;
                    }
                }
                assertThat(sink.count).isPositive();
                written += sink.count;
                if (pieceRead == 0) {
                    break;
                }
            }
        }
        double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
        double seconds = (System.nanoTime() - start) / 1e9;
        if (name == null) {
            return; // a JIT warm-up run
        }
        System.out.printf("%-36s %7.1f MB/s wall %6.1f MB/s CPU (CPU %6.2f s, wall %6.2f s, load %.1f)"
                        + "  %,15d bytes  %5.1f %%%n",
                name, read / 1e6 / seconds, read / 1e6 / cpuSeconds, cpuSeconds, seconds,
                os.getSystemLoadAverage(), written, 100.0 * written / read);
    }
}
