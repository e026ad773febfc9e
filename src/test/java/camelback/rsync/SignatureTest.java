package camelback.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignatureTest {

    @Test
    void loadsHeaderAndBlocks() throws IOException {
        Signature sig = Signature.read(new ByteArrayInputStream(Vectors.read("text/old.sig")));
        assertThat(sig.blockLength()).isEqualTo(512);
        assertThat(sig.strongLength()).isEqualTo(8);
        assertThat(sig.blockCount()).isEqualTo(8);
    }

    @Test
    void refusesMoreBlocksThanItMayIndexAndLoadsUpToThem() throws IOException {
        byte[] sig = Vectors.read("text/old.sig");

        assertThatThrownBy(() -> Signature.read(new ByteArrayInputStream(sig), 7))
                .isInstanceOf(SignatureTooLargeException.class).hasMessageContaining("more than 7 blocks");
        assertThat(Signature.read(new ByteArrayInputStream(sig), 8).blockCount()).isEqualTo(8);
    }

    @Test
    void loadsAHeaderOnlySignatureAsZeroBlocks() throws IOException {
        assertThat(Signature.read(new ByteArrayInputStream(Vectors.read("empty/empty.sig"))).blockCount()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"72730137, BLAKE2 + rollsum", "72730146, MD4 + RabinKarp", "72730147, BLAKE2 + RabinKarp"})
    void namesTheUnusableLibrsyncMagics(String magic, String name) {
        byte[] sig = HexFormat.of().parseHex(magic + "00000200" + "00000020");
        assertThatThrownBy(() -> Signature.read(new ByteArrayInputStream(sig)))
                .isInstanceOf(SignatureFormatException.class)
                .hasMessageContaining("0x" + magic).hasMessageContaining(name);
    }

    @Test
    void rejectsTruncatedBlockRecord() {
        byte[] whole = Vectors.read("text/old.sig");
        byte[] cut = Arrays.copyOf(whole, whole.length - 5);
        assertThatThrownBy(() -> Signature.read(new ByteArrayInputStream(cut)))
                .isInstanceOf(SignatureFormatException.class)
                .hasMessageContaining("block record 7 at offset 96");
    }

    @Test
    void loadsSignaturesLongerThanOneReadBuffer() throws IOException {
        byte[] data = RollsumTest.randomBytes(5000 * 512 + 7, 30);
        Signature sig = Signature.read(new ByteArrayInputStream(InMemoryRsync.signature(data, 512)));
        assertThat(sig.blockCount()).isEqualTo(5001);
    }

    @Test
    void rejectsTruncatedHeaderAndBadStrongLength() {
        assertThatThrownBy(() -> Signature.read(new ByteArrayInputStream(HexFormat.of().parseHex("72730136"))))
                .isInstanceOf(SignatureFormatException.class).hasMessageContaining("header");
        byte[] tooLong = HexFormat.of().parseHex("72730136" + "00000200" + "00000011");
        assertThatThrownBy(() -> Signature.read(new ByteArrayInputStream(tooLong)))
                .isInstanceOf(SignatureFormatException.class).hasMessageContaining("strong sum length 17");
    }
}
