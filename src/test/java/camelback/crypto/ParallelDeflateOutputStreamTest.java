package camelback.crypto;

import static camelback.crypto.AdaptiveDeflateOutputStreamTest.inflate;
import static camelback.crypto.AdaptiveDeflateOutputStreamTest.mixed;
import static camelback.crypto.AdaptiveDeflateOutputStreamTest.python;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import camelback.crypto.AdaptiveDeflateOutputStream.Framing;
import camelback.testing.GpgHome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelDeflateOutputStreamTest {
    private static final int SMALL_CHUNK = 64 << 10;

    static ExecutorService executor;
    static CompressionPool pool;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPool() {
        // More threads than this machine may have cores, so chunks finish out of order.
        executor = Executors.newFixedThreadPool(3);
        pool = new CompressionPool(executor, 3);
    }

    @AfterAll
    static void stopPool() throws InterruptedException {
        executor.shutdown();
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    /** Writes in a mix of single bytes and odd-sized arrays, as a tar writer would. */
    static void writeOddly(OutputStream out, byte[] data, long seed) throws IOException {
        Random sizes = new Random(seed);
        int off = 0;
        while (off < data.length) {
            int n = Math.min(data.length - off, sizes.nextInt(4) == 0 ? 1 : 1 + sizes.nextInt(200_000));
            if (n == 1) {
                out.write(data[off]);
            } else {
                out.write(data, off, n);
            }
            off += n;
        }
    }

    static byte[] compress(byte[] data, int level, Framing framing, CompressionPool pool, int chunk)
            throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (ParallelDeflateOutputStream out = new ParallelDeflateOutputStream(sink, level, framing, pool, chunk)) {
            writeOddly(out, data, level);
        }
        return sink.toByteArray();
    }

    @ParameterizedTest
    @CsvSource({
        "4,ZLIB,65536", "4,RAW,65536", "1,ZLIB,65536", "9,RAW,65536", "6,ZLIB,524288", "0,ZLIB,65536",
        "4,ZLIB,100000"
    })
    void javaInflatesOneStreamAcrossChunksAndLevelSwitches(int level, Framing framing, int chunk) throws Exception {
        byte[] data = mixed(5_000_000, 31 + level);

        byte[] compressed = compress(data, level, framing, pool, chunk);

        assertThat(inflate(compressed, framing == Framing.RAW)).isEqualTo(data);
        if (level > 0) {
            assertThat(compressed.length).isLessThan(data.length);
        }
    }

    @Test
    void pythonZlibInflatesTheZlibFramingAndChecksTheAdler32() throws Exception {
        byte[] data = mixed(4_000_000, 11);
        Path file = Files.write(dir.resolve("z"), compress(data, 4, Framing.ZLIB, pool, SMALL_CHUNK));
        Path plain = dir.resolve("plain");

        python("import sys,zlib; open(sys.argv[2],'wb').write(zlib.decompress(open(sys.argv[1],'rb').read()))",
                file, plain);

        assertThat(Files.readAllBytes(plain)).isEqualTo(data);
    }

    @Test
    void pythonInflatesTheRawFraming() throws Exception {
        byte[] data = mixed(4_000_000, 12);
        Path file = Files.write(dir.resolve("raw"), compress(data, 4, Framing.RAW, pool, SMALL_CHUNK));
        Path plain = dir.resolve("plain");

        python("import sys,zlib; open(sys.argv[2],'wb').write(zlib.decompress(open(sys.argv[1],'rb').read(), -15))",
                file, plain);

        assertThat(Files.readAllBytes(plain)).isEqualTo(data);
    }

    @Test
    void writesTheSameBytesWhateverTheNumberOfThreads() throws Exception {
        byte[] data = mixed(3_000_000, 13);

        byte[] parallel = compress(data, 4, Framing.ZLIB, pool, SMALL_CHUNK);
        byte[] inline = compress(data, 4, Framing.ZLIB, CompressionPool.singleThreaded(), SMALL_CHUNK);

        assertThat(parallel).isEqualTo(inline);
        assertThat(inflate(inline, false)).isEqualTo(data);
    }

    @Test
    void primingWithThePreviousWindowKeepsTheRatioCloseToOneStream() throws Exception {
        byte[] data = TestData.bytes(4 << 20, 5);
        byte[] text = java.util.Arrays.copyOfRange(data, data.length / 2, data.length);
        byte[] logs = mixed(4_000_000, 14);

        for (byte[] sample : List.of(text, logs)) {
            int single = AdaptiveDeflateOutputStreamTest.compress(sample, 4, Framing.ZLIB).length;
            int parallel = compress(sample, 4, Framing.ZLIB, pool, ParallelDeflateOutputStream.DEFAULT_CHUNK).length;
            assertThat((double) parallel).isLessThan(single * 1.01 + 64);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 32 << 10, 64 << 10, (64 << 10) + 1, 3 * (64 << 10)})
    void emptyTinyAndChunkAlignedInputsAreValidStreams(int size) throws Exception {
        byte[] data = mixed(size, size);

        for (Framing framing : Framing.values()) {
            byte[] compressed = compress(data, 6, framing, pool, SMALL_CHUNK);
            assertThat(inflate(compressed, framing == Framing.RAW)).isEqualTo(data);
        }
    }

    @Test
    void keepsAtMostTwoChunksPerThreadInFlight() throws Exception {
        AtomicInteger outstanding = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService slow = Executors.newSingleThreadExecutor();
        try {
            CompressionPool counted = new CompressionPool(task -> {
                most.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
                slow.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        outstanding.decrementAndGet();
                    }
                });
            }, 2);
            byte[] data = mixed(3_000_000, 15);

            byte[] compressed = compress(data, 6, Framing.ZLIB, counted, SMALL_CHUNK);

            assertThat(inflate(compressed, false)).isEqualTo(data);
            // 2 per thread, plus one the writer has collected while its thread is still returning from it;
            // without the bound, the one slow thread would fall dozens of chunks behind.
            assertThat(most.get()).isBetween(1, 5);
        } finally {
            slow.shutdown();
        }
    }

    @Test
    void aFailingSinkFailsTheWriteOrFinish() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };

        assertThatThrownBy(() -> {
                    try (OutputStream out =
                            new ParallelDeflateOutputStream(broken, 4, Framing.ZLIB, pool, SMALL_CHUNK)) {
                        out.write(mixed(1_000_000, 16));
                    }
                })
                .isInstanceOf(IOException.class)
                .hasMessageContaining("disk full");
    }

    @Test
    void gzipOnTheParallelPathPassesGzipTest() throws Exception {
        byte[] data = mixed(6_000_000, 17);
        Path file = dir.resolve("volume.difftar.gz");
        try (OutputStream out = new AdaptiveGzipOutputStream(Files.newOutputStream(file), 4, pool)) {
            writeOddly(out, data, 17);
        }

        Process gzip = new ProcessBuilder("gzip", "-t", file.toString()).redirectErrorStream(true).start();
        String output = new String(gzip.getInputStream().readAllBytes());
        assertThat(gzip.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(gzip.exitValue()).as(output).isZero();
        Path plain = dir.resolve("plain");
        python("import gzip,sys; open(sys.argv[2],'wb').write(gzip.open(sys.argv[1]).read())", file, plain);
        assertThat(Files.readAllBytes(plain)).isEqualTo(data);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void gpgDecryptsPassphraseAndPublicKeyMessagesCompressedInParallel() throws Exception {
        byte[] data = mixed(6_000_000, 18);
        List<PGPPublicKey> recipients = KeyFiles.encryptionKeys(GpgHome.VECTOR_PUBLIC_KEY);
        Path symmetric = encrypt(
                new PassphraseEncryptor("parallel-passphrase".toCharArray(), 4, null, pool), data, "s.gpg");
        Path publicKey = encrypt(new PublicKeyEncryptor(recipients, 4, null, pool), data, "pk.gpg");
        GpgHome gpg = new GpgHome(dir);
        try {
            gpg.importKey(GpgHome.VECTOR_SECRET_KEY, GpgHome.VECTOR_PASSPHRASE);

            GpgHome.Result fromPassphrase = gpg.decrypt(symmetric, "parallel-passphrase").expectSuccess();
            GpgHome.Result fromKey = gpg.decrypt(publicKey, GpgHome.VECTOR_PASSPHRASE).expectSuccess();

            assertThat(fromPassphrase.stdoutBytes()).isEqualTo(data);
            assertThat(fromPassphrase.stderr()).doesNotContain("WARNING");
            assertThat(fromKey.stdoutBytes()).isEqualTo(data);
            assertThat(fromKey.stderr()).contains("ID " + GpgHome.VECTOR_SUBKEY_ID).doesNotContain("WARNING");
            assertThat(Files.size(publicKey)).isLessThan(data.length);
        } finally {
            gpg.close();
        }
    }

    private Path encrypt(StreamEncryptor encryptor, byte[] data, String name) throws IOException {
        Path target = dir.resolve(name);
        try (OutputStream out = encryptor.open(Files.newOutputStream(target))) {
            writeOddly(out, data, name.length());
        }
        return target;
    }
}
