package camelback.crypto;

/** The passphrase does not open the message or the secret key. */
public final class WrongPassphraseException extends CryptoException {
    private static final long serialVersionUID = 1L;

    public WrongPassphraseException(String message, Throwable cause) {
        super(message, cause);
    }
}
