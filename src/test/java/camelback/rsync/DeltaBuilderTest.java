package camelback.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeltaBuilderTest {

    @ParameterizedTest
    @CsvSource({"text/old.sig, text/new.txt, text/old-to-new.delta", "shift/old.sig, shift/new.bin, shift/old-to-new.delta",
        "empty/empty.sig, empty/t200.txt, empty/empty-to-t200.delta", "empty/t200.sig, empty/empty.txt, empty/t200-to-empty.delta"})
    void reproducesRdiffDeltaVectors(String signature, String input, String delta) throws IOException {
        assertThat(InMemoryRsync.delta(Vectors.read(signature), Vectors.read(input))).isEqualTo(Vectors.read(delta));
    }

    @Test
    void reproducesTheBlocksizeVectorDelta() throws IOException {
        byte[] fresh = Vectors.blocksizeNew(Vectors.blocksizeOld());
        byte[] delta = InMemoryRsync.delta(Vectors.read("blocksize/gen2100000-old.sig"), fresh);
        assertThat(delta).isEqualTo(Vectors.read("blocksize/gen2100000-old-to-new.delta"));
        assertThat(HexFormat.of().formatHex(delta, 4, 12)).isEqualTo("47000016e0004204");
    }

    @Test
    void cutsLiteralRunsAt32768Bytes() throws IOException {
        byte[] fresh = RollsumTest.randomBytes(100_000, 9);
        byte[] delta = InMemoryRsync.delta(InMemoryRsync.signature(RollsumTest.randomBytes(1000, 12), 512), fresh);
        HexFormat hex = HexFormat.of();
        assertThat(hex.formatHex(delta, 4, 7)).isEqualTo("428000");
        assertThat(hex.formatHex(delta, 7 + 32768, 10 + 32768)).isEqualTo("428000");
        assertThat(hex.formatHex(delta, 10 + 2 * 32768, 13 + 2 * 32768)).isEqualTo("428000");
        assertThat(hex.formatHex(delta, 13 + 3 * 32768, 16 + 3 * 32768)).isEqualTo("4206a0");
        assertThat(delta).hasSize(4 + 4 * 3 + 100_000 + 1);
    }

    @Test
    void cutsLiteralsAt65536BytesAgainstAnEmptySignatureAsDuplicityDoes() throws IOException {
        byte[] fresh = RollsumTest.randomBytes(140_000, 13);
        byte[] delta = InMemoryRsync.delta(InMemoryRsync.signature(new byte[0], 512), fresh);
        HexFormat hex = HexFormat.of();
        assertThat(hex.formatHex(delta, 4, 9)).isEqualTo("4300010000");
        assertThat(hex.formatHex(delta, 9 + 65536, 14 + 65536)).isEqualTo("4300010000");
        assertThat(hex.formatHex(delta, 14 + 2 * 65536, 17 + 2 * 65536)).isEqualTo("4222e0");
        assertThat(delta).hasSize(4 + 5 + 5 + 3 + 140_000 + 1);
    }

    @Test
    void mergesAdjacentBlocksIntoOneCopyAndUsesTheFirstOfRepeatedBlocks() throws IOException {
        byte[] block = RollsumTest.randomBytes(512, 10);
        byte[] old = new byte[512 * 4];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(block, 0, old, i * 512, 512);
        }
        byte[] delta = InMemoryRsync.delta(InMemoryRsync.signature(old, 512), old);
        // every window matches block 0, so nothing merges: four COPY 0,512 (opcode 46 = pos:1, len:2)
        assertThat(HexFormat.of().formatHex(delta)).isEqualTo("72730236" + "4600" + "0200" + "4600" + "0200"
                + "4600" + "0200" + "4600" + "0200" + "00");

        byte[] distinct = RollsumTest.randomBytes(512 * 4, 11);
        byte[] merged = InMemoryRsync.delta(InMemoryRsync.signature(distinct, 512), distinct);
        assertThat(HexFormat.of().formatHex(merged)).isEqualTo("72730236" + "4600" + "0800" + "00");
    }

    @Test
    void settlesWeakSumCollisionsByTheStrongSum() throws IOException {
        byte[] a = collidingBlock(true);
        byte[] b = collidingBlock(false);
        assertThat(Rollsum.of(a, 0, 512)).isEqualTo(Rollsum.of(b, 0, 512));
        assertThat(a).isNotEqualTo(b);
        byte[] old = new byte[1024];
        System.arraycopy(a, 0, old, 0, 512);
        System.arraycopy(b, 0, old, 512, 512);
        byte[] fresh = new byte[1024];
        System.arraycopy(b, 0, fresh, 0, 512);
        System.arraycopy(a, 0, fresh, 512, 512);
        // b is found at 512 although a (same weak sum) comes first in the table; then a at 0
        assertThat(HexFormat.of().formatHex(InMemoryRsync.delta(InMemoryRsync.signature(old, 512), fresh)))
                .isEqualTo("72730236" + "4a" + "0200" + "0200" + "4600" + "0200" + "00");
    }

    /** Bytes x,y,y,x and y,x,x,y at the same place give the same rollsum (same sum, same weighted sum). */
    static byte[] collidingBlock(boolean first) {
        byte[] block = RollsumTest.randomBytes(512, 14);
        byte x = 10;
        byte y = 99;
        block[100] = first ? x : y;
        block[101] = first ? y : x;
        block[102] = first ? y : x;
        block[103] = first ? x : y;
        return block;
    }

    @Test
    void refusesToWriteAfterFinish() throws IOException {
        DeltaBuilder builder = new DeltaBuilder(Signature.read(new ByteArrayInputStream(Vectors.read("text/old.sig"))),
                new ByteArrayOutputStream());
        builder.finish();
        assertThatThrownBy(() -> builder.update(new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
    }
}
