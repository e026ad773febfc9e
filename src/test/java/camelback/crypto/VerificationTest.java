package camelback.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import camelback.testing.GpgHome;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.operator.jcajce.JcePBEKeyEncryptionMethodGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerificationTest {
    private static final String PASSPHRASE = GpgHome.VECTOR_PASSPHRASE;
    private static final String VECTOR_KEY_ID = GpgHome.VECTOR_FINGERPRINT.substring(24);

    @TempDir
    static Path dir;

    static GpgHome gpg;
    static SigningKey vectorSigner;
    static PGPSecretKeyRingCollection vectorSecretKeys;
    static PGPPublicKeyRingCollection vectorPublicKeys;
    static KeyPairGenerator.GeneratedKey otherKey;
    static SigningKey otherSigner;

    @BeforeAll
    static void setUp() throws Exception {
        gpg = new GpgHome(dir);
        gpg.importKey(GpgHome.VECTOR_SECRET_KEY, PASSPHRASE);
        vectorSigner = KeyFiles.signingKey(GpgHome.VECTOR_SECRET_KEY, PASSPHRASE.toCharArray());
        vectorSecretKeys = KeyFiles.secretKeys(GpgHome.VECTOR_SECRET_KEY);
        vectorPublicKeys = KeyFiles.verificationKeys(GpgHome.VECTOR_PUBLIC_KEY);
        otherKey = KeyPairGenerator.generate("other <other@example.invalid>", "other-pass".toCharArray(),
                dir.resolve("other.pub.asc"), dir.resolve("other.sec.asc"));
        otherSigner = KeyFiles.signingKey(otherKey.secretKeyFile(), "other-pass".toCharArray());
    }

    @AfterAll
    static void stopGpg() throws Exception {
        gpg.close();
    }

    private static Decryptor verifying(boolean requireSignature) {
        return new Decryptor(PASSPHRASE.toCharArray(), vectorSecretKeys, vectorPublicKeys, requireSignature);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6})
    void verifiesOurSignedMessagesAndNamesTheSigner(int compressionLevel) throws Exception {
        byte[] plaintext = TestData.bytes(400_000, 21 + compressionLevel);
        Path symmetric = TestData.encrypt(new PassphraseEncryptor(PASSPHRASE.toCharArray(), compressionLevel, vectorSigner),
                plaintext, dir.resolve("ours-sym" + compressionLevel + ".gpg"));
        Path publicKey = TestData.encrypt(new PublicKeyEncryptor(
                        KeyFiles.encryptionKeys(GpgHome.VECTOR_PUBLIC_KEY), compressionLevel, vectorSigner),
                plaintext, dir.resolve("ours-pk" + compressionLevel + ".gpg"));

        for (Path message : new Path[] {symmetric, publicKey}) {
            try (PlaintextStream in = verifying(true).open(Files.newInputStream(message))) {
                assertThat(in.readAllBytes()).isEqualTo(plaintext);
                assertThat(in.signerKeyId()).contains(VECTOR_KEY_ID);
                assertThat(in.signerFingerprint()).contains(GpgHome.VECTOR_FINGERPRINT);
            }
        }
    }

    @Test
    void verifiesGpgSignEncryptAsDuplicityRunsIt() throws Exception {
        byte[] plaintext = TestData.bytes(200_000, 31);
        Path plain = TestData.file(dir, "gpg-se.tar", plaintext);
        Path message = dir.resolve("gpg-se.tar.gpg");
        gpg.run("--passphrase", PASSPHRASE, "--default-key", GpgHome.VECTOR_FINGERPRINT, "--recipient",
                GpgHome.VECTOR_FINGERPRINT, "--trust-model", "always", "--output", message.toString(),
                "--sign", "--encrypt", plain.toString()).expectSuccess();

        try (PlaintextStream in = verifying(true).open(Files.newInputStream(message))) {
            assertThat(in.readAllBytes()).isEqualTo(plaintext);
            assertThat(in.signerKeyId()).contains(VECTOR_KEY_ID);
        }
    }

    @Test
    void verifiesGpgSignSymmetricAsDuplicityRunsIt() throws Exception {
        byte[] plaintext = TestData.bytes(200_000, 32);
        Path plain = TestData.file(dir, "gpg-ss.tar", plaintext);
        Path message = dir.resolve("gpg-ss.tar.gpg");
        gpg.run("--passphrase", PASSPHRASE, "--default-key", GpgHome.VECTOR_FINGERPRINT, "--force-mdc",
                "--output", message.toString(), "--sign", "--symmetric", plain.toString()).expectSuccess();

        try (PlaintextStream in = verifying(true).open(Files.newInputStream(message))) {
            assertThat(in.readAllBytes()).isEqualTo(plaintext);
            assertThat(in.signerKeyId()).contains(VECTOR_KEY_ID);
        }
    }

    @Test
    void verifiesAnEd25519SignatureMadeByGpg() throws Exception {
        gpg.run("--passphrase", "", "--quick-gen-key", "ed <ed@example.invalid>", "ed25519", "sign", "never")
                .expectSuccess();
        Path edPublicKey = dir.resolve("ed.pub.asc");
        gpg.run("--armor", "--output", edPublicKey.toString(), "--export", "ed@example.invalid").expectSuccess();
        PGPPublicKeyRingCollection edKeys = KeyFiles.verificationKeys(edPublicKey);
        byte[] plaintext = TestData.bytes(100_000, 33);
        Path plain = TestData.file(dir, "gpg-ed.tar", plaintext);
        Path message = dir.resolve("gpg-ed.tar.gpg");
        gpg.run("--passphrase", PASSPHRASE, "--local-user", "ed@example.invalid", "--force-mdc",
                "--output", message.toString(), "--sign", "--symmetric", plain.toString()).expectSuccess();

        try (PlaintextStream in = new Decryptor(PASSPHRASE.toCharArray(), null, edKeys, true)
                .open(Files.newInputStream(message))) {
            assertThat(in.readAllBytes()).isEqualTo(plaintext);
            assertThat(in.signerFingerprint()).contains(KeyFiles.fingerprint(edKeys.getKeyRings().next().getPublicKey()));
        }
    }

    @Test
    void rejectsASignatureOverModifiedDataEvenWhenTheMdcIsIntact() throws Exception {
        byte[] plaintext = ("0123456789 tamper target ".repeat(2000)).getBytes(StandardCharsets.US_ASCII);
        Path plain = TestData.file(dir, "tamper.txt", plaintext);
        Path signed = dir.resolve("tamper.sig");
        gpg.run("--passphrase", PASSPHRASE, "--default-key", GpgHome.VECTOR_FINGERPRINT, "--compress-level", "0",
                "--output", signed.toString(), "--sign", plain.toString()).expectSuccess();
        byte[] packets = Files.readAllBytes(signed);
        int at = indexOf(packets, "tamper target".getBytes(StandardCharsets.US_ASCII)) + 1000;
        packets[at] ^= 0x01;
        Path message = wrapInSeipd(packets, dir.resolve("tamper.gpg"));

        assertThatThrownBy(() -> TestData.decrypt(verifying(false), message))
                .isInstanceOf(SignatureException.class)
                .hasMessageContaining("bad signature by key " + VECTOR_KEY_ID);
        // The same check when the reader stops early and only closes the stream.
        assertThatThrownBy(() -> {
                    try (InputStream in = verifying(false).open(Files.newInputStream(message))) {
                        in.readNBytes(100);
                    }
                })
                .isInstanceOf(SignatureException.class)
                .hasMessageContaining("bad signature by key " + VECTOR_KEY_ID);
        assertThat(TestData.decrypt(new Decryptor(PASSPHRASE.toCharArray(), null), message)).hasSize(plaintext.length);
    }

    @Test
    void rejectsAnUnsignedMessageOnlyWhenASignatureIsRequired() throws Exception {
        byte[] plaintext = TestData.bytes(100_000, 41);
        Path message = TestData.encrypt(new PassphraseEncryptor(PASSPHRASE.toCharArray(), 6), plaintext,
                dir.resolve("unsigned.gpg"));

        assertThatThrownBy(() -> TestData.decrypt(verifying(true), message))
                .isInstanceOf(SignatureException.class)
                .hasMessageContaining("not signed");
        try (PlaintextStream in = verifying(false).open(Files.newInputStream(message))) {
            assertThat(in.readAllBytes()).isEqualTo(plaintext);
            assertThat(in.signerKeyId()).isEmpty();
        }
    }

    @Test
    void rejectsASignatureByAKeyThatIsNotAVerificationKey() throws Exception {
        byte[] plaintext = TestData.bytes(100_000, 51);
        Path message = TestData.encrypt(new PassphraseEncryptor(PASSPHRASE.toCharArray(), 6, otherSigner), plaintext,
                dir.resolve("other-signed.gpg"));

        assertThatThrownBy(() -> TestData.decrypt(verifying(false), message))
                .isInstanceOf(SignatureException.class)
                .hasMessageContaining(otherSigner.keyId())
                .hasMessageContaining("not among the verification keys");
        PGPPublicKeyRingCollection otherKeys = KeyFiles.verificationKeys(otherKey.publicKeyFile());
        try (PlaintextStream in = new Decryptor(PASSPHRASE.toCharArray(), null, otherKeys, true)
                .open(Files.newInputStream(message))) {
            assertThat(in.readAllBytes()).isEqualTo(plaintext);
            assertThat(in.signerKeyId()).contains(otherSigner.keyId());
            assertThat(in.signerFingerprint()).contains(otherKey.fingerprint());
        }
    }

    @Test
    void reportsTheSignerOnlyAfterTheSignatureWasChecked() throws Exception {
        byte[] plaintext = TestData.bytes(200_000, 61);
        Path message = TestData.encrypt(new PassphraseEncryptor(PASSPHRASE.toCharArray(), 6, vectorSigner), plaintext,
                dir.resolve("partial.gpg"));

        PlaintextStream in = verifying(true).open(Files.newInputStream(message));
        in.readNBytes(1000);
        assertThat(in.signerKeyId()).isEmpty();
        in.close();

        assertThat(in.signerKeyId()).contains(VECTOR_KEY_ID);
    }

    @Test
    void ignoresSignaturesWithoutVerificationKeys() throws Exception {
        byte[] plaintext = TestData.bytes(50_000, 71);
        Path message = TestData.encrypt(new PassphraseEncryptor(PASSPHRASE.toCharArray(), 6, otherSigner), plaintext,
                dir.resolve("ignored.gpg"));

        try (PlaintextStream in = new Decryptor(PASSPHRASE.toCharArray(), null).open(Files.newInputStream(message))) {
            assertThat(in.readAllBytes()).isEqualTo(plaintext);
            assertThat(in.signerKeyId()).isEmpty();
        }
    }

    /** Encrypts already formed packets (not a literal packet around them) with the test passphrase. */
    private static Path wrapInSeipd(byte[] packets, Path target) throws Exception {
        PGPEncryptedDataGenerator generator = MessageWriter.newEncryptedDataGenerator(new SecureRandom());
        generator.addMethod(new JcePBEKeyEncryptionMethodGenerator(PASSPHRASE.toCharArray())
                .setProvider(CryptoProviders.CONTENT));
        try (OutputStream file = Files.newOutputStream(target);
                OutputStream out = generator.open(file, new byte[1 << 16])) {
            out.write(packets);
        }
        return target;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
