package camelback.crypto;

/** The ciphertext is truncated, corrupt, fails its modification detection code, or has none. */
public final class IntegrityException extends CryptoException {
    private static final long serialVersionUID = 1L;

    public IntegrityException(String message) {
        super(message);
    }

    public IntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
