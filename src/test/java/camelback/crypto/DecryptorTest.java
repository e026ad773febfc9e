package camelback.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import camelback.testing.GpgHome;
import camelback.testing.Vectors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DecryptorTest {
    private static final String PASSPHRASE = GpgHome.VECTOR_PASSPHRASE;
    private static final Path A = Vectors.target("a-noenc");
    private static final Path B = Vectors.target("b-symmetric");
    private static final Path C = Vectors.target("c-pubkey");

    @TempDir
    static Path dir;

    static GpgHome gpg;
    static PGPSecretKeyRingCollection vectorSecretKeys;

    @BeforeAll
    static void importVectorKey() throws Exception {
        gpg = new GpgHome(dir);
        gpg.importKey(GpgHome.VECTOR_SECRET_KEY, PASSPHRASE);
        vectorSecretKeys = KeyFiles.secretKeys(GpgHome.VECTOR_SECRET_KEY);
    }

    @AfterAll
    static void stopGpg() throws Exception {
        gpg.close();
    }

    static Stream<Path> vectorFiles() throws IOException {
        return Stream.concat(list(B), list(C));
    }

    private static Stream<Path> list(Path target) throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.toString().endsWith(".gpg")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("vectorFiles")
    void decryptsEveryDuplicityVectorFileLikeGpg(Path file) throws Exception {
        byte[] expected = gpg.decrypt(file, PASSPHRASE).expectSuccess().stdoutBytes();

        Decryptor decryptor = file.startsWith(B)
                ? new Decryptor(PASSPHRASE.toCharArray(), null)
                : new Decryptor(PASSPHRASE.toCharArray(), vectorSecretKeys);

        assertThat(TestData.decrypt(decryptor, file)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "duplicity-full-signatures.20210101T120000Z.sigtar",
        "duplicity-new-signatures.20210101T120000Z.to.20210102T120000Z.sigtar"
    })
    void encryptedSigtarsEqualTheUnencryptedOnes(String name) throws Exception {
        byte[] expected;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(A.resolve(name + ".gz")))) {
            expected = in.readAllBytes();
        }

        assertThat(TestData.decrypt(new Decryptor(PASSPHRASE.toCharArray(), null), B.resolve(name + ".gpg")))
                .isEqualTo(expected);
        assertThat(TestData.decrypt(new Decryptor(PASSPHRASE.toCharArray(), vectorSecretKeys), C.resolve(name + ".gpg")))
                .isEqualTo(expected);
    }

    static Stream<List<String>> gpgVariants() {
        return Stream.of(
                List.of("--symmetric", "--compress-algo", "zip"),
                List.of("--symmetric", "--compress-algo", "zlib"),
                List.of("--symmetric", "--compress-algo", "bzip2"),
                List.of("--symmetric", "--compress-algo", "none"),
                List.of("--symmetric", "--cipher-algo", "AES128", "--s2k-digest-algo", "SHA256"),
                List.of("--symmetric", "--cipher-algo", "CAST5"),
                List.of("--symmetric", "--armor"),
                List.of("--sign", "--symmetric", "--local-user", GpgHome.VECTOR_FINGERPRINT),
                List.of("--encrypt", "--recipient", GpgHome.VECTOR_FINGERPRINT, "--compress-algo", "zip"),
                List.of("--encrypt", "--recipient", GpgHome.VECTOR_FINGERPRINT, "--compress-algo", "zlib"),
                List.of("--encrypt", "--recipient", GpgHome.VECTOR_FINGERPRINT, "--compress-algo", "bzip2"),
                List.of("--encrypt", "--recipient", GpgHome.VECTOR_FINGERPRINT, "--compress-algo", "none"),
                List.of("--encrypt", "--hidden-recipient", GpgHome.VECTOR_FINGERPRINT),
                List.of("--sign", "--encrypt", "--recipient", GpgHome.VECTOR_FINGERPRINT,
                        "--local-user", GpgHome.VECTOR_FINGERPRINT));
    }

    @ParameterizedTest
    @MethodSource("gpgVariants")
    void decryptsWhatGpgWrites(List<String> options) throws Exception {
        byte[] plaintext = TestData.bytes(150_000, options.hashCode());
        Path input = TestData.file(dir, "plain-" + options.hashCode(), plaintext);
        Path message = dir.resolve("gpg-" + options.hashCode() + ".gpg");
        gpg.run(Stream.concat(
                                Stream.of("--passphrase", PASSPHRASE, "--trust-model", "always", "--output", message.toString()),
                                Stream.concat(options.stream(), Stream.of(input.toString())))
                        .toArray(String[]::new))
                .expectSuccess();

        Decryptor decryptor = new Decryptor(PASSPHRASE.toCharArray(), vectorSecretKeys);

        assertThat(TestData.decrypt(decryptor, message)).isEqualTo(plaintext);
    }

    /**
     * gpg's other encryption keys, as an operator's existing key may be: Curve25519 (gpg 2.3's default), NIST and
     * Brainpool curves, ElGamal under DSA. Each is made by gpg with a passphrase, exported, and opened by camelback.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cv25519", "nistp256", "brainpoolP256r1", "elg2048"})
    void decryptsMessagesToEveryKindOfGpgEncryptionKey(String algorithm) throws Exception {
        String uid = algorithm + "@example.invalid";
        String primary = algorithm.equals("elg2048") ? "dsa2048" : algorithm.equals("cv25519") ? "ed25519" : algorithm;
        gpg.run("--passphrase", PASSPHRASE, "--quick-gen-key", uid, primary, "sign", "never").expectSuccess();
        String fingerprint = gpg.run("--with-colons", "--list-keys", uid).stdoutText().lines()
                .filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
        gpg.run("--passphrase", PASSPHRASE, "--quick-add-key", fingerprint, algorithm, "encr", "never").expectSuccess();
        Path secretKey = dir.resolve(algorithm + ".sec.asc");
        gpg.run("--passphrase", PASSPHRASE, "--armor", "--output", secretKey.toString(), "--export-secret-keys", uid)
                .expectSuccess();
        byte[] plaintext = TestData.bytes(120_000, algorithm.hashCode());
        Path input = TestData.file(dir, "plain-" + algorithm, plaintext);
        Path message = dir.resolve(algorithm + ".gpg");
        gpg.run("--trust-model", "always", "--recipient", uid, "--output", message.toString(), "--encrypt", input.toString())
                .expectSuccess();

        Decryptor decryptor = new Decryptor(PASSPHRASE.toCharArray(), KeyFiles.secretKeys(secretKey));

        assertThat(TestData.decrypt(decryptor, message)).isEqualTo(plaintext);
    }

    @Test
    void wrongPassphraseIsReportedAsSuch() {
        Path file = B.resolve("duplicity-full.20210101T120000Z.manifest.gpg");

        assertThatThrownBy(() -> TestData.decrypt(new Decryptor("not-the-passphrase".toCharArray(), null), file))
                .isInstanceOf(WrongPassphraseException.class)
                .hasMessageContaining("wrong passphrase");
    }

    @Test
    void wrongSecretKeyPassphraseIsReportedAsSuch() {
        Path file = C.resolve("duplicity-full.20210101T120000Z.manifest.gpg");

        assertThatThrownBy(() -> TestData.decrypt(new Decryptor("nope".toCharArray(), vectorSecretKeys), file))
                .isInstanceOf(WrongPassphraseException.class)
                .hasMessageContaining("wrong passphrase")
                .hasMessageContaining(GpgHome.VECTOR_SUBKEY_ID);
    }

    @Test
    void keyUnlockedAheadOnAnotherThreadOpensTheMessage() throws Exception {
        Path file = C.resolve("duplicity-full.20210101T120000Z.manifest.gpg");
        byte[] expected = gpg.decrypt(file, PASSPHRASE).expectSuccess().stdoutBytes();
        Decryptor decryptor = new Decryptor(PASSPHRASE.toCharArray(), vectorSecretKeys);

        Thread preparing = new Thread(decryptor::prepare);
        preparing.start();
        byte[] whilePreparing = TestData.decrypt(decryptor, file);
        preparing.join();

        assertThat(whilePreparing).isEqualTo(expected);
        assertThat(TestData.decrypt(decryptor, file)).isEqualTo(expected);
    }

    @Test
    void wrongSecretKeyPassphraseFoundAheadIsReportedWhereTheKeyIsNeeded() {
        Path file = C.resolve("duplicity-full.20210101T120000Z.manifest.gpg");
        Decryptor decryptor = new Decryptor("nope".toCharArray(), vectorSecretKeys);

        decryptor.prepare();

        assertThatThrownBy(() -> TestData.decrypt(decryptor, file))
                .isInstanceOf(WrongPassphraseException.class)
                .hasMessageContaining("wrong passphrase")
                .hasMessageContaining(GpgHome.VECTOR_SUBKEY_ID);
    }

    @Test
    void passphraseMessageWithoutPassphraseSaysWhatIsMissing() {
        Path file = B.resolve("duplicity-full.20210101T120000Z.manifest.gpg");

        assertThatThrownBy(() -> TestData.decrypt(new Decryptor(null, vectorSecretKeys), file))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("no passphrase");
    }

    @Test
    void messageToAnUnknownKeyNamesTheKeyId() throws Exception {
        Path file = C.resolve("duplicity-full.20210101T120000Z.manifest.gpg");
        Path otherPublic = dir.resolve("other.pub.asc");
        Path otherSecret = dir.resolve("other.sec.asc");
        KeyPairGenerator.generate("Other <other@example.invalid>", new char[0], otherPublic, otherSecret);

        assertThatThrownBy(() -> TestData.decrypt(new Decryptor(null, KeyFiles.secretKeys(otherSecret)), file))
                .isInstanceOf(MissingKeyException.class)
                .hasMessageContaining(GpgHome.VECTOR_SUBKEY_ID);
        assertThatThrownBy(() -> TestData.decrypt(new Decryptor(PASSPHRASE.toCharArray(), null), file))
                .isInstanceOf(MissingKeyException.class)
                .hasMessageContaining(GpgHome.VECTOR_SUBKEY_ID);
    }

    /**
     * A hidden recipient's packet carries no key id, so every secret key is tried, as gpg does; a key that is not the
     * recipient is no error of its own. With no key opening it, the message says so (not a Bouncy Castle cast error
     * from trying an RSA key on a Curve25519 packet) and the exception is the missing-key one (exit 8).
     */
    @Test
    void hiddenRecipientMessageNoConfiguredKeyOpensSaysSo() throws Exception {
        String uid = "hidden-ecc@example.invalid";
        gpg.run("--passphrase", "", "--quick-gen-key", uid, "future-default", "default", "never").expectSuccess();
        byte[] plaintext = TestData.bytes(10_000, 7);
        Path input = TestData.file(dir, "plain-hidden-ecc", plaintext);
        Path toEcc = dir.resolve("hidden-ecc.gpg");
        gpg.run("--trust-model", "always", "--hidden-recipient", uid, "--output", toEcc.toString(), "--encrypt",
                input.toString()).expectSuccess();
        Path toRsa = dir.resolve("hidden-rsa.gpg");
        gpg.run("--trust-model", "always", "--hidden-recipient", GpgHome.VECTOR_FINGERPRINT, "--output", toRsa.toString(),
                "--encrypt", input.toString()).expectSuccess();
        Path otherPublic = dir.resolve("other-rsa.pub.asc");
        Path otherSecret = dir.resolve("other-rsa.sec.asc");
        KeyPairGenerator.generate("Other RSA <other-rsa@example.invalid>", new char[0], otherPublic, otherSecret);

        assertThatThrownBy(() -> TestData.decrypt(new Decryptor(PASSPHRASE.toCharArray(), vectorSecretKeys), toEcc))
                .isInstanceOf(MissingKeyException.class)
                .hasMessageContaining("hidden recipient")
                .hasMessageNotContaining("cast");
        assertThatThrownBy(() -> TestData.decrypt(new Decryptor(null, KeyFiles.secretKeys(otherSecret)), toRsa))
                .isInstanceOf(MissingKeyException.class)
                .hasMessageContaining("hidden recipient");
        assertThat(TestData.decrypt(new Decryptor(PASSPHRASE.toCharArray(), vectorSecretKeys), toRsa)).isEqualTo(plaintext);
    }

    @Test
    void truncatedCiphertextFailsIntegrity() throws Exception {
        byte[] whole = Files.readAllBytes(B.resolve("duplicity-full.20210101T120000Z.vol2.difftar.gpg"));
        for (int keep : new int[] {whole.length - 1, whole.length - 22, whole.length / 2, 40}) {
            Path truncated = Files.write(dir.resolve("truncated-" + keep), java.util.Arrays.copyOf(whole, keep));

            assertThatThrownBy(() -> TestData.decrypt(new Decryptor(PASSPHRASE.toCharArray(), null), truncated))
                    .as("truncated to %d of %d bytes", keep, whole.length)
                    .isInstanceOf(IntegrityException.class);
        }
    }

    @Test
    void flippedByteIsNeverSilentlyAccepted() throws Exception {
        byte[] whole = Files.readAllBytes(B.resolve("duplicity-full.20210101T120000Z.vol2.difftar.gpg"));
        for (int position : new int[] {100, whole.length / 2, whole.length - 30, whole.length - 1}) {
            byte[] corrupt = whole.clone();
            corrupt[position] ^= 0x01;
            Path file = Files.write(dir.resolve("flipped-" + position), corrupt);

            assertThatThrownBy(() -> TestData.decrypt(new Decryptor(PASSPHRASE.toCharArray(), null), file))
                    .as("bit flipped at %d of %d", position, whole.length)
                    .isInstanceOf(IntegrityException.class);
        }
    }

    @Test
    void flippedByteInTheSessionKeyPacketLooksLikeAWrongPassphrase() throws Exception {
        byte[] corrupt = Files.readAllBytes(B.resolve("duplicity-full.20210101T120000Z.manifest.gpg"));
        corrupt[6] ^= 0x01; // inside the S2K salt
        Path file = Files.write(dir.resolve("flipped-salt"), corrupt);

        assertThatThrownBy(() -> TestData.decrypt(new Decryptor(PASSPHRASE.toCharArray(), null), file))
                .isInstanceOf(WrongPassphraseException.class);
    }

    @Test
    void closeBeforeEofChecksTheMdc() throws Exception {
        byte[] whole = Files.readAllBytes(B.resolve("duplicity-full.20210101T120000Z.vol2.difftar.gpg"));
        Decryptor decryptor = new Decryptor(PASSPHRASE.toCharArray(), null);

        try (InputStream in = decryptor.open(new java.io.ByteArrayInputStream(whole))) {
            assertThat(in.readNBytes(1024)).hasSize(1024);
        }

        byte[] corrupt = whole.clone();
        corrupt[whole.length - 5] ^= 0x01; // inside the MDC packet
        InputStream in = decryptor.open(new java.io.ByteArrayInputStream(corrupt));
        assertThat(in.readNBytes(1024)).hasSize(1024);
        assertThatThrownBy(in::close).isInstanceOf(IntegrityException.class).hasMessageContaining("MDC");
    }

    @Test
    void messageWithoutMdcIsRefused() throws Exception {
        Path file = withoutMdc("hello");

        assertThatThrownBy(() -> TestData.decrypt(new Decryptor(PASSPHRASE.toCharArray(), null), file))
                .isInstanceOf(IntegrityException.class)
                .hasMessageContaining("MDC")
                .hasMessageContaining("--ignore-mdc-error");
    }

    /** What gpg 1.x wrote with 64-bit ciphers, and gpg 2.2 writes with --rfc2440: no MDC. duplicity reads it. */
    @ParameterizedTest
    @ValueSource(strings = {"--symmetric --cipher-algo CAST5", "--symmetric --cipher-algo AES256",
            "--encrypt --recipient " + GpgHome.VECTOR_FINGERPRINT + " --cipher-algo CAST5"})
    void readsWhatGpgWritesWithoutAnMdcOnlyWhenThatIsAccepted(String options) throws Exception {
        byte[] plaintext = TestData.bytes(150_000, options.hashCode());
        Path input = TestData.file(dir, "plain-" + options.hashCode(), plaintext);
        Path message = dir.resolve("no-mdc-" + options.hashCode() + ".gpg");
        gpg.run(Stream.concat(Stream.of("--passphrase", PASSPHRASE, "--trust-model", "always", "--rfc2440",
                                "--output", message.toString()),
                        Stream.concat(Stream.of(options.split(" ")), Stream.of(input.toString())))
                .toArray(String[]::new)).expectSuccess();

        assertThatThrownBy(() -> TestData.decrypt(new Decryptor(PASSPHRASE.toCharArray(), vectorSecretKeys), message))
                .isInstanceOf(IntegrityException.class)
                .hasMessageContaining("--ignore-mdc-error");
        Decryptor accepting = new Decryptor(PASSPHRASE.toCharArray(), vectorSecretKeys, null, false, true);
        assertThat(TestData.decrypt(accepting, message)).isEqualTo(plaintext);
    }

    /** A passphrase message in a Symmetrically Encrypted Data packet: no MDC, as gpg 1.x wrote with 64-bit ciphers. */
    private Path withoutMdc(String text) throws Exception {
        Path file = dir.resolve("no-mdc.gpg");
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            var generator = new org.bouncycastle.openpgp.PGPEncryptedDataGenerator(
                    new org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder(
                                    org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags.AES_256)
                            .setWithIntegrityPacket(false)
                            .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()));
            generator.addMethod(new org.bouncycastle.openpgp.operator.jcajce.JcePBEKeyEncryptionMethodGenerator(
                    PASSPHRASE.toCharArray()));
            try (java.io.OutputStream encrypted = generator.open(out, new byte[4096])) {
                var literal = new org.bouncycastle.openpgp.PGPLiteralDataGenerator();
                try (java.io.OutputStream body = literal.open(
                        encrypted, 'b', "", new java.util.Date(), new byte[4096])) {
                    body.write(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
            }
        }
        return file;
    }

    @Test
    void unencryptedInputIsRejectedClearly() {
        Path file = A.resolve("duplicity-full.20210101T120000Z.manifest");

        assertThatThrownBy(() -> TestData.decrypt(new Decryptor(PASSPHRASE.toCharArray(), null), file))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("not an encrypted OpenPGP message");
    }
}
