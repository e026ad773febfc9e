package camelback.crypto;

import static camelback.crypto.AdaptiveDeflateOutputStreamTest.inflate;
import static camelback.crypto.AdaptiveDeflateOutputStreamTest.mixed;
import static camelback.crypto.AdaptiveDeflateOutputStreamTest.python;
import static camelback.crypto.ParallelDeflateOutputStreamTest.compress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import camelback.crypto.AdaptiveDeflateOutputStream.Framing;
import camelback.testing.GpgHome;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parallel deflate through the system's libdeflate: chunks spliced into one stream that zlib, Python and gpg read. */
class NativeDeflateStreamTest {
    private static ExecutorService executor;
    private static CompressionPool pool;
    private static NativeDeflate encoder;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPool() {
        // .ci/run installs libdeflate0 and surefire opens the foreign-function module, so this runs in CI.
        assumeTrue(NativeDeflate.system().isPresent(), "libdeflate or jdk.incubator.foreign is missing");
        encoder = NativeDeflate.system().get();
        executor = Executors.newFixedThreadPool(3);
        pool = new CompressionPool(executor, 3, encoder);
    }

    @AfterAll
    static void stopPool() throws InterruptedException {
        if (executor != null) {
            executor.shutdown();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "1,ZLIB,65536", "4,RAW,65536", "5,ZLIB,524288", "6,RAW,524288", "9,ZLIB,100000", "5,ZLIB,200000"
    })
    void javaInflatesChunksSplicedFromNativeStreams(int level, Framing framing, int chunk) throws Exception {
        byte[] data = mixed(5_000_000, 40 + level);

        byte[] compressed = compress(data, level, framing, pool, chunk);

        assertThat(inflate(compressed, framing == Framing.RAW)).isEqualTo(data);
        assertThat(compressed.length).isLessThan(data.length);
    }

    @Test
    void pythonZlibChecksTheAdler32OfTheSplicedStream() throws Exception {
        byte[] data = mixed(4_000_000, 21);
        Path file = Files.write(dir.resolve("z"), compress(data, 5, Framing.ZLIB, pool, 128 << 10));
        Path plain = dir.resolve("plain");

        python("import sys,zlib; open(sys.argv[2],'wb').write(zlib.decompress(open(sys.argv[1],'rb').read()))",
                file, plain);

        assertThat(Files.readAllBytes(plain)).isEqualTo(data);
    }

    @Test
    void writesTheSameBytesWhateverTheNumberOfThreads() throws Exception {
        byte[] data = mixed(3_000_000, 23);

        byte[] parallel = compress(data, 5, Framing.ZLIB, pool, 64 << 10);
        byte[] inline = compress(data, 5, Framing.ZLIB, new CompressionPool(null, 1, encoder), 64 << 10);

        assertThat(parallel).isEqualTo(inline);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 32 << 10, 128 << 10, (128 << 10) + 1})
    void emptyTinyAndBlockAlignedInputsAreValidStreams(int size) throws Exception {
        byte[] data = mixed(size, size);

        assertThat(inflate(compress(data, 5, Framing.ZLIB, pool, 64 << 10), false)).isEqualTo(data);
        assertThat(inflate(compress(data, 5, Framing.RAW, pool, 64 << 10), true)).isEqualTo(data);
    }

    @Test
    void compressesAtLeastAsWellAsZlibAtTheSameLevel() throws Exception {
        byte[] data = mixed(6_000_000, 27);
        CompressionPool zlib = new CompressionPool(executor, 3);

        int viaNative = compress(data, 5, Framing.ZLIB, pool, ParallelDeflateOutputStream.DEFAULT_CHUNK).length;
        int viaZlib = compress(data, 5, Framing.ZLIB, zlib, ParallelDeflateOutputStream.DEFAULT_CHUNK).length;

        assertThat(viaNative).isLessThanOrEqualTo(viaZlib);
    }

    @Test
    void randomFilesRepeatedWithinTheWindowAreDeflatedNotStored() throws Exception {
        byte[] data = hardLinkedTar(4_000_000, 31);

        byte[] viaNative = compress(data, 5, Framing.ZLIB, pool, ParallelDeflateOutputStream.DEFAULT_CHUNK);
        byte[] viaZlib = compress(data, 5, Framing.ZLIB, new CompressionPool(executor, 3),
                ParallelDeflateOutputStream.DEFAULT_CHUNK);

        assertThat(inflate(viaNative, false)).isEqualTo(data);
        assertThat(inflate(viaZlib, false)).isEqualTo(data);
        // Ten copies of each file: gpg's zlib stores about one in ten; storing them all would give 1.0.
        assertThat(viaNative.length).isLessThan(data.length / 4);
        assertThat(viaZlib.length).isLessThan(data.length / 4);
    }

    @Test
    void longRunsOfZerosAmongTextAndRandomBytesRoundTripAndAlmostVanish() throws Exception {
        byte[] mixed = mixed(3_000_000, 33);
        byte[] data = new byte[mixed.length + 4_000_000];
        // Zeros in runs long enough for ISA-L (when present) and in one block too short for a run of their own.
        System.arraycopy(mixed, 0, data, 1_000_000, 1_000_000);
        System.arraycopy(mixed, 1_000_000, data, 3_000_000, 2_000_000);
        java.util.Arrays.fill(data, 3_500_000, 3_500_000 + (32 << 10), (byte) 0);

        byte[] compressed = compress(data, 5, Framing.ZLIB, pool, ParallelDeflateOutputStream.DEFAULT_CHUNK);

        assertThat(inflate(compressed, false)).isEqualTo(data);
        int mixedOnly = compress(mixed, 5, Framing.ZLIB, pool, ParallelDeflateOutputStream.DEFAULT_CHUNK).length;
        assertThat(compressed.length).isLessThan(mixedOnly + 40_000);
    }

    @Test
    void smallRandomFilesThatAreNotCopiesStayStored() throws Exception {
        byte[] data = tarOf(4_000_000, 32, 1);

        byte[] compressed = compress(data, 5, Framing.ZLIB, pool, ParallelDeflateOutputStream.DEFAULT_CHUNK);

        assertThat(inflate(compressed, false)).isEqualTo(data);
        assertThat(compressed.length).isGreaterThan(data.length * 9 / 10);
    }

    /** A tar-like stream of 8 KiB random files, each followed by nine copies (hard links), with 512-byte headers. */
    static byte[] hardLinkedTar(int size, long seed) {
        return tarOf(size, seed, 10);
    }

    private static byte[] tarOf(int size, long seed, int copies) {
        java.util.Random random = new java.util.Random(seed);
        byte[] data = new byte[size];
        byte[] file = new byte[8192];
        int off = 0;
        for (int member = 0; off < size; member++) {
            if (member % copies == 0) {
                random.nextBytes(file);
            }
            byte[] header = new byte[512];
            byte[] name = ("snapshot/hl/link" + member).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(name, 0, header, 0, name.length);
            System.arraycopy("ustar  \0root".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, header, 257, 12);
            for (byte[] part : new byte[][] {header, file}) {
                int n = Math.min(part.length, size - off);
                System.arraycopy(part, 0, data, off, n);
                off += n;
            }
        }
        return data;
    }

    @Test
    void aLibraryPathThatDoesNotExistGivesNoEncoder() {
        assertThat(Libdeflate.open(dir.resolve("missing/libdeflate.so.0").toString())).isEmpty();
    }

    @Test
    void anEncoderThatFailsOrProducesGarbageStillYieldsTheRightStream() throws Exception {
        byte[] data = mixed(2_000_000, 31);
        // Faults a real libdeflate does not produce: output that does not fit, and bytes that are not deflate.
        NativeDeflate tooSmall = new NativeDeflate() {
            @Override
            public int compress(int level, byte[] in, int off, int len, byte[] out, int outOff) {
                return 0;
            }

            @Override
            public int bound(int len) {
                return len;
            }
        };
        NativeDeflate garbage = new NativeDeflate() {
            @Override
            public int compress(int level, byte[] in, int off, int len, byte[] out, int outOff) {
                java.util.Arrays.fill(out, outOff, outOff + 100, (byte) 0xff);
                return 100;
            }

            @Override
            public int bound(int len) {
                return len + 1024;
            }
        };

        for (NativeDeflate broken : List.of(tooSmall, garbage)) {
            byte[] compressed = compress(data, 5, Framing.ZLIB, new CompressionPool(executor, 3, broken), 128 << 10);
            assertThat(inflate(compressed, false)).isEqualTo(data);
        }
    }

    @Test
    void gpgDecryptsAPublicKeyMessageCompressedByLibdeflate() throws Exception {
        byte[] data = mixed(6_000_000, 29);
        List<PGPPublicKey> recipients = KeyFiles.encryptionKeys(GpgHome.VECTOR_PUBLIC_KEY);
        Path message = dir.resolve("pk.gpg");
        try (OutputStream out = new PublicKeyEncryptor(recipients, 5, null, pool).open(Files.newOutputStream(message))) {
            ParallelDeflateOutputStreamTest.writeOddly(out, data, 29);
        }
        GpgHome gpg = new GpgHome(dir);
        try {
            gpg.importKey(GpgHome.VECTOR_SECRET_KEY, GpgHome.VECTOR_PASSPHRASE);

            GpgHome.Result decrypted = gpg.decrypt(message, GpgHome.VECTOR_PASSPHRASE).expectSuccess();

            assertThat(decrypted.stdoutBytes()).isEqualTo(data);
            assertThat(decrypted.stderr()).doesNotContain("WARNING");
        } finally {
            gpg.close();
        }
    }
}
