package camelback.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatcherTest {

    @TempDir
    Path scratch;

    @ParameterizedTest
    @CsvSource({"text/old.txt, text/old-to-new.delta, text/new.txt", "shift/old.bin, shift/old-to-new.delta, shift/new.bin",
        "empty/empty.txt, empty/empty-to-t200.delta, empty/t200.txt", "empty/t200.txt, empty/t200-to-empty.delta, empty/empty.txt"})
    void patchingEachVectorDeltaReproducesTheNewFile(String basis, String delta, String expected) throws IOException {
        assertThat(InMemoryRsync.patch(scratch, Vectors.read(basis), Vectors.read(delta))).isEqualTo(Vectors.read(expected));
    }

    @Test
    void patchingTheBlocksizeVectorReproducesItsNewFile() throws IOException {
        byte[] old = Vectors.blocksizeOld();
        byte[] patched = InMemoryRsync.patch(scratch, old, Vectors.read("blocksize/gen2100000-old-to-new.delta"));
        assertThat(patched).isEqualTo(Vectors.blocksizeNew(old));
    }

    @Test
    void acceptsWideIntegersAndUnalignedCopies() throws IOException {
        byte[] basis = "0123456789".getBytes();
        // COPY_N8_N4 pos 3 len 4, LITERAL_N8 2 "ab", COPY_N2_N1 pos 0 len 1, END
        byte[] delta = HexFormat.of().parseHex("72730236" + "53" + "0000000000000003" + "00000004"
                + "44" + "0000000000000002" + "6162" + "49" + "0000" + "01" + "00");
        assertThat(new String(InMemoryRsync.patch(scratch, basis, delta))).isEqualTo("3456ab0");
    }

    @Test
    void streamsTheBasisOnceWhenAFileChangedInItsMiddle() throws IOException {
        byte[] old = random(300_000, 3);
        byte[] changed = old.clone();
        Arrays.fill(changed, 150_000, 151_000, (byte) 7);
        byte[] delta = InMemoryRsync.delta(InMemoryRsync.signature(old, 2048), changed);

        BasisReuse reuse = Patcher.basisReuse(new ByteArrayInputStream(delta), 1 << 20).orElseThrow();

        assertThat(reuse.bytes()).isZero();
        assertThat(streamed(delta, old, reuse)).isEqualTo(changed);
    }

    @Test
    void keepsWhatTheDeltaCopiesAgainAfterTheStreamPassedIt() throws IOException {
        byte[] old = random(200_000, 4);
        byte[] changed = new byte[old.length + 4096];
        System.arraycopy(old, 100_000, changed, 0, 100_000); // halves swapped
        System.arraycopy(old, 0, changed, 100_000, 100_000);
        System.arraycopy(old, 2048, changed, 200_000, 4096); // and a block repeated at the end
        byte[] delta = InMemoryRsync.delta(InMemoryRsync.signature(old, 2048), changed);

        BasisReuse reuse = Patcher.basisReuse(new ByteArrayInputStream(delta), 1 << 20).orElseThrow();

        assertThat(reuse.bytes()).as("about the first half, in whole blocks").isBetween(90_000L, 104_096L);
        assertThat(streamed(delta, old, reuse)).isEqualTo(changed);
        assertThat(InMemoryRsync.patch(scratch, old, delta)).isEqualTo(changed);
    }

    @Test
    void aDeltaThatWouldKeepTooMuchNeedsASeekableBasis() throws IOException {
        byte[] old = random(200_000, 5);
        byte[] swapped = new byte[old.length];
        System.arraycopy(old, 100_000, swapped, 0, 100_000);
        System.arraycopy(old, 0, swapped, 100_000, 100_000);
        byte[] delta = InMemoryRsync.delta(InMemoryRsync.signature(old, 2048), swapped);

        assertThat(Patcher.basisReuse(new ByteArrayInputStream(delta), 50_000)).isEmpty();
    }

    @Test
    void aStreamedBasisThatEndsTooEarlyIsADeltaForAnotherFile() throws IOException {
        byte[] basis = "0123456789".getBytes();
        // COPY_N1_N1 pos 6 len 8, END
        byte[] delta = HexFormat.of().parseHex("72730236" + "45" + "06" + "08" + "00");
        BasisReuse reuse = Patcher.basisReuse(new ByteArrayInputStream(delta), 1 << 20).orElseThrow();

        assertThatThrownBy(() -> streamed(delta, basis, reuse)).isInstanceOf(DeltaFormatException.class)
                .hasMessageContaining("basis ended at 10");
    }

    private static byte[] streamed(byte[] delta, byte[] basis, BasisReuse reuse) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Patcher.applyStreaming(new ByteArrayInputStream(delta), new ByteArrayInputStream(basis), reuse, out);
        return out.toByteArray();
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void rejectsBadMagic() {
        byte[] delta = HexFormat.of().parseHex("72730136" + "00");
        assertThatThrownBy(() -> InMemoryRsync.patch(scratch, new byte[0], delta))
                .isInstanceOf(DeltaFormatException.class).hasMessageContaining("magic 0x72730136 at offset 0")
                .hasMessageContaining("signature");
    }

    @Test
    void rejectsEmptyDelta() {
        assertThatThrownBy(() -> InMemoryRsync.patch(scratch, new byte[0], new byte[0]))
                .isInstanceOf(DeltaFormatException.class).hasMessageContaining("4-byte magic that starts at offset 0");
    }

    @Test
    void rejectsReservedOpcode() {
        byte[] delta = HexFormat.of().parseHex("72730236" + "03616263" + "55" + "00");
        assertThatThrownBy(() -> InMemoryRsync.patch(scratch, new byte[0], delta))
                .isInstanceOf(DeltaFormatException.class).hasMessageContaining("reserved opcode 0x55 at delta offset 8");
    }

    @Test
    void rejectsDeltaWithoutEnd() {
        byte[] whole = Vectors.read("text/old-to-new.delta");
        byte[] noEnd = Arrays.copyOf(whole, whole.length - 1);
        assertThatThrownBy(() -> InMemoryRsync.patch(scratch, Vectors.read("text/old.txt"), noEnd))
                .isInstanceOf(DeltaFormatException.class).hasMessageContaining("END command missing");
    }

    @Test
    void rejectsTruncatedLiteralAndTruncatedParameters() {
        byte[] literal = HexFormat.of().parseHex("72730236" + "0a" + "616263");
        assertThatThrownBy(() -> InMemoryRsync.patch(scratch, new byte[0], literal))
                .isInstanceOf(DeltaFormatException.class).hasMessageContaining("LITERAL at offset 4 promised 10 bytes, 3 present");
        byte[] copy = HexFormat.of().parseHex("72730236" + "4a" + "00");
        assertThatThrownBy(() -> InMemoryRsync.patch(scratch, new byte[10], copy))
                .isInstanceOf(DeltaFormatException.class).hasMessageContaining("COPY offset that starts at offset 5");
    }

    @Test
    void rejectsCopyBeyondTheBasis() {
        byte[] delta = HexFormat.of().parseHex("72730236" + "45" + "08" + "03" + "00");
        assertThatThrownBy(() -> InMemoryRsync.patch(scratch, new byte[10], delta))
                .isInstanceOf(DeltaFormatException.class).hasMessageContaining("COPY at delta offset 4")
                .hasMessageContaining("beyond the basis end (10 bytes)");
    }

    @Test
    void rejectsTheRightDeltaAgainstTheWrongBasis() {
        assertThatThrownBy(() -> InMemoryRsync.patch(scratch, new byte[100], Vectors.read("text/old-to-new.delta")))
                .isInstanceOf(DeltaFormatException.class).hasMessageContaining("beyond the basis end");
    }
}
