package camelback.crypto;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPObjectFactory;

/**
 * The literal data of a decrypted message, as {@link Decryptor#open} returns it. At EOF, and on close() before
 * EOF, it reads the rest of the decrypted packet stream, checks the signature (if the Decryptor verifies them) and
 * the MDC; close() also closes the ciphertext. After that, {@link #signerKeyId()} tells who signed the message.
 */
public final class PlaintextStream extends InputStream {
    private final InputStream literal;
    private final PGPObjectFactory packets;
    private final SignatureCheck signatureCheck;
    private final InputStream clear;
    private final PGPEncryptedData encrypted;
    private final SourceStream source;
    private final byte[] single = new byte[1];
    private boolean verified;
    private SignatureCheck.Signer signer;
    private IOException failure;
    private boolean closed;

    /**
     * @param packets the packets around {@code literal}, where the signatures follow it
     * @param signatureCheck null if signatures are not verified
     */
    PlaintextStream(InputStream literal, PGPObjectFactory packets, SignatureCheck signatureCheck, InputStream clear,
            PGPEncryptedData encrypted, SourceStream source) {
        this.literal = literal;
        this.packets = packets;
        this.signatureCheck = signatureCheck;
        this.clear = clear;
        this.encrypted = encrypted;
        this.source = source;
    }

    /**
     * The 16-hex-digit id of the (sub)key whose signature was verified; empty if the Decryptor does not verify
     * signatures, the message is unsigned (and no signature is required), or the stream has not been read to its
     * end or closed yet.
     */
    public Optional<String> signerKeyId() {
        return verified && signer != null ? Optional.of(signer.keyId()) : Optional.empty();
    }

    /** The primary key fingerprint (upper-case hex) of the verified signer; empty as for {@link #signerKeyId()}. */
    public Optional<String> signerFingerprint() {
        return verified && signer != null ? Optional.of(signer.fingerprint()) : Optional.empty();
    }

    @Override
    public int read() throws IOException {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (verified) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        try {
            int n = literal.read(b, off, len);
            if (n < 0) {
                verify();
            } else if (signatureCheck != null) {
                signatureCheck.update(b, off, n);
            }
            return n;
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (source) {
            if (failure == null && !verified) {
                try {
                    verify();
                } catch (IOException | RuntimeException e) {
                    throw fail(e);
                }
            }
        }
    }

    private void verify() throws IOException {
        byte[] buffer = new byte[1 << 16];
        SignatureException badSignature = null;
        if (signatureCheck != null) {
            for (int n = literal.read(buffer); n >= 0; n = literal.read(buffer)) {
                signatureCheck.update(buffer, 0, n);
            }
            try {
                signer = signatureCheck.finish(packets);
            } catch (SignatureException e) {
                // Reported after the MDC check: a modified ciphertext is the more basic finding.
                badSignature = e;
            }
        }
        while (clear.read(buffer) >= 0) {
            // The reader stopped early or the literal packet is followed by signatures: the MDC covers it all.
        }
        if (!encrypted.isAEAD() && encrypted.isIntegrityProtected()) {
            boolean matches;
            try {
                matches = encrypted.verify();
            } catch (PGPException e) {
                throw new IntegrityException("cannot check the message's integrity: " + e.getMessage(), e);
            }
            if (!matches) {
                throw new IntegrityException(
                        "integrity check (MDC) failed: the ciphertext was modified or corrupted; do not trust it");
            }
        }
        if (badSignature != null) {
            throw badSignature;
        }
        verified = true;
    }

    private IOException fail(Throwable e) {
        if (e instanceof CryptoException) {
            failure = (CryptoException) e;
        } else if (source.causedBy(e)) {
            failure = (IOException) e;
        } else {
            failure = corrupt(e);
        }
        return failure;
    }

    static IntegrityException corrupt(Throwable e) {
        if (e instanceof EOFException) {
            return new IntegrityException(
                    "encrypted message ends early (truncated upload or download?): " + e.getMessage(), e);
        }
        return new IntegrityException("encrypted message is corrupt: " + e, e);
    }
}
