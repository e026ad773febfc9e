package camelback.crypto;

/** A key file is missing, unreadable or malformed, or holds no usable key; the message names the file. */
public final class KeyFileException extends CryptoException {
    private static final long serialVersionUID = 1L;

    public KeyFileException(String message) {
        super(message);
    }

    public KeyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
