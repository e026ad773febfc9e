package camelback.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import camelback.testing.GpgHome;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicKeyEncryptorTest {
    @TempDir
    static Path dir;

    static GpgHome gpg;

    @BeforeAll
    static void importVectorKey() throws Exception {
        gpg = new GpgHome(dir);
        gpg.importKey(GpgHome.VECTOR_SECRET_KEY, GpgHome.VECTOR_PASSPHRASE);
    }

    @AfterAll
    static void stopGpg() throws Exception {
        gpg.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6})
    void gpgDecryptsWhatWeEncryptToTheVectorKey(int compressionLevel) throws Exception {
        byte[] plaintext = TestData.bytes(500_000, 42 + compressionLevel);
        List<PGPPublicKey> recipients = KeyFiles.encryptionKeys(GpgHome.VECTOR_PUBLIC_KEY);
        Path message = TestData.encrypt(
                new PublicKeyEncryptor(recipients, compressionLevel), plaintext, dir.resolve("pk" + compressionLevel + ".gpg"));

        GpgHome.Result result = gpg.decrypt(message, GpgHome.VECTOR_PASSPHRASE).expectSuccess();

        assertThat(result.stdoutBytes()).isEqualTo(plaintext);
        assertThat(result.stderr()).contains("ID " + GpgHome.VECTOR_SUBKEY_ID);
    }

    @Test
    void writesPkeskV3ToTheSubkeyAndSeipdWithMdcAndAes256() throws Exception {
        Path message = TestData.encrypt(
                new PublicKeyEncryptor(KeyFiles.encryptionKeys(GpgHome.VECTOR_PUBLIC_KEY), 6),
                TestData.bytes(10_000, 3),
                dir.resolve("packets.gpg"));

        GpgHome.Result result = gpg.run(
                "--passphrase", GpgHome.VECTOR_PASSPHRASE, "--show-session-key", "--list-packets", message.toString());
        String packets = result.stdoutText() + result.stderr();

        assertThat(packets)
                .contains(":pubkey enc packet: version 3, algo 1, keyid " + GpgHome.VECTOR_SUBKEY_ID)
                .contains("mdc_method: 2")
                .contains("session key: '9:") // 9 = AES-256
                .contains(":compressed packet: algo=2")
                .contains("mode b (62)");
    }

    @Test
    void ourDecryptorOpensWhatWeEncrypt() throws Exception {
        byte[] plaintext = TestData.bytes(200_000, 5);
        Path message = TestData.encrypt(
                new PublicKeyEncryptor(KeyFiles.encryptionKeys(GpgHome.VECTOR_PUBLIC_KEY), 6), plaintext, dir.resolve("rt.gpg"));
        Decryptor decryptor = new Decryptor(
                GpgHome.VECTOR_PASSPHRASE.toCharArray(), KeyFiles.secretKeys(GpgHome.VECTOR_SECRET_KEY));

        assertThat(TestData.decrypt(decryptor, message)).isEqualTo(plaintext);
    }

    @Test
    void gpgDecryptsAdaptiveZlibWhereLevelsSwitchBetweenStoredAndCompressed() throws Exception {
        byte[] plaintext = AdaptiveDeflateOutputStreamTest.mixed(3_000_000, 11);
        Path message = TestData.encrypt(
                new PublicKeyEncryptor(KeyFiles.encryptionKeys(GpgHome.VECTOR_PUBLIC_KEY), 6), plaintext, dir.resolve("mixed.gpg"));

        GpgHome.Result result = gpg.decrypt(message, GpgHome.VECTOR_PASSPHRASE).expectSuccess();

        assertThat(result.stdoutBytes()).isEqualTo(plaintext);
        assertThat(gpg.listPackets(message, GpgHome.VECTOR_PASSPHRASE))
                .contains(":compressed packet: algo=2")
                .contains("mode b (62)");
        assertThat(java.nio.file.Files.size(message)).isLessThan(plaintext.length);
        Decryptor decryptor = new Decryptor(
                GpgHome.VECTOR_PASSPHRASE.toCharArray(), KeyFiles.secretKeys(GpgHome.VECTOR_SECRET_KEY));
        assertThat(TestData.decrypt(decryptor, message)).isEqualTo(plaintext);
    }
}
