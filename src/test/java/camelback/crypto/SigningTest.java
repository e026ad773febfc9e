package camelback.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import camelback.testing.GpgHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SigningTest {
    private static final String PASSPHRASE = GpgHome.VECTOR_PASSPHRASE;
    private static final String VECTOR_KEY_ID = GpgHome.VECTOR_FINGERPRINT.substring(24);

    @TempDir
    static Path dir;

    static GpgHome gpg;
    static SigningKey vectorSigner;

    @BeforeAll
    static void setUp() throws Exception {
        gpg = new GpgHome(dir);
        gpg.importKey(GpgHome.VECTOR_SECRET_KEY, PASSPHRASE);
        vectorSigner = KeyFiles.signingKey(GpgHome.VECTOR_SECRET_KEY, PASSPHRASE.toCharArray());
    }

    @AfterAll
    static void stopGpg() throws Exception {
        gpg.close();
    }

    @Test
    void loadsThePrimaryKeyOfTheVectorKeyAsSigningKey() {
        assertThat(vectorSigner.keyId()).isEqualTo(VECTOR_KEY_ID);
        assertThat(vectorSigner.toString()).isEqualTo("SigningKey[" + VECTOR_KEY_ID + "]");
    }

    @Test
    void rejectsAWrongSigningPassphraseAndAMissingFile() {
        assertThatThrownBy(() -> KeyFiles.signingKey(GpgHome.VECTOR_SECRET_KEY, "wrong".toCharArray()))
                .isInstanceOf(WrongPassphraseException.class)
                .hasMessageContaining(VECTOR_KEY_ID)
                .hasMessageContaining(GpgHome.VECTOR_SECRET_KEY.toString());
        assertThatThrownBy(() -> KeyFiles.signingKey(GpgHome.VECTOR_SECRET_KEY, null))
                .isInstanceOf(WrongPassphraseException.class)
                .hasMessageContaining("no signing passphrase");
        Path missing = dir.resolve("missing.asc");
        assertThatThrownBy(() -> KeyFiles.signingKey(missing, PASSPHRASE.toCharArray()))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> KeyFiles.signingKey(GpgHome.VECTOR_PUBLIC_KEY, PASSPHRASE.toCharArray()))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining(GpgHome.VECTOR_PUBLIC_KEY.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6})
    void gpgVerifiesOurSignedPassphraseMessage(int compressionLevel) throws Exception {
        byte[] plaintext = TestData.bytes(300_000, 7 + compressionLevel);
        Path message = TestData.encrypt(new PassphraseEncryptor("sym-pass".toCharArray(), compressionLevel, vectorSigner),
                plaintext, dir.resolve("signed-sym" + compressionLevel + ".gpg"));

        GpgHome.Result result = gpg.run("--passphrase", "sym-pass", "--decrypt", message.toString()).expectSuccess();

        assertThat(result.stdoutBytes()).isEqualTo(plaintext);
        assertThat(result.stderr()).contains("Good signature from \"Duplicity Test Key");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6})
    void gpgVerifiesOurSignedPublicKeyMessage(int compressionLevel) throws Exception {
        byte[] plaintext = TestData.bytes(300_000, 11 + compressionLevel);
        Path message = TestData.encrypt(
                new PublicKeyEncryptor(KeyFiles.encryptionKeys(GpgHome.VECTOR_PUBLIC_KEY), compressionLevel, vectorSigner),
                plaintext, dir.resolve("signed-pk" + compressionLevel + ".gpg"));

        GpgHome.Result result = gpg.run("--passphrase", PASSPHRASE, "--status-fd", "2", "--decrypt", message.toString())
                .expectSuccess();

        assertThat(result.stdoutBytes()).isEqualTo(plaintext);
        assertThat(result.stderr()).contains("Good signature from \"Duplicity Test Key")
                // what duplicity --sign-key checks on restore
                .contains("[GNUPG:] GOODSIG " + VECTOR_KEY_ID + " ");
    }

    @Test
    void writesThePacketsDuplicityWithSignKeyWrites() throws Exception {
        Path message = TestData.encrypt(
                new PublicKeyEncryptor(KeyFiles.encryptionKeys(GpgHome.VECTOR_PUBLIC_KEY), 6, vectorSigner),
                TestData.bytes(10_000, 5), dir.resolve("signed-packets.gpg"));

        String packets = gpg.listPackets(message, PASSPHRASE);

        assertThat(packets)
                .contains(":onepass_sig packet: keyid " + VECTOR_KEY_ID)
                .contains("version 3, sigclass 0x00, digest 8, pubkey 1, last=1") // 8 = SHA-256
                .contains(":signature packet: algo 1, keyid " + VECTOR_KEY_ID)
                .contains("digest algo 8")
                .contains("hashed subpkt 33 len 21 (issuer fpr v4 " + GpgHome.VECTOR_FINGERPRINT + ")")
                .contains("hashed subpkt 2 len 4 (sig created")
                .contains("subpkt 16 len 8 (issuer key ID " + VECTOR_KEY_ID + ")");
        assertThat(packets.indexOf(":onepass_sig packet:"))
                .isGreaterThan(packets.indexOf(":compressed packet: algo=2"))
                .isLessThan(packets.indexOf(":literal data packet:"));
        assertThat(packets.indexOf(":signature packet:")).isGreaterThan(packets.indexOf(":literal data packet:"));
    }

    @Test
    void gpgVerifiesWhatAGeneratedKeySigns() throws Exception {
        KeyPairGenerator.GeneratedKey key = generatedKey("signer", "");
        gpg.run("--import", key.publicKeyFile().toString()).expectSuccess();
        SigningKey signer = KeyFiles.signingKey(key.secretKeyFile(), null);
        byte[] plaintext = TestData.bytes(50_000, 13);
        Path message = TestData.encrypt(new PassphraseEncryptor("p".toCharArray(), 6, signer), plaintext,
                dir.resolve("generated-signed.gpg"));

        GpgHome.Result result = gpg.run("--passphrase", "p", "--decrypt", message.toString()).expectSuccess();

        assertThat(result.stdoutBytes()).isEqualTo(plaintext);
        assertThat(result.stderr()).contains("Good signature from \"signer <signer@example.invalid>\"");
        assertThat(key.fingerprint()).endsWith(signer.keyId());
    }

    @Test
    void signsWithTheSigningSubkeyOfAGpgKeyAndNamesItsPrimaryKey() throws Exception {
        gpg.run("--passphrase", "sub-pass", "--quick-gen-key", "sub <sub@example.invalid>", "ed25519", "cert", "never")
                .expectSuccess();
        String primary = fingerprints("sub@example.invalid").get(0);
        gpg.run("--passphrase", "sub-pass", "--quick-add-key", primary, "ed25519", "sign", "never").expectSuccess();
        String subkey = fingerprints("sub@example.invalid").get(1);
        Path secretKeyFile = dir.resolve("sub.sec.asc");
        gpg.run("--passphrase", "sub-pass", "--armor", "--output", secretKeyFile.toString(),
                "--export-secret-keys", primary).expectSuccess();
        SigningKey signer = KeyFiles.signingKey(secretKeyFile, "sub-pass".toCharArray());
        byte[] plaintext = TestData.bytes(60_000, 17);
        Path message = TestData.encrypt(new PassphraseEncryptor("p".toCharArray(), 6, signer), plaintext,
                dir.resolve("subkey-signed.gpg"));

        GpgHome.Result result = gpg.run("--passphrase", "p", "--status-fd", "2", "--decrypt", message.toString())
                .expectSuccess();
        assertThat(subkey).endsWith(signer.keyId());
        assertThat(result.stderr()).contains("[GNUPG:] GOODSIG " + signer.keyId() + " ")
                .contains("[GNUPG:] VALIDSIG " + subkey);
        try (PlaintextStream in = new Decryptor("p".toCharArray(), null,
                        KeyFiles.verificationKeys(exportPublic(primary)), true).open(Files.newInputStream(message))) {
            assertThat(in.readAllBytes()).isEqualTo(plaintext);
            assertThat(in.signerKeyId()).contains(signer.keyId());
            assertThat(in.signerFingerprint()).contains(primary);
        }
    }

    @Test
    void refusesToGuessBetweenTheSigningKeysOfSeveralKeyRings() throws Exception {
        Path both = dir.resolve("two-keys.sec.gpg"); // binary: one armor block holds the rings of one export
        Files.write(both, KeyFiles.secretKeys(GpgHome.VECTOR_SECRET_KEY).getEncoded());
        Files.write(both, KeyFiles.secretKeys(generatedKey("second", "").secretKeyFile()).getEncoded(),
                StandardOpenOption.APPEND);

        assertThatThrownBy(() -> KeyFiles.signingKey(both, PASSPHRASE.toCharArray()))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining("2 signing keys")
                .hasMessageContaining(both.toString());
    }

    private static List<String> fingerprints(String userId) throws Exception {
        String listing = gpg.run("--with-colons", "--with-subkey-fingerprints", "--list-keys", userId)
                .expectSuccess().stdoutText();
        return listing.lines().filter(l -> l.startsWith("fpr:")).map(l -> l.split(":")[9]).toList();
    }

    private static Path exportPublic(String fingerprint) throws Exception {
        Path file = dir.resolve(fingerprint + ".pub.asc");
        gpg.run("--armor", "--output", file.toString(), "--export", fingerprint).expectSuccess();
        return file;
    }

    private static KeyPairGenerator.GeneratedKey generatedKey(String name, String passphrase) throws Exception {
        return KeyPairGenerator.generate(name + " <" + name + "@example.invalid>", passphrase.toCharArray(),
                dir.resolve(name + ".pub.asc"), dir.resolve(name + ".sec.asc"));
    }
}
