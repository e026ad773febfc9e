package camelback.crypto;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPException;

/**
 * The literal data of a decrypted message. At EOF, and on close() before EOF, it reads the rest of the
 * decrypted packet stream and checks the MDC; close() also closes the ciphertext.
 */
final class PlaintextStream extends InputStream {
    private final InputStream literal;
    private final InputStream clear;
    private final PGPEncryptedData encrypted;
    private final SourceStream source;
    private final byte[] single = new byte[1];
    private boolean verified;
    private IOException failure;
    private boolean closed;

    PlaintextStream(InputStream literal, InputStream clear, PGPEncryptedData encrypted, SourceStream source) {
        this.literal = literal;
        this.clear = clear;
        this.encrypted = encrypted;
        this.source = source;
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

    private void verify() throws IOException, IntegrityException {
        byte[] buffer = new byte[1 << 16];
        while (clear.read(buffer) >= 0) {
            // The reader stopped early or the literal packet is followed by signatures: the MDC covers it all.
        }
        if (!encrypted.isAEAD()) {
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
