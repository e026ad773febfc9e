package camelback.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPSessionKey;
import org.bouncycastle.openpgp.operator.PGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.SessionKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.jcajce.JceSessionKeyDataDecryptorFactoryBuilder;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPBEEncryptedData;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBEDataDecryptorFactoryBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBEKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures OpenPGP throughput on 256 MiB (no compression), JDK AES versus Bouncy Castle's. Run on demand:
 * {@code mvn -o test -Dtest=ThroughputBenchmarkTest -Dcamelback.bench=true}.
 */
@EnabledIfSystemProperty(named = "camelback.bench", matches = "true")
class ThroughputBenchmarkTest {
    private static final int SIZE = 256 << 20;
    private static final char[] PASSPHRASE = "benchmark".toCharArray();

    @TempDir
    Path dir;

    @Test
    void measuresJdkAndBouncyCastleAes() throws Exception {
        byte[] chunk = new byte[1 << 20];
        new SecureRandom().nextBytes(chunk);
        Provider bc = new BouncyCastleProvider();
        Provider jdk = java.security.Security.getProvider("SunJCE");
        Path message = dir.resolve("m.gpg");
        Map<String, Long> best = new LinkedHashMap<>();
        for (int round = 0; round < 4; round++) { // round 0 warms up the JIT; the best of the others counts
            measure(round, best, "encrypt: BC AES, BC SHA-1 MDC (stock BC)", () -> encrypt(bc, false, chunk, message));
            measure(round, best, "decrypt: BC AES, BC SHA-1 MDC (stock BC)", () -> decrypt(bc, false, message));
            measure(round, best, "encrypt: JDK AES, BC SHA-1 MDC (Jce builders)", () -> encrypt(jdk, false, chunk, message));
            measure(round, best, "decrypt: JDK AES, BC SHA-1 MDC (Jce builders)", () -> decrypt(jdk, false, message));
            measure(round, best, "encrypt: JDK AES, JDK SHA-1 MDC", () -> encrypt(jdk, true, chunk, message));
            measure(round, best, "decrypt: JDK AES, JDK SHA-1 MDC", () -> decrypt(jdk, true, message));
            measure(round, best, "PassphraseEncryptor, level 0", () -> {
                try (OutputStream out = new PassphraseEncryptor(PASSPHRASE, 0).open(Files.newOutputStream(message))) {
                    writeAll(out, chunk);
                }
            });
            measure(round, best, "Decryptor", () -> {
                try (InputStream in = new Decryptor(PASSPHRASE, null).open(Files.newInputStream(message))) {
                    assertThat(in.transferTo(OutputStream.nullOutputStream())).isEqualTo(SIZE);
                }
            });
            measure(round, best, "PassphraseEncryptor, ZLIB 6 on random data", () -> {
                try (OutputStream out = new PassphraseEncryptor(PASSPHRASE, 6).open(Files.newOutputStream(message))) {
                    writeAll(out, chunk);
                }
            });
        }
        best.forEach((what, nanos) -> System.out.printf("%-50s %7.1f MB/s%n", what, SIZE / 1e6 / (nanos / 1e9)));
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            KeyPairGenerator.generate("Bench <b@example.invalid>", PASSPHRASE, dir.resolve(i + "p.asc"), dir.resolve(i + "s.asc"));
            System.out.printf("keygen RSA 3072 + RSA 3072 subkey: %d ms%n", (System.nanoTime() - start) / 1_000_000);
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    private static void measure(int round, Map<String, Long> best, String what, Run run) throws Exception {
        long start = System.nanoTime();
        run.run();
        long nanos = System.nanoTime() - start;
        if (round > 0) {
            best.merge(what, nanos, Math::min);
        }
    }

    private static void encrypt(Provider provider, boolean jdkMdc, byte[] chunk, Path target) throws Exception {
        PGPDataEncryptorBuilder builder = new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                .setWithIntegrityPacket(true)
                .setProvider(provider)
                .setSecureRandom(new SecureRandom());
        PGPEncryptedDataGenerator generator =
                new PGPEncryptedDataGenerator(jdkMdc ? JdkMdcDigest.encryptorBuilder(builder) : builder);
        generator.addMethod(new JcePBEKeyEncryptionMethodGenerator(PASSPHRASE,
                new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA256), 0x60));
        try (OutputStream file = Files.newOutputStream(target);
                OutputStream encrypted = generator.open(file, new byte[1 << 16]);
                OutputStream literal = new PGPLiteralDataGenerator()
                        .open(encrypted, PGPLiteralData.BINARY, "", new Date(), new byte[1 << 16])) {
            writeAll(literal, chunk);
        }
    }

    private static void decrypt(Provider provider, boolean jdkMdc, Path message) throws Exception {
        try (InputStream in = Files.newInputStream(message)) {
            PGPEncryptedDataList list = (PGPEncryptedDataList)
                    new PGPObjectFactory(in, new JcaKeyFingerprintCalculator()).nextObject();
            PGPPBEEncryptedData data = (PGPPBEEncryptedData) list.get(0);
            PGPSessionKey sessionKey = data.getSessionKey(
                    new JcePBEDataDecryptorFactoryBuilder(new JcaPGPDigestCalculatorProviderBuilder().build())
                            .build(PASSPHRASE));
            SessionKeyDataDecryptorFactory factory =
                    new JceSessionKeyDataDecryptorFactoryBuilder().setProvider(provider).build(sessionKey);
            InputStream clear = data.getDataStream(jdkMdc ? JdkMdcDigest.decryptorFactory(factory) : factory);
            PGPLiteralData literal = (PGPLiteralData)
                    new PGPObjectFactory(clear, new JcaKeyFingerprintCalculator()).nextObject();
            assertThat(literal.getInputStream().transferTo(OutputStream.nullOutputStream())).isEqualTo(SIZE);
            assertThat(data.verify()).isTrue();
        }
    }

    private static void writeAll(OutputStream out, byte[] chunk) throws Exception {
        for (int written = 0; written < SIZE; written += chunk.length) {
            out.write(chunk);
        }
    }

}
