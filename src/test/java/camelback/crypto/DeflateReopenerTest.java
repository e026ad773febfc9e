package camelback.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeflateReopenerTest {
    private static final Path LIBDEFLATE = Path.of("/lib/x86_64-linux-gnu/libdeflate.so.0");
    private static final byte[] FINAL_EMPTY_STORED = {0x01, 0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    private static final int PREFIX = 3;
    private static final byte SENTINEL = 0x5A;

    private final DeflateReopener reopener = new DeflateReopener();

    @TempDir
    Path tmp;

    @Test
    void splicesStoredBlocksOfLevelZero() throws Exception {
        assertSplices(List.of(text(10, 1), text(70_000, 2), new byte[0], random(200_000, 3)), 0, Deflater.DEFAULT_STRATEGY);
    }

    @Test
    void splicesDynamicBlocksAtLevelsOneSixAndNine() throws Exception {
        List<byte[]> inputs = List.of(text(300_000, 4), mixed(200_000, 5), text(5_000, 6));
        for (int level : new int[] {1, 6, 9}) {
            assertSplices(inputs, level, Deflater.DEFAULT_STRATEGY);
        }
    }

    @Test
    void splicesHuffmanOnlyAndFilteredStreams() throws Exception {
        List<byte[]> inputs = List.of(text(200_000, 7), mixed(100_000, 8));
        assertSplices(inputs, 6, Deflater.HUFFMAN_ONLY);
        assertSplices(inputs, 6, Deflater.FILTERED);
    }

    @Test
    void splicesFixedHuffmanBlocksOfTinyInputs() throws Exception {
        List<byte[]> inputs = new ArrayList<>();
        for (String s : new String[] {"a", "abc", "hello", "hello hello hello"}) {
            inputs.add(s.getBytes(StandardCharsets.US_ASCII));
        }
        for (byte[] input : inputs) {
            assertThat((deflate(input, 6, Deflater.DEFAULT_STRATEGY)[0] >> 1) & 3).as("block type").isEqualTo(1);
        }
        assertSplices(inputs, 6, Deflater.DEFAULT_STRATEGY);
    }

    @Test
    void splicesEmptyStreams() throws Exception {
        List<byte[]> inputs = List.of(new byte[0], new byte[0], new byte[0]);
        assertSplices(inputs, 0, Deflater.DEFAULT_STRATEGY);
        assertSplices(inputs, 6, Deflater.DEFAULT_STRATEGY);
    }

    @Test
    void splicesIncompressibleRandomData() throws Exception {
        assertSplices(List.of(random(300_000, 9), random(1, 10), random(65_535, 11)), 6, Deflater.DEFAULT_STRATEGY);
    }

    @Test
    void splicesLongRunsOfLongestMatchesAndFarDistances() throws Exception {
        byte[] zeros = new byte[1 << 20];
        byte[] far = repeated(random(32_000, 12), 8);
        assertSplices(List.of(zeros, far), 9, Deflater.DEFAULT_STRATEGY);
        assertSplices(List.of(far, zeros), 1, Deflater.DEFAULT_STRATEGY);
    }

    @Test
    void splicesWhateverPaddingFollowsTheFinalEndOfBlock() throws Exception {
        TreeSet<Integer> paddings = new TreeSet<>();
        List<byte[]> inputs = new ArrayList<>();
        List<byte[]> streams = new ArrayList<>();
        byte[] source = mixed(20_000, 13);
        for (int n = 1; n <= 60; n++) {
            for (int level : new int[] {1, 6}) {
                byte[] input = Arrays.copyOf(source, n * 97 % 6000);
                byte[] stream = deflate(input, level, Deflater.DEFAULT_STRATEGY);
                int padding = paddingBits(stream, input);
                paddings.add(padding);
                // The reopener must overwrite padding, not trust it to be zero.
                stream[stream.length - 1] |= (byte) (0xFF << (8 - padding));
                inputs.add(input);
                streams.add(stream);
            }
        }
        assertThat(paddings).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertSplicedInflate(inputs, streams);
    }

    @Test
    void splicesLibdeflateStreamsOfMixedText() throws Exception {
        assumeTrue(Files.exists(LIBDEFLATE), "libdeflate not installed");
        List<byte[]> inputs = List.of(mixed(1 << 20, 14), text(1 << 20, 15), repeated(random(32_768, 16), 6),
                new byte[1 << 18], random(100_000, 17), "x".getBytes(StandardCharsets.US_ASCII), new byte[0]);
        for (int level : new int[] {1, 6, 12}) {
            assertSplicedInflate(inputs, libdeflate(inputs, level));
        }
    }

    @Test
    void splicesLibdeflateStreamsOfEveryPadding() throws Exception {
        assumeTrue(Files.exists(LIBDEFLATE), "libdeflate not installed");
        byte[] source = mixed(50_000, 18);
        List<byte[]> inputs = new ArrayList<>();
        for (int n = 1; n <= 40; n++) {
            inputs.add(Arrays.copyOf(source, n * 1231 % 50_000));
        }
        List<byte[]> streams = libdeflate(inputs, 6);
        TreeSet<Integer> paddings = new TreeSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            paddings.add(paddingBits(streams.get(i), inputs.get(i)));
        }
        assertThat(paddings).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertSplicedInflate(inputs, streams);
    }

    @Test
    void splicesDynamicBlocksWithOneDistanceCodeOrNone() throws Exception {
        // 'a' has code 0, end-of-block 10 and length 3 (symbol 257) 11; the one distance code, 1, is a lone bit.
        byte[] oneDistance = dynamicBlock(new int[] {97, 1, 256, 2, 257, 2}, 1)
                .huffman(0, 1).huffman(0b11, 2).huffman(0, 1).huffman(0b10, 2).toBytes();
        // 'a' and end-of-block have one bit each and there is no distance code at all.
        byte[] noDistance = dynamicBlock(new int[] {97, 1, 256, 1}, 0)
                .huffman(0, 1).huffman(0, 1).huffman(1, 1).toBytes();
        assertSplicedInflate(List.of("aaaa".getBytes(StandardCharsets.US_ASCII),
                "aa".getBytes(StandardCharsets.US_ASCII)), List.of(oneDistance, noDistance));
    }

    @Test
    void rejectsTruncatedStreams() throws Exception {
        byte[] stream = deflate(mixed(50_000, 19), 6, Deflater.DEFAULT_STRATEGY);
        for (int cut = 0; cut < stream.length; cut += Math.max(1, cut / 3)) {
            assertThatThrownBy(reopenCall(Arrays.copyOf(stream, cut))).isInstanceOf(DataFormatException.class);
        }
        assertThatThrownBy(reopenCall(Arrays.copyOf(stream, stream.length - 1)))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("truncated");
    }

    @Test
    void rejectsBytesAfterTheFinalBlock() throws Exception {
        byte[] stream = deflate(text(5_000, 20), 6, Deflater.DEFAULT_STRATEGY);
        byte[] longer = Arrays.copyOf(stream, stream.length + 1);
        assertThatThrownBy(reopenCall(longer)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("1 bytes follow the final block");
    }

    @Test
    void rejectsBlockTypeThree() throws Exception {
        byte[] stream = deflate(text(5_000, 21), 6, Deflater.DEFAULT_STRATEGY);
        stream[0] |= 0b110;
        assertThatThrownBy(reopenCall(stream)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("block type 3");
    }

    @Test
    void rejectsStoredBlockWhoseNlenIsNotTheComplementOfLen() throws Exception {
        byte[] stream = deflate(text(1_000, 22), 0, Deflater.DEFAULT_STRATEGY);
        stream[3] ^= 0x10;
        assertThatThrownBy(reopenCall(stream)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("NLEN");
    }

    @Test
    void rejectsOverSubscribedCodeLengthCode() throws Exception {
        BitWriter w = new BitWriter();
        w.bits(1, 1).bits(2, 2).bits(0, 5).bits(0, 5).bits(15, 4);
        for (int i = 0; i < 19; i++) {
            w.bits(1, 3);
        }
        assertThatThrownBy(reopenCall(w.toBytes())).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("over-subscribed code length code");
    }

    @Test
    void rejectsIncompleteLiteralLengthCode() throws Exception {
        // Code length code: 0 -> "0", 1 -> "10", 2 -> "11"; literal 0 gets one bit and end-of-block two, leaving a
        // quarter of the literal/length code space unused.
        BitWriter w = new BitWriter();
        w.bits(1, 1).bits(2, 2).bits(0, 5).bits(0, 5).bits(14, 4);
        int[] order = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1};
        for (int symbol : order) {
            w.bits(symbol == 0 ? 1 : symbol <= 2 ? 2 : 0, 3);
        }
        w.huffman(0b10, 2);
        for (int i = 1; i < 256; i++) {
            w.huffman(0, 1);
        }
        w.huffman(0b11, 2).huffman(0b10, 2).bits(0, 16);
        assertThatThrownBy(reopenCall(w.toBytes())).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("incomplete literal/length code");
    }

    @Test
    void rejectsDistanceSymbolThirty() throws Exception {
        BitWriter w = new BitWriter();
        w.bits(1, 1).bits(1, 2).huffman(0b1100001, 8).huffman(0b0000001, 7).huffman(30, 5).huffman(0, 7);
        assertThatThrownBy(reopenCall(w.toBytes())).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("invalid distance code");
    }

    @Test
    void rejectsLengthSymbolTwoHundredEightySix() throws Exception {
        BitWriter w = new BitWriter();
        w.bits(1, 1).bits(1, 2).huffman(0b11000110, 8).huffman(0, 5).huffman(0, 7);
        assertThatThrownBy(reopenCall(w.toBytes())).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("invalid literal/length code");
    }

    /**
     * Throughput on text compressed in 512 KiB pieces, per uncompressed and per compressed byte. Run on demand:
     * {@code mvn -o test -Dtest=DeflateReopenerTest -Dcamelback.bench.reopen=true} (optionally
     * {@code -Dcamelback.bench.reopen.file=/some/text} instead of generated text).
     */
    @Test
    void measuresThroughput() throws Exception {
        assumeTrue(Boolean.getBoolean("camelback.bench.reopen"), "benchmark runs on demand");
        String file = System.getProperty("camelback.bench.reopen.file");
        byte[] all = file != null ? Files.readAllBytes(Path.of(file)) : mixed(64 << 20, 23);
        List<byte[]> inputs = new ArrayList<>();
        for (int at = 0; at < all.length; at += 512 << 10) {
            inputs.add(Arrays.copyOfRange(all, at, Math.min(all.length, at + (512 << 10))));
        }
        measure("zlib 6", all.length, deflateAll(inputs, 6));
        if (Files.exists(LIBDEFLATE)) {
            for (int level : new int[] {1, 6}) {
                measure("libdeflate " + level, all.length, libdeflate(inputs, level));
            }
        }
    }

    private void measure(String name, long plain, List<byte[]> streams) throws DataFormatException {
        long compressed = streams.stream().mapToLong(s -> s.length).sum();
        byte[] work = new byte[streams.stream().mapToInt(s -> s.length).max().orElse(0) + DeflateReopener.SPARE];
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 10; round++) {
            long t0 = System.nanoTime();
            for (byte[] s : streams) {
                System.arraycopy(s, 0, work, 0, s.length);
                reopener.reopen(work, 0, s.length);
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("%-14s %,d -> %,d bytes: %.0f MB/s uncompressed, %.0f MB/s compressed%n", name, plain,
                compressed, plain * 1e3 / best, compressed * 1e3 / best);
    }

    private void assertSplices(List<byte[]> inputs, int level, int strategy) throws Exception {
        List<byte[]> streams = new ArrayList<>();
        for (byte[] input : inputs) {
            streams.add(deflate(input, level, strategy));
        }
        assertSplicedInflate(inputs, streams);
    }

    private List<byte[]> deflateAll(List<byte[]> inputs, int level) {
        List<byte[]> streams = new ArrayList<>();
        for (byte[] input : inputs) {
            streams.add(deflate(input, level, Deflater.DEFAULT_STRATEGY));
        }
        return streams;
    }

    /** Reopens every stream, splices the pieces with a final empty stored block and inflates the whole. */
    private void assertSplicedInflate(List<byte[]> inputs, List<byte[]> streams) throws Exception {
        ByteArrayOutputStream spliced = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < streams.size(); i++) {
            spliced.writeBytes(reopened(streams.get(i)));
            expected.writeBytes(inputs.get(i));
        }
        spliced.writeBytes(FINAL_EMPTY_STORED);
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(spliced.toByteArray());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[1 << 16];
            while (!inflater.finished() && !inflater.needsInput()) {
                out.write(chunk, 0, inflater.inflate(chunk));
            }
            assertThat(inflater.finished()).as("spliced stream finished").isTrue();
            assertThat(inflater.getRemaining()).isZero();
            assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
        } finally {
            inflater.end();
        }
    }

    /** Reopens the stream between sentinel bytes and checks that none outside the new piece changed. */
    private byte[] reopened(byte[] stream) throws DataFormatException {
        byte[] buf = new byte[PREFIX + stream.length + DeflateReopener.SPARE + 2];
        Arrays.fill(buf, SENTINEL);
        System.arraycopy(stream, 0, buf, PREFIX, stream.length);
        int length = reopener.reopen(buf, PREFIX, stream.length);
        assertThat(length).isBetween(stream.length + 4, stream.length + 5);
        for (int i = 0; i < buf.length; i++) {
            if (i < PREFIX || i >= PREFIX + length) {
                assertThat(buf[i]).as("byte %d outside the piece", i).isEqualTo(SENTINEL);
            }
        }
        assertThat(Arrays.copyOfRange(buf, PREFIX + length - 4, PREFIX + length))
                .containsExactly(0x00, 0x00, 0xFF, 0xFF);
        return Arrays.copyOfRange(buf, PREFIX, PREFIX + length);
    }

    private org.assertj.core.api.ThrowableAssert.ThrowingCallable reopenCall(byte[] stream) {
        byte[] buf = Arrays.copyOf(stream, stream.length + DeflateReopener.SPARE);
        return () -> reopener.reopen(buf, 0, stream.length);
    }

    /**
     * How many high bits of the last byte follow the final end-of-block code, found by an inflater: the largest
     * number that can be set to ones without changing what the stream inflates to.
     */
    private static int paddingBits(byte[] stream, byte[] input) {
        int padding = 0;
        for (int k = 1; k <= 7; k++) {
            byte[] altered = stream.clone();
            altered[altered.length - 1] |= (byte) (0xFF << (8 - k));
            if (!inflatesTo(altered, input)) {
                break;
            }
            padding = k;
        }
        return padding;
    }

    private static boolean inflatesTo(byte[] stream, byte[] input) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(stream);
            byte[] out = new byte[input.length + 1];
            int n = 0;
            while (!inflater.finished() && !inflater.needsInput() && n < out.length) {
                n += inflater.inflate(out, n, out.length - n);
            }
            return inflater.finished() && n == input.length && Arrays.equals(out, 0, n, input, 0, n);
        } catch (DataFormatException e) {
            return false;
        } finally {
            inflater.end();
        }
    }

    private static byte[] deflate(byte[] input, int level, int strategy) {
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setStrategy(strategy);
            deflater.setInput(input);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[1 << 16];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Compresses each input with libdeflate through python3's ctypes, in one process. */
    private List<byte[]> libdeflate(List<byte[]> inputs, int level) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", "-c", LIBDEFLATE_SCRIPT, LIBDEFLATE.toString(),
                Integer.toString(level)));
        Path dir = Files.createTempDirectory(tmp, "libdeflate");
        for (int i = 0; i < inputs.size(); i++) {
            Path in = dir.resolve(i + ".in");
            Files.write(in, inputs.get(i));
            command.add(in.toString());
            command.add(dir.resolve(i + ".out").toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        List<byte[]> streams = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            streams.add(Files.readAllBytes(dir.resolve(i + ".out")));
        }
        return streams;
    }

    private static final String LIBDEFLATE_SCRIPT = String.join("\n",
            "import ctypes, sys",
            "lib = ctypes.CDLL(sys.argv[1])",
            "lib.libdeflate_alloc_compressor.restype = ctypes.c_void_p",
            "lib.libdeflate_alloc_compressor.argtypes = [ctypes.c_int]",
            "lib.libdeflate_deflate_compress_bound.restype = ctypes.c_size_t",
            "lib.libdeflate_deflate_compress_bound.argtypes = [ctypes.c_void_p, ctypes.c_size_t]",
            "lib.libdeflate_deflate_compress.restype = ctypes.c_size_t",
            "lib.libdeflate_deflate_compress.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,"
                    + " ctypes.c_void_p, ctypes.c_size_t]",
            "lib.libdeflate_free_compressor.argtypes = [ctypes.c_void_p]",
            "c = lib.libdeflate_alloc_compressor(int(sys.argv[2]))",
            "assert c",
            "for i in range(3, len(sys.argv), 2):",
            "    data = open(sys.argv[i], 'rb').read()",
            "    bound = lib.libdeflate_deflate_compress_bound(c, len(data))",
            "    out = ctypes.create_string_buffer(bound)",
            "    n = lib.libdeflate_deflate_compress(c, data, len(data), out, bound)",
            "    assert n > 0",
            "    open(sys.argv[i + 1], 'wb').write(out.raw[:n])",
            "lib.libdeflate_free_compressor(c)");

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] repeated(byte[] unit, int times) {
        byte[] b = new byte[unit.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(unit, 0, b, i * unit.length, unit.length);
        }
        return b;
    }

    /** Prose-like text: words of a skewed vocabulary, punctuation and line breaks. */
    private static byte[] text(int n, long seed) {
        Random r = new Random(seed);
        String[] words = vocabulary(r);
        StringBuilder sb = new StringBuilder(n + 32);
        int line = 0;
        while (sb.length() < n) {
            double u = r.nextDouble();
            String word = words[(int) (words.length * u * u * u)];
            sb.append(word);
            line += word.length() + 1;
            int p = r.nextInt(20);
            sb.append(p == 0 ? ". " : p == 1 ? ", " : " ");
            if (line > 72) {
                sb.append('\n');
                line = 0;
            }
        }
        return Arrays.copyOf(sb.toString().getBytes(StandardCharsets.US_ASCII), n);
    }

    /** Text interleaved with log-like lines, numbers, binary noise and runs, as in a tar of a home directory. */
    private static byte[] mixed(int n, long seed) {
        Random r = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 70_000);
        while (out.size() < n) {
            switch (r.nextInt(5)) {
                case 0 -> out.writeBytes(text(1 + r.nextInt(20_000), r.nextLong()));
                case 1 -> {
                    for (int i = r.nextInt(200); i > 0; i--) {
                        out.writeBytes(String.format("2026-11-%02d 13:%02d:%02d INFO worker-%d processed %d items%n",
                                1 + r.nextInt(28), r.nextInt(60), r.nextInt(60), r.nextInt(16), r.nextInt(100_000))
                                .getBytes(StandardCharsets.US_ASCII));
                    }
                }
                case 2 -> out.writeBytes(random(1 + r.nextInt(4_000), r.nextLong()));
                case 3 -> out.writeBytes(new byte[1 + r.nextInt(3_000)]);
                default -> {
                    byte[] recent = out.toByteArray();
                    int from = Math.max(0, recent.length - 32_768 + r.nextInt(32_768));
                    out.write(recent, from, Math.min(recent.length - from, 1 + r.nextInt(1_000)));
                }
            }
        }
        return Arrays.copyOf(out.toByteArray(), n);
    }

    private static String[] vocabulary(Random r) {
        String[] words = new String[3_000];
        for (int i = 0; i < words.length; i++) {
            char[] w = new char[2 + r.nextInt(9)];
            for (int j = 0; j < w.length; j++) {
                w[j] = "etaoinshrdlucmfwypvbgkjqxz".charAt((int) (26 * Math.pow(r.nextDouble(), 2)));
            }
            words[i] = new String(w);
        }
        return words;
    }

    /**
     * Starts a final dynamic block with 258 literal/length codes of the given (symbol, length) pairs and one distance
     * code of the given length, its code lengths sent with the code 0 -> 0, 1 -> 10, 2 -> 11.
     */
    private static BitWriter dynamicBlock(int[] symbolLengths, int distLength) {
        BitWriter w = new BitWriter();
        w.bits(1, 1).bits(2, 2).bits(1, 5).bits(0, 5).bits(14, 4);
        for (int symbol : new int[] {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1}) {
            w.bits(symbol == 0 ? 1 : symbol <= 2 ? 2 : 0, 3);
        }
        int[] lengths = new int[259];
        for (int i = 0; i < symbolLengths.length; i += 2) {
            lengths[symbolLengths[i]] = symbolLengths[i + 1];
        }
        lengths[258] = distLength;
        for (int length : lengths) {
            w.huffman(length == 0 ? 0 : length == 1 ? 0b10 : 0b11, length == 0 ? 1 : 2);
        }
        return w;
    }

    /** Writes deflate bits: fields first bit lowest, Huffman codes first bit highest. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int acc;
        private int n;

        BitWriter bits(int value, int count) {
            for (int i = 0; i < count; i++) {
                acc |= ((value >>> i) & 1) << n;
                if (++n == 8) {
                    out.write(acc);
                    acc = 0;
                    n = 0;
                }
            }
            return this;
        }

        BitWriter huffman(int code, int length) {
            return bits(Integer.reverse(code) >>> (32 - length), length);
        }

        byte[] toBytes() {
            if (n > 0) {
                out.write(acc);
            }
            return out.toByteArray();
        }
    }
}
