package camelback.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Date;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;

/**
 * Signs one message like {@code gpg --sign}: a one-pass signature packet before the literal packet, the literal
 * data hashed as it streams, and a v4 binary-document signature (SHA-256; hashed creation time and issuer
 * fingerprint, unhashed issuer key id) after it.
 */
final class OnePassSigner {
    private final PGPSignatureGenerator generator;

    private OnePassSigner(PGPSignatureGenerator generator) {
        this.generator = generator;
    }

    /** Writes the one-pass signature packet to {@code parent}, where the literal packet follows. */
    static OnePassSigner start(SigningKey key, OutputStream parent) throws IOException {
        PGPPublicKey publicKey = key.secretKey().getPublicKey();
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new JcaPGPContentSignerBuilder(publicKey.getAlgorithm(), HashAlgorithmTags.SHA256)
                            .setProvider(CryptoProviders.signatures(publicKey.getAlgorithm()))
                            .setDigestProvider(CryptoProviders.DIGEST),
                    publicKey);
            generator.init(PGPSignature.BINARY_DOCUMENT, key.privateKey());
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setIssuerFingerprint(false, publicKey);
            hashed.setSignatureCreationTime(false, new Date());
            PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
            unhashed.setIssuerKeyID(false, publicKey.getKeyID());
            generator.setHashedSubpackets(hashed.generate());
            generator.setUnhashedSubpackets(unhashed.generate());
            generator.generateOnePassVersion(false).encode(parent);
            return new OnePassSigner(generator);
        } catch (PGPException e) {
            throw new CryptoException("cannot sign with key " + key.keyId() + ": " + e.getMessage(), e);
        }
    }

    void update(byte[] b, int off, int len) {
        generator.update(b, off, len);
    }

    /** Writes the signature packet after the closed literal packet. */
    void finish(OutputStream parent) throws IOException {
        try {
            generator.generate().encode(parent);
        } catch (PGPException e) {
            throw new CryptoException("cannot finish the signature: " + e.getMessage(), e);
        }
    }
}
