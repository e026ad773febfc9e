package camelback.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBEKeyEncryptionMethodGenerator;

/**
 * Encrypts like {@code gpg --symmetric}: one SKESK v4 (iterated+salted SHA-256 S2K, AES-256, the S2K output is
 * the session key), SEIPD v1 with MDC, optional ZLIB, one binary literal packet; optionally signed like
 * {@code gpg --sign --symmetric}.
 */
public final class PassphraseEncryptor implements StreamEncryptor {
    // Encoded S2K count 0xF0 = 32 MiB hashed per message: in the range gpg calibrates to, yet ~0.1 s here.
    private static final int S2K_COUNT = 0xF0;

    private final char[] passphrase;
    private final MessageWriter writer;

    /** @param compressionLevel 0 = no compressed packet; 1..9 = ZLIB at that level, incompressible blocks stored */
    public PassphraseEncryptor(char[] passphrase, int compressionLevel) {
        this(passphrase, compressionLevel, null);
    }

    /**
     * @param compressionLevel 0 = no compressed packet; 1..9 = ZLIB at that level, incompressible blocks stored
     * @param signer signs every message like {@code gpg --sign --symmetric}; null = unsigned
     */
    public PassphraseEncryptor(char[] passphrase, int compressionLevel, SigningKey signer) {
        this(passphrase, compressionLevel, signer, CompressionPool.shared());
    }

    /**
     * @param compressionLevel 0 = no compressed packet; 1..9 = ZLIB at that level, incompressible blocks stored
     * @param signer signs every message like {@code gpg --sign --symmetric}; null = unsigned
     * @param compressionPool the threads that deflate; a single-threaded pool compresses on the writing thread
     */
    public PassphraseEncryptor(
            char[] passphrase, int compressionLevel, SigningKey signer, CompressionPool compressionPool) {
        if (passphrase == null || passphrase.length == 0) {
            throw new IllegalArgumentException("a passphrase is required for passphrase encryption");
        }
        this.passphrase = passphrase.clone();
        this.writer = new MessageWriter(compressionLevel, signer, compressionPool);
    }

    @Override
    public OutputStream open(OutputStream sink) throws IOException {
        SecureRandom random = new SecureRandom();
        PGPEncryptedDataGenerator generator = MessageWriter.newEncryptedDataGenerator(random);
        PGPDigestCalculator s2kDigest;
        try {
            s2kDigest = new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA256);
        } catch (PGPException e) {
            throw new CryptoException("no SHA-256 in this Java runtime: " + e.getMessage(), e);
        }
        generator.addMethod(new JcePBEKeyEncryptionMethodGenerator(passphrase, s2kDigest, S2K_COUNT)
                .setProvider(CryptoProviders.CONTENT)
                .setSecureRandom(random));
        return writer.open(generator, sink);
    }
}
