package camelback.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import camelback.testing.GpgHome;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PassphraseEncryptorTest {
    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path dir;

    GpgHome gpg;

    @BeforeEach
    void startGpg() throws Exception {
        gpg = new GpgHome(dir);
    }

    @AfterEach
    void stopGpg() throws Exception {
        gpg.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 6, 9})
    void gpgDecryptsWhatWeEncrypt(int compressionLevel) throws Exception {
        byte[] plaintext = TestData.bytes(300_000, compressionLevel);
        Path message = TestData.encrypt(
                new PassphraseEncryptor(PASSPHRASE.toCharArray(), compressionLevel), plaintext, dir.resolve("m.gpg"));

        GpgHome.Result result = gpg.decrypt(message, PASSPHRASE).expectSuccess();

        assertThat(result.stdoutBytes()).isEqualTo(plaintext);
        assertThat(result.stderr()).contains("AES256").doesNotContain("WARNING");
    }

    @Test
    void writesSkeskV4AndSeipdWithMdcAndAes256() throws Exception {
        Path message = TestData.encrypt(
                new PassphraseEncryptor(PASSPHRASE.toCharArray(), 6), TestData.bytes(10_000, 1), dir.resolve("m.gpg"));

        String packets = gpg.listPackets(message, PASSPHRASE);

        assertThat(packets)
                .contains(":symkey enc packet: version 4, cipher 9, aead 0,s2k 3, hash 8")
                .contains(":encrypted data packet:")
                .contains("mdc_method: 2")
                .contains(":compressed packet: algo=2")
                .contains("mode b (62)")
                .contains("name=\"\"")
                .doesNotContain("aead encrypted packet");
    }

    @Test
    void uncompressedMessageHasNoCompressedPacket() throws Exception {
        Path message = TestData.encrypt(
                new PassphraseEncryptor(PASSPHRASE.toCharArray(), 0), TestData.bytes(10_000, 1), dir.resolve("m.gpg"));

        assertThat(gpg.listPackets(message, PASSPHRASE)).doesNotContain("compressed packet").contains("literal data packet");
    }

    @Test
    void emptyPlaintextRoundTrips() throws Exception {
        Path message = TestData.encrypt(new PassphraseEncryptor(PASSPHRASE.toCharArray(), 6), new byte[0], dir.resolve("m.gpg"));

        assertThat(gpg.decrypt(message, PASSPHRASE).expectSuccess().stdoutBytes()).isEmpty();
        assertThat(TestData.decrypt(new Decryptor(PASSPHRASE.toCharArray(), null), message)).isEmpty();
    }

    @Test
    void closingTheStreamClosesTheSink() throws Exception {
        boolean[] closed = {false};
        java.io.OutputStream sink = new java.io.ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        new PassphraseEncryptor(PASSPHRASE.toCharArray(), 0).open(sink).close();

        assertThat(closed[0]).isTrue();
    }

    @Test
    void rejectsAnEmptyPassphraseAndABadCompressionLevel() {
        assertThatThrownBy(() -> new PassphraseEncryptor(new char[0], 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PassphraseEncryptor(PASSPHRASE.toCharArray(), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("compression level");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 6, 9})
    void gpgDecryptsAdaptiveZlibWhereLevelsSwitchBetweenStoredAndCompressed(int compressionLevel) throws Exception {
        byte[] plaintext = AdaptiveDeflateOutputStreamTest.mixed(3_000_000, compressionLevel);
        Path message = TestData.encrypt(
                new PassphraseEncryptor(PASSPHRASE.toCharArray(), compressionLevel), plaintext, dir.resolve("m.gpg"));

        GpgHome.Result result = gpg.decrypt(message, PASSPHRASE).expectSuccess();

        assertThat(result.stdoutBytes()).isEqualTo(plaintext);
        assertThat(gpg.listPackets(message, PASSPHRASE)).contains(":compressed packet: algo=2");
        assertThat(TestData.decrypt(new Decryptor(PASSPHRASE.toCharArray(), null), message)).isEqualTo(plaintext);
    }
}
