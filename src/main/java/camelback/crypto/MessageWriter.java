package camelback.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Date;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;

/**
 * Writes the packet layers gpg 2.2 reads: SEIPD v1 with MDC (AES-256, no AEAD), optionally a ZLIB compressed
 * packet (adaptive, see {@link AdaptiveDeflateOutputStream}; on several threads when the pool has them, see
 * {@link ParallelDeflateOutputStream}), and one binary literal packet with an empty name,
 * optionally between a one-pass signature and its signature; all with partial body lengths, so nothing is buffered
 * beyond one packet chunk.
 */
final class MessageWriter {
    private static final int CHUNK = 1 << 16;

    private final int compressionLevel;
    private final SigningKey signer;
    private final CompressionPool compressionPool;

    /** @param signer signs each message; null = unsigned */
    MessageWriter(int compressionLevel, SigningKey signer, CompressionPool compressionPool) {
        if (compressionLevel < 0 || compressionLevel > 9) {
            throw new IllegalArgumentException(
                    "compression level must be 0 (none) or 1..9 (ZLIB), was " + compressionLevel);
        }
        this.compressionLevel = compressionLevel;
        this.signer = signer;
        this.compressionPool = compressionPool;
    }

    static PGPEncryptedDataGenerator newEncryptedDataGenerator(SecureRandom random) {
        return new PGPEncryptedDataGenerator(JdkMdcDigest.encryptorBuilder(
                new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                        .setWithIntegrityPacket(true)
                        .setSecureRandom(random)
                        .setProvider(CryptoProviders.CONTENT)));
    }

    OutputStream open(PGPEncryptedDataGenerator encryptedGenerator, OutputStream sink) throws IOException {
        OutputStream encrypted;
        try {
            encrypted = encryptedGenerator.open(sink, new byte[CHUNK]);
        } catch (PGPException e) {
            throw new CryptoException("cannot start an OpenPGP message: " + e.getMessage(), e);
        }
        DeflateStream compressed = null;
        OutputStream literalParent = encrypted;
        if (compressionLevel > 0) {
            // What gpg writes: old-format tag 8 with indeterminate length (the packet runs to the end of its
            // container), the algorithm, then the compressed packets.
            encrypted.write(new byte[] {(byte) 0xA3, (byte) CompressionAlgorithmTags.ZLIB});
            compressed = DeflateStream.open(
                    encrypted, compressionLevel, AdaptiveDeflateOutputStream.Framing.ZLIB, compressionPool);
            literalParent = compressed.stream();
        }
        OnePassSigner signature = signer == null ? null : OnePassSigner.start(signer, literalParent);
        PGPLiteralDataGenerator literalGenerator = new PGPLiteralDataGenerator();
        OutputStream literal =
                literalGenerator.open(literalParent, PGPLiteralData.BINARY, "", new Date(), new byte[CHUNK]);
        return new MessageOutputStream(
                literal, literalGenerator, signature, literalParent, compressed, encryptedGenerator, sink);
    }

    /** The plaintext side; close() ends each packet from the inside out, then closes the sink. */
    private static final class MessageOutputStream extends OutputStream {
        private final OutputStream literal;
        private final PGPLiteralDataGenerator literalGenerator;
        private final OnePassSigner signature;
        private final OutputStream literalParent;
        private final DeflateStream compressed;
        private final PGPEncryptedDataGenerator encryptedGenerator;
        private final OutputStream sink;
        private boolean closed;

        MessageOutputStream(
                OutputStream literal,
                PGPLiteralDataGenerator literalGenerator,
                OnePassSigner signature,
                OutputStream literalParent,
                DeflateStream compressed,
                PGPEncryptedDataGenerator encryptedGenerator,
                OutputStream sink) {
            this.literal = literal;
            this.literalGenerator = literalGenerator;
            this.signature = signature;
            this.literalParent = literalParent;
            this.compressed = compressed;
            this.encryptedGenerator = encryptedGenerator;
            this.sink = sink;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            literal.write(b, off, len);
            if (signature != null) {
                signature.update(b, off, len);
            }
        }

        // flush() is deliberately not passed on: flushing mid-packet would only cut partial packets short.
        @Override
        public void flush() {}

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try (sink) {
                literalGenerator.close();
                if (signature != null) {
                    signature.finish(literalParent);
                }
                if (compressed != null) {
                    compressed.finish().run();
                }
                encryptedGenerator.close();
            }
        }
    }
}
