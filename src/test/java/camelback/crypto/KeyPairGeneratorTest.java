package camelback.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import camelback.testing.GpgHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyPairGeneratorTest {
    private static final String PASSPHRASE = "keygen passphrase";

    @TempDir
    static Path dir;

    static GpgHome gpg;
    static KeyPairGenerator.GeneratedKey key;

    @BeforeAll
    static void generateAndImport() throws Exception {
        long start = System.nanoTime();
        key = KeyPairGenerator.generate(
                "Camelback Test <camelback@example.invalid>", PASSPHRASE.toCharArray(),
                dir.resolve("key.pub.asc"), dir.resolve("key.sec.asc"));
        System.out.printf("RSA 3072 key pair generated in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        gpg = new GpgHome(dir);
    }

    @AfterAll
    static void stopGpg() throws Exception {
        gpg.close();
    }

    @Test
    void bothFilesAreReadableByTheOwnerOnly() throws Exception {
        for (Path file : new Path[] {key.publicKeyFile(), key.secretKeyFile()}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(Files.readString(file)).startsWith("-----BEGIN PGP");
        }
    }

    @Test
    void gpgImportsBothAndEncryptsToThePublicKeyForOurDecryptor() throws Exception {
        gpg.importKey(key.publicKeyFile(), PASSPHRASE);
        gpg.importKey(key.secretKeyFile(), PASSPHRASE);
        String listing = gpg.run("--with-colons", "--list-keys", key.fingerprint()).expectSuccess().stdoutText();
        assertThat(listing).contains("fpr:::::::::" + key.fingerprint() + ":").contains(":3072:1:").contains(":e:");

        byte[] plaintext = TestData.bytes(100_000, 9);
        Path input = TestData.file(dir, "plain", plaintext);
        Path message = dir.resolve("from-gpg.gpg");
        gpg.run("--trust-model", "always", "--recipient", key.fingerprint(), "--output", message.toString(),
                        "--encrypt", input.toString())
                .expectSuccess();

        Decryptor decryptor = new Decryptor(PASSPHRASE.toCharArray(), KeyFiles.secretKeys(key.secretKeyFile()));
        assertThat(TestData.decrypt(decryptor, message)).isEqualTo(plaintext);
    }

    @Test
    void gpgDecryptsOurMessageWithTheGeneratedSecretKey() throws Exception {
        gpg.importKey(key.secretKeyFile(), PASSPHRASE);
        byte[] plaintext = TestData.bytes(100_000, 10);
        Path message = TestData.encrypt(
                new PublicKeyEncryptor(KeyFiles.encryptionKeys(key.publicKeyFile()), 6), plaintext, dir.resolve("to-gpg.gpg"));

        GpgHome.Result result = gpg.decrypt(message, PASSPHRASE).expectSuccess();

        assertThat(result.stdoutBytes()).isEqualTo(plaintext);
        assertThat(KeyFiles.fingerprint(KeyFiles.encryptionKeys(key.publicKeyFile()).get(0))).isEqualTo(key.fingerprint());
    }

    @Test
    void secretKeyIsProtectedByThePassphrase() {
        Path message = dir.resolve("unused.gpg");
        assertThatThrownBy(() -> {
                    TestData.encrypt(new PublicKeyEncryptor(KeyFiles.encryptionKeys(key.publicKeyFile()), 0), new byte[10], message);
                    TestData.decrypt(new Decryptor("wrong".toCharArray(), KeyFiles.secretKeys(key.secretKeyFile())), message);
                })
                .isInstanceOf(WrongPassphraseException.class);
    }

    @Test
    void emptyPassphraseGivesAnUnprotectedKeyGpgUsesWithoutPassphrase() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("unprotected"));
        KeyPairGenerator.GeneratedKey plain = KeyPairGenerator.generate(
                "Unprotected <u@example.invalid>", new char[0], sub.resolve("u.pub.asc"), sub.resolve("u.sec.asc"));
        try (GpgHome other = new GpgHome(sub)) {
            other.run("--import", plain.secretKeyFile().toString()).expectSuccess();
            byte[] plaintext = TestData.bytes(5_000, 11);
            Path message = TestData.encrypt(
                    new PublicKeyEncryptor(KeyFiles.encryptionKeys(plain.publicKeyFile()), 6), plaintext, sub.resolve("m.gpg"));

            assertThat(other.run("--decrypt", message.toString()).expectSuccess().stdoutBytes()).isEqualTo(plaintext);
            assertThat(TestData.decrypt(new Decryptor(null, KeyFiles.secretKeys(plain.secretKeyFile())), message))
                    .isEqualTo(plaintext);
        }
    }

    @Test
    void refusesToOverwriteAnExistingKeyFile() {
        assertThatThrownBy(() -> KeyPairGenerator.generate(
                        "X <x@example.invalid>", new char[0], key.publicKeyFile(), dir.resolve("fresh.sec.asc")))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining(key.publicKeyFile().toString());
        assertThat(dir.resolve("fresh.sec.asc")).doesNotExist();
    }
}
