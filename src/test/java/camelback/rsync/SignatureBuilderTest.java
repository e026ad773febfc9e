package camelback.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignatureBuilderTest {

    @ParameterizedTest
    @CsvSource({"text/old.txt, text/old.sig", "shift/old.bin, shift/old.sig", "empty/empty.txt, empty/empty.sig",
        "empty/t200.txt, empty/t200.sig"})
    void reproducesRdiffSignatureVectors(String input, String signature) throws IOException {
        byte[] data = Vectors.read(input);
        assertThat(InMemoryRsync.signature(data, SignatureFormat.blockLength(data.length)))
                .isEqualTo(Vectors.read(signature));
    }

    @Test
    void reproducesTheBlocksizeVectorWithItsLargerBlocks() throws IOException {
        byte[] old = Vectors.blocksizeOld();
        assertThat(SignatureFormat.blockLength(old.length)).isEqualTo(1024);
        assertThat(InMemoryRsync.signature(old, 1024)).isEqualTo(Vectors.read("blocksize/gen2100000-old.sig"));
    }

    @Test
    void helloWorldSignatureMatchesTheSpec() throws IOException {
        byte[] hello = "Hello, world!\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(HexFormat.of().formatHex(InMemoryRsync.signature(hello, 512)))
                .isEqualTo("72730136" + "00000200" + "00000008" + "319b0645" + "8439f7e149f81916");
    }

    @Test
    void reportsTheSignatureLengthAsItGrows() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SignatureBuilder builder = new SignatureBuilder(512, out);
        assertThat(builder.signatureLength()).isEqualTo(12);
        builder.update(new byte[1500], 0, 1500);
        assertThat(builder.signatureLength()).isEqualTo(12 + 2 * 12);
        builder.finish();
        assertThat(builder.signatureLength()).isEqualTo(12 + 3 * 12).isEqualTo(out.size())
                .isEqualTo(SignatureFormat.signatureLength(1500, 512));
    }

    @Test
    void writesOnlyTheHeaderForAnEmptyFile() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SignatureBuilder builder = new SignatureBuilder(512, out);
        builder.finish();
        assertThat(HexFormat.of().formatHex(out.toByteArray())).isEqualTo("727301360000020000000008");
    }

    @ParameterizedTest
    @CsvSource({"0, 512", "1023999, 512", "1024000, 512", "2047999, 512", "2048000, 1024", "2100000, 1024",
        "3100000, 1536", "4096000, 2048", "5000000, 2048", "4294967296, 2048", "4294967297, 2560",
        "21474836480, 10240", "99999999999, 48128"})
    void picksDuplicitysBlockLengthUpTo2MiBlocksThenBiggerOnes(long size, int expected) {
        assertThat(SignatureFormat.blockLength(size)).isEqualTo(expected);
    }
}
