package camelback.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.List;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

/**
 * Encrypts like {@code gpg --encrypt}: one PKESK v3 per recipient key, SEIPD v1 with MDC (AES-256), optional
 * ZLIB, one binary literal packet, optionally signed. Recipients are encryption (sub)keys, e.g. from
 * {@link KeyFiles#encryptionKeys}.
 */
public final class PublicKeyEncryptor implements StreamEncryptor {
    private final List<PGPPublicKey> recipients;
    private final MessageWriter writer;

    /** @param compressionLevel 0 = no compressed packet; 1..9 = ZLIB at that level, incompressible blocks stored */
    public PublicKeyEncryptor(List<PGPPublicKey> recipients, int compressionLevel) {
        this(recipients, compressionLevel, null);
    }

    /**
     * @param compressionLevel 0 = no compressed packet; 1..9 = ZLIB at that level, incompressible blocks stored
     * @param signer signs every message like {@code gpg --sign --encrypt}; null = unsigned
     */
    public PublicKeyEncryptor(List<PGPPublicKey> recipients, int compressionLevel, SigningKey signer) {
        this(recipients, compressionLevel, signer, CompressionPool.shared());
    }

    /**
     * @param compressionLevel 0 = no compressed packet; 1..9 = ZLIB at that level, incompressible blocks stored
     * @param signer signs every message like {@code gpg --sign --encrypt}; null = unsigned
     * @param compressionPool the threads that deflate; a single-threaded pool compresses on the writing thread
     */
    public PublicKeyEncryptor(
            List<PGPPublicKey> recipients, int compressionLevel, SigningKey signer, CompressionPool compressionPool) {
        if (recipients == null || recipients.isEmpty()) {
            throw new IllegalArgumentException("at least one recipient key is required");
        }
        for (PGPPublicKey key : recipients) {
            if (!key.isEncryptionKey()) {
                throw new IllegalArgumentException(String.format(
                        "key %016X cannot encrypt; pass an encryption subkey (see KeyFiles.encryptionKeys)",
                        key.getKeyID()));
            }
        }
        this.recipients = List.copyOf(recipients);
        this.writer = new MessageWriter(compressionLevel, signer, compressionPool);
    }

    @Override
    public OutputStream open(OutputStream sink) throws IOException {
        SecureRandom random = new SecureRandom();
        PGPEncryptedDataGenerator generator = MessageWriter.newEncryptedDataGenerator(random);
        for (PGPPublicKey key : recipients) {
            // Bouncy Castle's lightweight RSA/ElGamal/ECDH: one operation per volume, and no JCA provider to build.
            generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key).setSecureRandom(random));
        }
        return writer.open(generator, sink);
    }
}
