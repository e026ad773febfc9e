package camelback.crypto;

import java.io.IOException;

/** An OpenPGP operation failed; the message says what failed and what to do about it. */
public class CryptoException extends IOException {
    private static final long serialVersionUID = 1L;

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
