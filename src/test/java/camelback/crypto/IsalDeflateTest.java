package camelback.crypto;

import static camelback.crypto.AdaptiveDeflateOutputStreamTest.inflate;
import static camelback.crypto.AdaptiveDeflateOutputStreamTest.mixed;
import static camelback.crypto.ParallelDeflateOutputStreamTest.compress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import camelback.crypto.AdaptiveDeflateOutputStream.Framing;
import camelback.ffi.NativeLibraries;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ISA-L's deflater for the fastest level: sync-flushed pieces, spliced without a walk, beside libdeflate. */
class IsalDeflateTest {
    private static final byte[] SYNC_MARKER = {0, 0, (byte) 0xff, (byte) 0xff};
    private static IsalDeflate isal;
    private static NativeDeflate system;
    private static ExecutorService executor;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        // .ci/run installs libisal2 and libdeflate0, and surefire opens the foreign-function module.
        isal = NativeLibraries.<IsalDeflate>load(NativeInflate.PROPERTY, IsalDeflate::open).orElse(null);
        assumeTrue(isal != null && NativeDeflate.system().isPresent(),
                "ISA-L, libdeflate or jdk.incubator.foreign is missing");
        system = NativeDeflate.system().get();
        executor = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (executor != null) {
            executor.shutdown();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void eachLevelWritesANonFinalPieceEndingOnASyncMarkerThatInflatesToTheInput(int level) throws Exception {
        byte[] data = mixed(700_000, level);
        byte[] out = new byte[isal.bound(data.length)];

        int n = isal.compress(level, data, 0, data.length, out, 0);

        assertThat(n).isPositive();
        assertThat(Arrays.copyOfRange(out, n - 4, n)).isEqualTo(SYNC_MARKER);
        byte[] ended = Arrays.copyOf(out, n + 5);
        System.arraycopy(new byte[] {1, 0, 0, (byte) 0xff, (byte) 0xff}, 0, ended, n, 5);
        assertThat(inflate(ended, true)).isEqualTo(data);
    }

    @Test
    void outputThatDoesNotFitGivesZeroSoTheCallerStoresTheRun() {
        byte[] data = mixed(200_000, 7);
        byte[] tooSmall = new byte[1_000];

        assertThat(isal.compress(1, data, 0, data.length, tooSmall, 0)).isZero();
    }

    @Test
    void compressesASliceOfALargerArrayIntoAnOffset() throws Exception {
        byte[] data = mixed(300_000, 9);
        byte[] out = new byte[100 + isal.bound(100_000)];
        Arrays.fill(out, 0, 100, (byte) 0x5a);

        int n = isal.compress(1, data, 50_000, 100_000, out, 100);

        ByteArrayOutputStream ended = new ByteArrayOutputStream();
        ended.write(out, 100, n);
        ended.write(new byte[] {1, 0, 0, (byte) 0xff, (byte) 0xff}, 0, 5);
        assertThat(inflate(ended.toByteArray(), true)).isEqualTo(Arrays.copyOfRange(data, 50_000, 150_000));
        assertThat(Arrays.copyOf(out, 100)).containsOnly((byte) 0x5a);
    }

    @Test
    void theSystemEncoderGivesLevelOneToIsalAndTheOthersToLibdeflate() {
        assertThat(system.forLevel(1)).isInstanceOf(IsalDeflate.class);
        assertThat(system.endsOnSyncMarker(1)).isTrue();
        assertThat(system.worthSampling(1)).isFalse();
        for (int level = 2; level <= 9; level++) {
            assertThat(system.forLevel(level)).isInstanceOf(Libdeflate.class);
            assertThat(system.endsOnSyncMarker(level)).isFalse();
            assertThat(system.worthSampling(level)).isTrue();
        }
    }

    @Test
    void levelOneStreamOfManyChunksInflatesAndIsWithinTwoPercentOfZlibsLevelOne() throws Exception {
        byte[] data = mixed(6_000_000, 33);

        byte[] fastest = compress(data, 1, Framing.ZLIB, new CompressionPool(executor, 3, system), 128 << 10);
        byte[] zlib = compress(data, 1, Framing.ZLIB, new CompressionPool(executor, 3), 128 << 10);

        assertThat(inflate(fastest, false)).isEqualTo(data);
        assertThat(fastest.length).isLessThanOrEqualTo((int) (zlib.length * 1.02));
    }

    @Test
    void unsampledRandomBytesComeOutStoredNotExpanded() throws Exception {
        byte[] data = new byte[3_000_000];
        new java.util.Random(35).nextBytes(data);

        byte[] fastest = compress(data, 1, Framing.RAW, new CompressionPool(executor, 3, system), 128 << 10);

        assertThat(inflate(fastest, true)).isEqualTo(data);
        // Stored blocks cost 5 bytes per 64 KiB, plus a sync marker per chunk.
        assertThat(fastest.length).isLessThan(data.length + data.length / 5_000);
    }

    @Test
    void aLibraryPathThatDoesNotExistGivesNoEncoder() {
        assertThat(IsalDeflate.open(dir.resolve("missing/libisal.so.2").toString())).isEmpty();
    }
}
