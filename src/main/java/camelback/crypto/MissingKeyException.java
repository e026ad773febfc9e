package camelback.crypto;

/** The message is encrypted to keys we do not hold; the message names their key ids. */
public final class MissingKeyException extends CryptoException {
    private static final long serialVersionUID = 1L;

    public MissingKeyException(String message) {
        super(message);
    }
}
